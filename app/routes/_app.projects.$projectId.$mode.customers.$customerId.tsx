import { Anchor, Card, Code, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IconArrowLeft } from "@tabler/icons-react";
import { notFound } from "~/lib/http.server";
import { requireProject } from "~/lib/permissions.server";
import { customerDetail } from "~/search/records.server";
import { CopyButton } from "~/ui/copy-button";
import { FieldList } from "~/ui/field-list";
import { formatDateTime } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { StatusBadge } from "~/ui/status-badge";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.externalId ?? data?.customer.id ?? "Customer"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const detail = await customerDetail(ctx, params.customerId ?? "");
  if (!detail) notFound("No customer with this id in this project and mode.");
  return { ...detail, base: `/projects/${ctx.projectId}/${ctx.mode}` };
}

export default function CustomerPage() {
  const { customer: c, sessions, orders, moreSessions, moreOrders, base } = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`${base}/customers`} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} /> Customers
        </Group>
      </Anchor>
      <PageHeader
        title={c.externalId ?? "Customer"}
        description={
          <Group gap={6} component="span">
            <Code data-testid="customer-id">{c.id}</Code>
            <CopyButton value={c.id} label="Copy customer ID" />
          </Group>
        }
      />
      <Card withBorder padding="lg">
        <FieldList
          cols={3}
          fields={[
            { label: "Your id (externalCustomerId)", value: c.externalId },
            { label: "Email", value: c.email },
            { label: "First seen", value: formatDateTime(c.createdAt) },
          ]}
        />
      </Card>
      <Card withBorder padding="lg">
        <Title order={4} mb="sm">
          Sessions
        </Title>
        {sessions.length === 0 ? (
          <Text size="sm" c="dimmed">
            No sessions.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480} type="native">
            <Table verticalSpacing="xs" style={{ whiteSpace: "nowrap" }} data-testid="customer-sessions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Session</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Amount</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`${base}/sessions/${s.id}`} ff="monospace" size="sm">
                        {s.id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={s.status} />
                    </Table.Td>
                    <Table.Td>{s.sourceAmount ? `${s.sourceAmount} ${s.sourceCurrency} → ${s.destinationCurrency ?? "?"}` : "—"}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {formatDateTime(s.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {moreSessions ? (
          <Text size="sm" c="dimmed" mt="xs">
            Showing the newest {sessions.length}.
          </Text>
        ) : null}
      </Card>
      <Card withBorder padding="lg">
        <Title order={4} mb="sm">
          Orders
        </Title>
        {orders.length === 0 ? (
          <Text size="sm" c="dimmed">
            No orders.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480} type="native">
            <Table verticalSpacing="xs" style={{ whiteSpace: "nowrap" }} data-testid="customer-orders">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Amount</Table.Th>
                  <Table.Th>Gateway</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {orders.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`${base}/orders/${o.id}`} ff="monospace" size="sm">
                        {o.id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={o.status} />
                    </Table.Td>
                    <Table.Td>
                      {o.sourceAmount} {o.sourceCurrency} → {o.destinationAmount ?? "?"} {o.destinationCurrency}
                    </Table.Td>
                    <Table.Td>{o.gateway}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {formatDateTime(o.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {moreOrders ? (
          <Text size="sm" c="dimmed" mt="xs">
            Showing the newest {orders.length}.
          </Text>
        ) : null}
      </Card>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
