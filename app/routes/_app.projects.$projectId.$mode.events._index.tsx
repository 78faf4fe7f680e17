import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { IconFilter } from "@tabler/icons-react";
import { listEvents } from "~/events/events.server";
import { requireProject } from "~/lib/permissions.server";
import { EVENT_TYPES, isEventType } from "~/webhooks/event-types";
import { DeliveryStatusBadge, Pager } from "~/webhooks/ui";
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
  const filtered = params.get("type") || params.get("object");
  return (
    <Stack>
      <PageHeader title="Events" description="Everything that happened to this project's orders and sessions, newest first, with the webhook deliveries of each event." />
      <Card withBorder padding="md">
        <Form method="get">
          <Group align="flex-end" wrap="wrap">
            <Select name="type" label="Event type" placeholder="Any" clearable data={[...EVENT_TYPES]} defaultValue={params.get("type")} w={220} comboboxProps={{ withinPortal: true }} />
            <TextInput name="object" label="Order or session" placeholder="ord_… or sess_…" defaultValue={params.get("object") ?? ""} w={260} />
            <Button type="submit" variant="default" leftSection={<IconFilter size={16} />}>
              Filter
            </Button>
            {filtered ? (
              <Button component={Link} to="?" variant="subtle">
                Clear
              </Button>
            ) : null}
          </Group>
        </Form>
      </Card>
      <Card withBorder padding={0}>
        {events.length === 0 ? (
          <Text c="dimmed" size="sm" p="lg" ta="center" data-testid="events-empty">
            {filtered ? "No events match these filters." : "No events yet. They appear as sessions and orders change."}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760} type="native">
            <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="events-table" style={{ whiteSpace: "nowrap" }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>About</Table.Th>
                  <Table.Th>Deliveries</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.map((e) => (
                  <Table.Tr key={e.id} data-testid="event-row" data-event-type={e.type}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Anchor component={Link} to={`${base}/events/${e.id}`} size="sm" fw={600}>
                          {e.type}
                        </Anchor>
                        {e.isTest ? (
                          <Badge size="xs" variant="outline" color="gray">
                            test event
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {e.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.orderId ?? e.sessionId ?? "—"}</Text>
                      {e.sequence ? (
                        <Text size="xs" c="dimmed">
                          sequence {e.sequence}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {Object.keys(e.deliveries).length === 0 ? (
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
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(e.createdAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Pager first={events[0]?.id} last={events[events.length - 1]?.id} hasNewer={hasNewer} hasOlder={hasOlder} />
      </Card>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
