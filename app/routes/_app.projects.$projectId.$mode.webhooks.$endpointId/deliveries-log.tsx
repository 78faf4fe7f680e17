/** The endpoint's delivery log: filters by status and event type, one row per delivery, Resend. */
import { Button, Text, Title } from "@mantine/core";
import { useSearchParams, type useFetcher } from "@remix-run/react";
import { FilterBar, FilterSelect, LOG_CURSORS } from "~/ui/filter-bar";
import { Timestamp } from "~/ui/timestamp";
import { DELIVERY_STATUSES, EVENT_TYPES } from "~/webhooks/event-types";
import { DeliveryStatusBadge, EventCell, LogTableCard } from "~/webhooks/ui";
import type { action, EndpointView } from "./route";

export function DeliveriesLog({ view, fetcher }: { view: EndpointView; fetcher: ReturnType<typeof useFetcher<typeof action>> }) {
  const { deliveries, hasNewer, hasOlder, base, can, endpoint } = view;
  const [params] = useSearchParams();
  const filtered = Boolean(params.get("status") || params.get("type"));
  return (
    <>
      <Title order={3} size="h4">
        Deliveries
      </Title>
      <FilterBar filters={["status", "type"]} cursors={LOG_CURSORS}>
        <FilterSelect name="status" label="Status" placeholder="Any status" data={[...DELIVERY_STATUSES]} w={160} />
        <FilterSelect name="type" label="Event type" placeholder="Any type" data={[...EVENT_TYPES]} w={220} />
      </FilterBar>
      <LogTableCard
        rows={deliveries}
        eventType={(d) => d.eventType}
        columns={[
          { header: "Event", cell: (d) => <EventCell href={`${base}/events/${d.eventId}`} type={d.eventType} id={d.eventId} /> },
          {
            header: "Status",
            cell: (d) => (
              <>
                <DeliveryStatusBadge status={d.status} />
                {d.nextAttemptAt ? (
                  <Text size="xs" c="dimmed">
                    next <Timestamp iso={d.nextAttemptAt} />
                  </Text>
                ) : null}
              </>
            ),
          },
          { header: "Attempts", cell: (d) => <Text size="sm">{d.attemptCount}</Text> },
          {
            header: "Last answer",
            maw: 240,
            cell: (d) => (
              <Text size="sm" truncate title={d.lastError ?? undefined}>
                {d.lastResponseStatus ? `HTTP ${d.lastResponseStatus}` : d.lastError ? d.lastError : "—"}
              </Text>
            ),
          },
          { header: "Created", nowrap: true, cell: (d) => <Timestamp iso={d.createdAt} /> },
          {
            cell: (d) =>
              can.manage && endpoint.status === "enabled" ? (
                <fetcher.Form method="post">
                  <input type="hidden" name="intent" value="resend" />
                  <input type="hidden" name="deliveryId" value={d.id} />
                  <Button type="submit" size="compact-xs" variant="subtle" aria-label={`Resend ${d.eventType} ${d.eventId}`}>
                    Resend
                  </Button>
                </fetcher.Form>
              ) : null,
          },
        ]}
        testIds={{ table: "deliveries-table", row: "delivery-row", empty: "deliveries-empty" }}
        emptyMessage={filtered ? "No deliveries match these filters." : "No deliveries yet. Send a test event to try the endpoint."}
        hasNewer={hasNewer}
        hasOlder={hasOlder}
      />
    </>
  );
}
