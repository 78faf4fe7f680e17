import { Card, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { customerDetail } from "~/customers/detail.server";
import { orErrorPage } from "~/lib/actions.server";
import { requireProject } from "~/lib/permissions.server";
import { RecordTable, type Column } from "~/ui/data-table";
import { FieldList } from "~/ui/field-list";
import { formatDateTime } from "~/ui/format";
import { RecordHeader } from "~/ui/record-header";
import { RouteErrorPage } from "~/ui/route-error";
import { SectionCard } from "~/ui/section-card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.externalId ?? data?.customer.id ?? "Customer"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const detail = await orErrorPage(customerDetail(ctx, params.customerId ?? ""));
  return { ...detail, base: `/projects/${ctx.projectId}/${ctx.mode}` };
}

type CustomerView = ReturnType<typeof useLoaderData<typeof loader>>;

const sessionColumns: Column<CustomerView["sessions"][number]>[] = [
  { header: "Amount", cell: (s) => (s.sourceAmount ? `${s.sourceAmount} ${s.sourceCurrency} → ${s.destinationCurrency ?? "?"}` : "—") },
];

const orderColumns: Column<CustomerView["orders"][number]>[] = [
  { header: "Amount", cell: (o) => `${o.sourceAmount} ${o.sourceCurrency} → ${o.destinationAmount ?? "?"} ${o.destinationCurrency}` },
  { header: "Gateway", cell: (o) => o.gateway },
];

/** A titled card of the customer's newest records, saying so when there are more. */
function NewestCard<Row extends { id: string; status: string; createdAt: string }>({
  kind,
  base,
  rows,
  more,
  columns,
}: {
  kind: "sessions" | "orders";
  base: string;
  rows: Row[];
  more: boolean;
  columns: Column<Row>[];
}) {
  const title = kind === "sessions" ? "Sessions" : "Orders";
  return (
    <SectionCard title={title} gap="sm">
      <RecordTable
        rows={rows}
        idHeader={kind === "sessions" ? "Session" : "Order"}
        path={`${base}/${kind}`}
        columns={columns}
        minWidth={480}
        testId={`customer-${kind}`}
        empty={
          <Text size="sm" c="dimmed">
            No {title.toLowerCase()}.
          </Text>
        }
      />
      {more ? (
        <Text size="sm" c="dimmed" mt="xs">
          Showing the newest {rows.length}.
        </Text>
      ) : null}
    </SectionCard>
  );
}

export default function CustomerPage() {
  const { customer: c, sessions, orders, moreSessions, moreOrders, base } = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <RecordHeader back={{ to: `${base}/customers`, label: "Customers" }} title={c.externalId ?? "Customer"} id={c.id} noun="customer" />
      <Card withBorder padding="lg">
        <FieldList
          cols={3}
          fields={[
            { label: "Your customer ID", value: c.externalId },
            { label: "Email", value: c.email },
            { label: "First seen", value: formatDateTime(c.createdAt) },
          ]}
        />
      </Card>
      <NewestCard kind="sessions" base={base} rows={sessions} more={moreSessions} columns={sessionColumns} />
      <NewestCard kind="orders" base={base} rows={orders} more={moreOrders} columns={orderColumns} />
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
