import { Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { gatewayById } from "~/gateways/catalogue";
import { requireProject } from "~/lib/permissions.server";
import { listOrders } from "~/orders/list.server";
import { loadListPage, ORDER_FILTERS } from "~/search/list-page.server";
import { OnNetwork, RecordTable } from "~/ui/data-table";
import { ExportButton } from "~/ui/export-button";
import { ListCard } from "~/ui/list-card";
import { ListFilters } from "~/ui/list-filters";
import { PageHeader } from "~/ui/page-header";
import { TradeTypeBadge } from "~/ui/status-badge";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Orders · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const page = await loadListPage(
    new URL(request.url),
    ORDER_FILTERS,
    (p) => listOrders(ctx, p),
    (o) => ({
      id: o.id,
      status: o.status,
      type: o.type,
      sourceAmount: o.sourceAmount,
      sourceCurrency: o.sourceCurrency,
      destinationAmount: o.destinationAmount,
      destinationCurrency: o.destinationCurrency,
      network: o.network,
      gateway: gatewayById(o.gatewayId)?.name ?? o.gatewayId,
      email: o.email,
      createdAt: o.createdAt.toISOString(),
    }),
  );
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
        <RecordTable
          rows={items}
          idHeader="Order"
          path={`${base}/orders`}
          columns={[
            { header: "Type", cell: (o) => <TradeTypeBadge sell={o.type === "sell"} /> },
            {
              // The crypto side shows its network (under the amount, so the table fits at 1440 px): what a sell pays, what a buy receives.
              header: "Pays",
              cell: (o) =>
                o.type === "sell" ? (
                  <OnNetwork network={o.network} stacked>{`${o.sourceAmount} ${o.sourceCurrency}`}</OnNetwork>
                ) : (
                  `${o.sourceAmount} ${o.sourceCurrency}`
                ),
            },
            {
              header: "Receives",
              cell: (o) =>
                o.type === "sell" ? (
                  `${o.destinationAmount ?? "—"} ${o.destinationCurrency}`
                ) : (
                  <OnNetwork network={o.network} stacked>{`${o.destinationAmount ?? "—"} ${o.destinationCurrency}`}</OnNetwork>
                ),
            },
            { header: "Gateway", cell: (o) => o.gateway },
            {
              // Capped (the whole address on hover): a long address pushed Created out of view at 1440 px.
              header: "Email",
              cell: (o) =>
                o.email ? (
                  <Text size="sm" truncate="end" maw={190} title={o.email}>
                    {o.email}
                  </Text>
                ) : (
                  <Text span c="dimmed" size="sm">
                    —
                  </Text>
                ),
            },
          ]}
          minWidth={760}
          highlightOnHover
          testId="orders-table"
          rowTestId="order-row"
        />
      </ListCard>
    </>
  );
}

export { RouteErrorPage as ErrorBoundary };
