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

/** A titled card of the customer's newest records, saying so when there are more. */
function NewestCard<Row extends { id: string; status: string; createdAt: string }>({
  title,
  idHeader,
  path,
  rows,
  more,
  columns,
  testId,
}: {
  title: string;
  idHeader: string;
  path: string;
  rows: Row[];
  more: boolean;
  columns: Column<Row>[];
  testId: string;
}) {
  return (
    <SectionCard title={title} gap="sm">
      <RecordTable
        rows={rows}
        idHeader={idHeader}
        path={path}
        columns={columns}
        minWidth={480}
        testId={testId}
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
            { label: "Your id (externalCustomerId)", value: c.externalId },
            { label: "Email", value: c.email },
            { label: "First seen", value: formatDateTime(c.createdAt) },
          ]}
        />
      </Card>
      <NewestCard
        title="Sessions"
        idHeader="Session"
        path={`${base}/sessions`}
        rows={sessions}
        more={moreSessions}
        testId="customer-sessions"
        columns={[{ header: "Amount", cell: (s) => (s.sourceAmount ? `${s.sourceAmount} ${s.sourceCurrency} → ${s.destinationCurrency ?? "?"}` : "—") }]}
      />
      <NewestCard
        title="Orders"
        idHeader="Order"
        path={`${base}/orders`}
        rows={orders}
        more={moreOrders}
        testId="customer-orders"
        columns={[
          { header: "Amount", cell: (o) => `${o.sourceAmount} ${o.sourceCurrency} → ${o.destinationAmount ?? "?"} ${o.destinationCurrency}` },
          { header: "Gateway", cell: (o) => o.gateway },
        ]}
      />
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
