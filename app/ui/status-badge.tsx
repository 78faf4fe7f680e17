import { Badge, type MantineSize } from "@mantine/core";

const COLORS: Record<string, string> = {
  pending: "gray",
  created: "gray",
  confirmed: "blue",
  processing: "blue",
  completed: "teal",
  succeeded: "teal",
  expired: "yellow",
  cancelled: "gray",
  failed: "red",
  refunded: "grape",
};

export function StatusBadge({ status, size }: { status: string; size?: MantineSize }) {
  return (
    // Never squeezed to "pend": the badge keeps its width and its label is never cut.
    <Badge
      color={COLORS[status] ?? "gray"}
      size={size}
      variant="light"
      radius="sm"
      tt="none"
      miw="max-content"
      style={{ flexShrink: 0 }}
      styles={{ label: { overflow: "visible" } }}
    >
      {status}
    </Badge>
  );
}
