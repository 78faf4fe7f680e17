import { Card, Group, Stack, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { listEvents } from "~/events/events.server";
import { requireProject } from "~/lib/permissions.server";
import { isEventType } from "~/webhooks/event-types";
import { DeliveryStatusBadge, EventCell, EventTypeSelect, LogTableCard } from "~/webhooks/ui";
import { FilterForm } from "~/ui/filter-form";
import { formatDateTime } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";
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
      <Card withBorder padding="md">
        <FilterForm filtered={filtered}>
          <EventTypeSelect defaultValue={params.get("type")} />
          <TextInput name="object" label="Order or session" placeholder="ord_… or sess_…" defaultValue={params.get("object") ?? ""} w={260} />
        </FilterForm>
      </Card>
      <LogTableCard
        rows={events}
        eventType={(e) => e.type}
        columns={[
          { header: "Event", cell: (e) => <EventCell href={`${base}/events/${e.id}`} type={e.type} id={e.id} isTest={e.isTest} /> },
          {
            header: "About",
            cell: (e) => (
              <>
                <Text size="sm">{e.orderId ?? e.sessionId ?? "—"}</Text>
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
          { header: "Created", cell: (e) => <Text size="sm">{formatDateTime(e.createdAt)}</Text> },
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
