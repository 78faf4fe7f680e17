import { Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listCustomers } from "~/customers/list.server";
import { requireProject } from "~/lib/permissions.server";
import { loadListPage } from "~/search/list-page.server";
import { createdColumn, DataTable, idColumn } from "~/ui/data-table";
import { CREATED_FILTERS, FilterBar, FilterCreatedRange, FilterPageSize } from "~/ui/filter-bar";
import { ListCard } from "~/ui/list-card";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Customers · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const page = await loadListPage(
    new URL(request.url),
    { statuses: [] as const },
    (p) => listCustomers(ctx, p),
    (c) => ({
      id: c.id,
      externalId: c.externalId,
      email: c.email,
      createdAt: c.createdAt.toISOString(),
    }),
  );
  return { ...page, mode: ctx.mode, base: `/projects/${ctx.projectId}/${ctx.mode}` };
}

export default function CustomersPage() {
  const { items, cursors, error, filtered, base, mode } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Customers"
        description="One customer per id your backend sends as externalCustomerId, newest first. Open one to see their sessions and orders."
      />
      <FilterBar filters={CREATED_FILTERS}>
        <FilterCreatedRange />
        <FilterPageSize />
      </FilterBar>
      <ListCard
        noun="customer"
        count={items.length}
        cursors={cursors}
        error={error}
        filtered={filtered}
        pathname={`${base}/customers`}
        emptyHint={`Customers appear with their first ${mode} session.`}
      >
        <DataTable
          rows={items}
          columns={[
            idColumn("Customer", `${base}/customers`),
            { header: "Your customer ID", cell: (c) => c.externalId ?? "—" },
            {
              header: "Email",
              cell: (c) =>
                c.email ?? (
                  <Text span c="dimmed" size="sm">
                    —
                  </Text>
                ),
            },
            createdColumn("First seen"),
          ]}
          minWidth={560}
          highlightOnHover
          testId="customers-table"
          rowTestId="customer-row"
        />
      </ListCard>
    </>
  );
}

export { RouteErrorPage as ErrorBoundary };
