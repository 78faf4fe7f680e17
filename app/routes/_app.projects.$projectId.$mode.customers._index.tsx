import { Anchor, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listCustomers } from "~/customers/list.server";
import { requireProject } from "~/lib/permissions.server";
import { loadListPage } from "~/search/list-page.server";
import { formatDateTime } from "~/ui/format";
import { ListCard } from "~/ui/list-card";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Customers · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const page = await loadListPage(new URL(request.url), [] as const, (p) => listCustomers(ctx, p), (c) => ({
    id: c.id,
    externalId: c.externalId,
    email: c.email,
    createdAt: c.createdAt.toISOString(),
  }));
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
      <ListCard
        noun="customer"
        count={items.length}
        cursors={cursors}
        error={error}
        filtered={filtered}
        pathname={`${base}/customers`}
        emptyHint={`Customers appear with their first ${mode} session.`}
      >
        <Table.ScrollContainer minWidth={480} type="native">
          <Table verticalSpacing="xs" highlightOnHover style={{ whiteSpace: "nowrap" }} data-testid="customers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Customer</Table.Th>
                <Table.Th>Your id</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>First seen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="customer-row">
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/customers/${c.id}`} ff="monospace" size="sm">
                      {c.id}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.externalId ?? "—"}</Table.Td>
                  <Table.Td>{c.email ?? <Text span c="dimmed" size="sm">—</Text>}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {formatDateTime(c.createdAt)}
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
