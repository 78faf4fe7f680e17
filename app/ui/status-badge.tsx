import { Badge } from "@mantine/core";

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

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLORS[status] ?? "gray"} variant="light" radius="sm" tt="none" miw="max-content">
      {status}
    </Badge>
  );
}
