import { Anchor, Button, Code, Group, Stack, Table, Text } from "@mantine/core";
import { Link, useFetcher } from "@remix-run/react";
import { Fragment } from "react";
import { DeliveryStatusBadge } from "~/webhooks/ui";
import { ScrollShadow } from "./scroll-shadow";
import { Timestamp } from "./timestamp";
import { useActionResult, type ClientActionResult } from "./use-action-result";

interface EventDelivery {
  id: string;
  status: string;
  attemptCount: number;
  lastResponseStatus: number | null;
  endpointUrl: string;
}

interface ListedEvent {
  id: string;
  type: string;
  sequence: number | null;
  createdAt: string;
  /** When given (the order page), each event's deliveries are listed under it. */
  deliveries?: EventDelivery[];
}

/** Resend through the event page's own action (same permission check there); the outcome shows on its line. */
function ResendButton({ action, deliveryId }: { action: string; deliveryId: string }) {
  const fetcher = useFetcher<ClientActionResult>();
  const resend = useActionResult(fetcher.data, { intent: "resend", notify: "none" });
  return (
    <fetcher.Form method="post" action={action}>
      <input type="hidden" name="intent" value="resend" />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Group gap="xs" wrap="nowrap">
        <Button type="submit" size="compact-xs" variant="subtle" loading={fetcher.state !== "idle"}>
          Resend
        </Button>
        {resend.succeeded ? (
          <Text size="xs" c="teal" role="status">
            Queued
          </Text>
        ) : resend.formError ? (
          <Text size="xs" c="red" role="alert">
            {resend.formError}
          </Text>
        ) : null}
      </Group>
    </fetcher.Form>
  );
}

function DeliveryLines({ deliveries, eventPath, canResend }: { deliveries: EventDelivery[]; eventPath: string; canResend: boolean }) {
  if (deliveries.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        No endpoint was subscribed.
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid="event-deliveries">
      {deliveries.map((d) => (
        <Group key={d.id} gap="xs" wrap="nowrap" data-testid="event-delivery">
          <DeliveryStatusBadge status={d.status} />
          <Text size="xs" ff="monospace" truncate miw={140} maw={260} title={d.endpointUrl}>
            {d.endpointUrl}
          </Text>
          <Text size="xs" c="dimmed">
            {d.attemptCount} {d.attemptCount === 1 ? "attempt" : "attempts"}
            {d.lastResponseStatus ? ` · HTTP ${d.lastResponseStatus}` : ""}
          </Text>
          {canResend ? <ResendButton action={eventPath} deliveryId={d.id} /> : null}
        </Group>
      ))}
    </Stack>
  );
}

/** A session's or order's events, each linking to its page (payload and every attempt). */
export function EventList({ events, base, canResend = false }: { events: ListedEvent[]; base: string; canResend?: boolean }) {
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="events-empty">
        No events yet.
      </Text>
    );
  }
  const showDeliveries = events.some((e) => e.deliveries !== undefined);
  // Deliveries go in a full-width row under their event, not in a fifth column: beside the event's own
  // columns they made the table too wide for the order page's column (clipped at the right at 1440 px).
  return (
    <ScrollShadow minWidth={420} fitContent>
      <Table verticalSpacing={6} style={{ whiteSpace: "nowrap" }} data-testid="events-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Seq.</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Fragment key={e.id}>
              <Table.Tr style={showDeliveries ? { borderBottom: "none" } : undefined}>
                <Table.Td>
                  <Anchor component={Link} to={`${base}/events/${e.id}`} ff="monospace" size="sm">
                    {e.id}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Code>{e.type}</Code>
                </Table.Td>
                <Table.Td>{e.sequence ?? "—"}</Table.Td>
                <Table.Td>
                  <Timestamp iso={e.createdAt} dimmed />
                </Table.Td>
              </Table.Tr>
              {showDeliveries ? (
                <Table.Tr>
                  <Table.Td colSpan={4} pt={0}>
                    <DeliveryLines deliveries={e.deliveries ?? []} eventPath={`${base}/events/${e.id}`} canResend={canResend} />
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollShadow>
  );
}
