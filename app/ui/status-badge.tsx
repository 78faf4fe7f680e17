import { Badge, type BadgeProps, type MantineSize } from "@mantine/core";

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

/** A record's short label: never squeezed to "pend", the badge keeps its width and its label is never cut. */
function RecordBadge({ children, ...props }: BadgeProps & { children: string; "data-testid"?: string }) {
  return (
    <Badge radius="sm" tt="none" miw="max-content" style={{ flexShrink: 0 }} styles={{ label: { overflow: "visible" } }} {...props}>
      {children}
    </Badge>
  );
}

export function StatusBadge({ status, size }: { status: string; size?: MantineSize }) {
  return (
    <RecordBadge color={COLORS[status] ?? "gray"} size={size} variant="light">
      {status}
    </RecordBadge>
  );
}

/** Whether a session or order buys crypto or sells it (sessions' onramp/offramp, orders' buy/sell). */
export function TradeTypeBadge({ sell, size }: { sell: boolean; size?: MantineSize }) {
  return (
    <RecordBadge color={sell ? "orange" : "indigo"} size={size} variant="outline" data-testid="trade-type">
      {sell ? "Sell" : "Buy"}
    </RecordBadge>
  );
}
