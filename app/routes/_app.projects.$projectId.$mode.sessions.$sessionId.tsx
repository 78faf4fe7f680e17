import { Anchor, Badge, Card, Code, Grid, Group, Stack, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IconLock } from "@tabler/icons-react";
import { notFound } from "~/lib/http.server";
import { requireProject } from "~/lib/permissions.server";
import { sessionDetail } from "~/search/records.server";
import { EventList } from "~/ui/event-list";
import { FieldList } from "~/ui/field-list";
import { formatDateTimeSeconds } from "~/ui/format";
import { JsonViewer } from "~/ui/json-viewer";
import { RecordHeader } from "~/ui/record-header";
import { RouteErrorPage } from "~/ui/route-error";
import { SectionCard } from "~/ui/section-card";
import { StatusBadge } from "~/ui/status-badge";
import { StatusTimeline } from "~/ui/timeline";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.session.id ?? "Session"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const detail = await sessionDetail(ctx, params.sessionId ?? "");
  if (!detail) notFound("No session with this id in this project and mode.");
  return { ...detail, base: `/projects/${ctx.projectId}/${ctx.mode}` };
}

export default function SessionPage() {
  const { session: s, order, customer, events, base } = useLoaderData<typeof loader>();
  const locks = Object.entries(s.fieldLocks ?? {});
  return (
    <Stack gap="lg">
      <RecordHeader back={{ to: `${base}/sessions`, label: "Sessions" }} title="Session" id={s.id} noun="session" actions={<StatusBadge status={s.status} />} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <SectionCard title="Details">
              <FieldList
                testId="session-fields"
                fields={[
                  { label: "Type", value: s.type },
                  { label: "Status", value: s.status },
                  { label: "Amount", value: s.sourceAmount ? `${s.sourceAmount} ${s.sourceCurrency ?? ""}` : null },
                  { label: "Fiat currency", value: s.sourceCurrency },
                  { label: "Buys", value: s.destinationCurrency },
                  { label: "Network", value: s.network },
                  { label: "Wallet address", value: s.destinationAddress ? <Code>{s.destinationAddress}</Code> : null },
                  { label: "Country", value: s.country },
                  { label: "External customer id", value: s.externalCustomerId },
                  { label: "Redirect URL", value: s.redirectUrl },
                  { label: "Expires", value: formatDateTimeSeconds(s.expiresAt) },
                  { label: "Updated", value: formatDateTimeSeconds(s.updatedAt) },
                  { label: "Mode", value: s.mode },
                  { label: "Client secret", value: <Text span size="sm" c="dimmed">Shown once to your backend at creation; never stored in clear.</Text> },
                ]}
              />
            </SectionCard>
            <SectionCard title="Field locks" gap="sm">
              {locks.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No field is locked: the customer may change every field in checkout.
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={360} type="native">
                  <Table data-testid="field-locks">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Field</Table.Th>
                        <Table.Th>Locked</Table.Th>
                        <Table.Th>Min</Table.Th>
                        <Table.Th>Max</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {locks.map(([field, lock]) => (
                        <Table.Tr key={field}>
                          <Table.Td>
                            <Code>{field}</Code>
                          </Table.Td>
                          <Table.Td>
                            {lock.locked ? (
                              <Badge variant="light" color="gray" leftSection={<IconLock size={12} />} tt="none">
                                locked
                              </Badge>
                            ) : (
                              "no"
                            )}
                          </Table.Td>
                          <Table.Td>{lock.min ?? "—"}</Table.Td>
                          <Table.Td>{lock.max ?? "—"}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </SectionCard>
            <Card withBorder padding="lg">
              <JsonViewer value={s.metadata} label="Metadata" testId="session-metadata" />
            </Card>
            <SectionCard title="Events" gap="sm">
              <EventList events={events} base={base} />
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <SectionCard title="Timeline">
              <StatusTimeline
                testId="session-timeline"
                steps={[
                  { label: "Created", at: s.createdAt },
                  { label: "Confirmed", at: s.confirmedAt },
                  { label: "Processing", at: s.processingAt },
                  { label: "Completed", at: s.completedAt },
                  { label: "Failed", at: s.failedAt, bad: true },
                  { label: "Cancelled", at: s.cancelledAt, bad: true },
                  { label: "Expired", at: s.expiredAt, bad: true },
                ]}
              />
            </SectionCard>
            <SectionCard title="Order" gap="xs">
              {order ? (
                <Stack gap={4}>
                  <Anchor component={Link} to={`${base}/orders/${order.id}`} ff="monospace" size="sm" data-testid="session-order">
                    {order.id}
                  </Anchor>
                  <Group gap="xs">
                    <StatusBadge status={order.status} />
                    <Text size="sm">via {order.gateway}</Text>
                  </Group>
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  No order yet: the customer hasn't paid with a gateway.
                </Text>
              )}
            </SectionCard>
            <SectionCard title="Customer" gap="xs">
              {customer ? (
                <Stack gap={4}>
                  <Anchor component={Link} to={`${base}/customers/${customer.id}`} ff="monospace" size="sm" data-testid="session-customer">
                    {customer.id}
                  </Anchor>
                  {customer.externalId ? <Text size="sm">Your id: {customer.externalId}</Text> : null}
                  {customer.email ? <Text size="sm">{customer.email}</Text> : null}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  Unknown customer.
                </Text>
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
