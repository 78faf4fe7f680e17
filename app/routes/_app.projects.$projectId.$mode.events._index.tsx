import { Anchor, Group, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listEvents } from "~/events/events.server";
import { requireProject } from "~/lib/permissions.server";
import { EVENT_TYPES, isEventType } from "~/webhooks/event-types";
import { DeliveryStatusBadge, EventCell, LogTableCard } from "~/webhooks/ui";
import { FilterBar, FilterSelect, FilterText, LOG_CURSORS } from "~/ui/filter-bar";
import { PageHeader } from "~/ui/page-header";
import { Timestamp } from "~/ui/timestamp";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Events · Ramp" }];

/** An id typed into the filter: `ord_…` filters by order, `sess_…` by session. */
function refFilter(value: string | null) {
  const ref = value?.trim() ?? "";
  if (ref.startsWith("ord_")) return { orderId: ref };
  if (ref.startsWith("sess_")) return { sessionId: ref };
  return {};
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const url = new URL(request.url);
  const type = url.searchParams.get("type");
  const page = await listEvents(ctx, {
    type: isEventType(type) ? type : null,
    ...refFilter(url.searchParams.get("object")),
    after: url.searchParams.get("after"),
    before: url.searchParams.get("before"),
  });
  return {
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    events: page.rows.map((e) => ({
      id: e.id,
      type: e.type,
      isTest: e.isTest,
      orderId: e.orderId,
      sessionId: e.sessionId,
      sequence: e.sequence,
      deliveries: e.deliveries,
      createdAt: e.createdAt.toISOString(),
    })),
    hasNewer: page.hasNewer,
    hasOlder: page.hasOlder,
  };
}

export default function Events() {
  const { events, base, hasNewer, hasOlder } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filtered = Boolean(params.get("type") || params.get("object"));
  return (
    <Stack>
      <PageHeader
        title="Events"
        description="Everything that happened to this project's orders and sessions, newest first, with the webhook deliveries of each event."
      />
      <FilterBar filters={["type", "object"]} cursors={LOG_CURSORS}>
        <FilterSelect name="type" label="Event type" placeholder="Any type" data={[...EVENT_TYPES]} w={220} />
        <FilterText name="object" label="Order or session" placeholder="ord_… or sess_…" w={260} />
      </FilterBar>
      <LogTableCard
        rows={events}
        eventType={(e) => e.type}
        columns={[
          { header: "Event", cell: (e) => <EventCell href={`${base}/events/${e.id}`} type={e.type} id={e.id} isTest={e.isTest} /> },
          {
            header: "About",
            cell: (e) => (
              <>
                {e.orderId || e.sessionId ? (
                  <Anchor component={Link} to={e.orderId ? `${base}/orders/${e.orderId}` : `${base}/sessions/${e.sessionId}`} ff="monospace" size="sm">
                    {e.orderId ?? e.sessionId}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
                {e.sequence ? (
                  <Text size="xs" c="dimmed">
                    sequence {e.sequence}
                  </Text>
                ) : null}
              </>
            ),
          },
          {
            header: "Deliveries",
            cell: (e) =>
              Object.keys(e.deliveries).length === 0 ? (
                <Text size="sm" c="dimmed">
                  None
                </Text>
              ) : (
                <Group gap={4}>
                  {Object.entries(e.deliveries).map(([status, count]) => (
                    <Group key={status} gap={2} wrap="nowrap">
                      <DeliveryStatusBadge status={status} />
                      <Text size="xs">×{count}</Text>
                    </Group>
                  ))}
                </Group>
              ),
          },
          { header: "Created", nowrap: true, cell: (e) => <Timestamp iso={e.createdAt} /> },
        ]}
        testIds={{ table: "events-table", row: "event-row", empty: "events-empty" }}
        emptyMessage={filtered ? "No events match these filters." : "No events yet. They appear as sessions and orders change."}
        hasNewer={hasNewer}
        hasOlder={hasOlder}
      />
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
