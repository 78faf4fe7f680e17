import { Anchor, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { gatewayById } from "~/gateways/catalogue";
import { requireProject } from "~/lib/permissions.server";
import { listOrders } from "~/orders/list.server";
import { loadListPage, ORDER_FILTERS } from "~/search/list-page.server";
import { ExportButton } from "~/ui/export-button";
import { formatDateTime } from "~/ui/format";
import { ListCard } from "~/ui/list-card";
import { ListFilters } from "~/ui/list-filters";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { StatusBadge } from "~/ui/status-badge";

export const meta: MetaFunction = () => [{ title: "Orders · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const page = await loadListPage(new URL(request.url), ORDER_FILTERS.statuses, (p) => listOrders(ctx, p), (o) => ({
    id: o.id,
    status: o.status,
    sourceAmount: o.sourceAmount,
    sourceCurrency: o.sourceCurrency,
    destinationAmount: o.destinationAmount,
    destinationCurrency: o.destinationCurrency,
    network: o.network,
    gateway: gatewayById(o.gatewayId)?.name ?? o.gatewayId,
    email: o.email,
    createdAt: o.createdAt.toISOString(),
  }));
  return { ...page, mode: ctx.mode, base: `/projects/${ctx.projectId}/${ctx.mode}`, options: ORDER_FILTERS };
}

export default function OrdersPage() {
  const { items, cursors, error, filtered, base, mode, options } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Orders"
        description="Orders placed with a gateway, newest first. Filters and pages live in the address bar: copy it to share this view."
        actions={<ExportButton href={`${base}/orders.csv`} noun="order" />}
      />
      <ListFilters options={options} />
      <ListCard
        noun="order"
        count={items.length}
        cursors={cursors}
        error={error}
        filtered={filtered}
        pathname={`${base}/orders`}
        emptyHint={`Orders appear once a customer picks a gateway in a ${mode} checkout.`}
      >
        <Table.ScrollContainer minWidth={680} type="native">
          <Table verticalSpacing="xs" highlightOnHover style={{ whiteSpace: "nowrap" }} data-testid="orders-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Order</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Pays</Table.Th>
                <Table.Th>Receives</Table.Th>
                <Table.Th>Gateway</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id} data-testid="order-row">
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/orders/${o.id}`} ff="monospace" size="sm">
                      {o.id}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={o.status} />
                  </Table.Td>
                  <Table.Td>
                    {o.sourceAmount} {o.sourceCurrency}
                  </Table.Td>
                  <Table.Td>
                    {o.destinationAmount ?? "—"} {o.destinationCurrency}{" "}
                    <Text span c="dimmed" size="xs">
                      on {o.network}
                    </Text>
                  </Table.Td>
                  <Table.Td>{o.gateway}</Table.Td>
                  <Table.Td>{o.email ?? <Text span c="dimmed" size="sm">—</Text>}</Table.Td>
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
      </ListCard>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
