/** Pieces shared by the webhook and event pages of the console. */
import { Anchor, Badge, Button, Card, Code, Group, ScrollArea, Stack, Text } from "@mantine/core";
import { Link, useSearchParams } from "@remix-run/react";
import { IconAlertTriangle, IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import { CopyButton } from "~/ui/copy-button";
import { DataTable, type Column } from "~/ui/data-table";
import { ShowOnceSecretModal } from "~/ui/show-once-secret";

export function formatRate(rate: number | null) {
  if (rate === null) return "—";
  return `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)}%`;
}

export function EndpointStatus({ status, flagged }: { status: string; flagged: boolean }) {
  if (status === "disabled") {
    return (
      <Badge color="gray" variant="light" miw="max-content">
        Disabled
      </Badge>
    );
  }
  if (flagged) {
    return (
      <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={12} />} miw="max-content">
        Failing
      </Badge>
    );
  }
  return (
    <Badge color="teal" variant="light" miw="max-content">
      Enabled
    </Badge>
  );
}

const DELIVERY_COLORS: Record<string, string> = { pending: "gray", retrying: "orange", succeeded: "teal", failed: "red" };

export function DeliveryStatusBadge({ status }: { status: string }) {
  return (
    <Badge color={DELIVERY_COLORS[status] ?? "gray"} variant="light" radius="sm" tt="none" miw="max-content" data-testid="delivery-status">
      {status}
    </Badge>
  );
}

/** Pretty JSON (or raw text) in a scrollable block with a copy button. */
export function JsonBlock({ value, label, maxHeight = 360 }: { value: unknown; label: string; maxHeight?: number }) {
  let text: string;
  if (typeof value === "string") {
    try {
      text = JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      text = value;
    }
  } else {
    text = JSON.stringify(value, null, 2);
  }
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          {label}
        </Text>
        <CopyButton value={text} label={`Copy ${label.toLowerCase()}`} />
      </Group>
      {/* Focusable, so a keyboard can scroll a long payload (axe: scrollable-region-focusable). */}
      <ScrollArea.Autosize mah={maxHeight} type="auto" viewportProps={{ tabIndex: 0 }}>
        <Code block fz="xs" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {text || "(empty)"}
        </Code>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** Newer / Older links for a keyset page; the other query parameters (filters) are kept. */
export function Pager({ first, last, hasNewer, hasOlder }: { first?: string; last?: string; hasNewer: boolean; hasOlder: boolean }) {
  const [params] = useSearchParams();
  const link = (key: "after" | "before", id?: string) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    if (id) next.set(key, id);
    return `?${next.toString()}`;
  };
  if (!hasNewer && !hasOlder) return null;
  const button = (label: string, enabled: boolean, to: string, icon: "left" | "right") => {
    const iconProps = icon === "left" ? { leftSection: <IconChevronLeft size={14} /> } : { rightSection: <IconChevronRight size={14} /> };
    return enabled ? (
      <Button component={Link} to={to} variant="default" size="xs" {...iconProps}>
        {label}
      </Button>
    ) : (
      <Button variant="default" size="xs" disabled {...iconProps}>
        {label}
      </Button>
    );
  };
  return (
    <Group justify="flex-end" gap="xs" p="sm">
      {button("Newer", hasNewer, link("before", first), "left")}
      {button("Older", hasOlder, link("after", last), "right")}
    </Group>
  );
}

/** An event's type linking to its page, its id under it; with `isTest`, a badge on test events. */
export function EventCell({ href, type, id, isTest }: { href: string; type: string; id: string; isTest?: boolean }) {
  const link = (
    <Anchor component={Link} to={href} size="sm" fw={600}>
      {type}
    </Anchor>
  );
  return (
    <>
      {isTest === undefined ? (
        link
      ) : (
        <Group gap={6} wrap="nowrap">
          {link}
          {isTest ? (
            <Badge size="xs" variant="outline" color="gray">
              test event
            </Badge>
          ) : null}
        </Group>
      )}
      <Text size="xs" c="dimmed">
        {id}
      </Text>
    </>
  );
}

/**
 * The event log's and an endpoint's delivery log's table: in a card, one row per event or
 * delivery (tagged with its event type for tests), a centred message when there are none,
 * and Newer / Older under it.
 */
export function LogTableCard<Row extends { id: string }>({
  rows,
  eventType,
  columns,
  testIds,
  emptyMessage,
  hasNewer,
  hasOlder,
}: {
  rows: Row[];
  eventType: (row: Row) => string;
  columns: Column<Row>[];
  testIds: { table: string; row: string; empty: string };
  emptyMessage: string;
  hasNewer: boolean;
  hasOlder: boolean;
}) {
  return (
    <Card withBorder padding={0}>
      <DataTable
        rows={rows}
        columns={columns}
        minWidth={760}
        horizontalSpacing="md"
        testId={testIds.table}
        rowTestId={testIds.row}
        rowProps={(row) => ({ "data-event-type": eventType(row) })}
        empty={
          <Text c="dimmed" size="sm" p="lg" ta="center" data-testid={testIds.empty}>
            {emptyMessage}
          </Text>
        }
      />
      <Pager first={rows[0]?.id} last={rows[rows.length - 1]?.id} hasNewer={hasNewer} hasOlder={hasOlder} />
    </Card>
  );
}

/** Shows a signing secret once. In live mode it must be acknowledged: it is never shown again. */
export function SigningSecretModal({ secret, mode, onClose, note }: { secret: string | null; mode: string; onClose: () => void; note?: string }) {
  return (
    <ShowOnceSecretModal
      value={secret}
      title="Signing secret"
      noun="secret"
      onceOnly={mode === "live"}
      warning="This is the only time this live signing secret is shown. If you lose it, roll it."
      hint="Test-mode secrets can be revealed again on the endpoint's page."
      note={note}
      testId="signing-secret"
      onClose={onClose}
    />
  );
}
