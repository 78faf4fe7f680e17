import { Anchor, Code, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireProject } from "~/lib/permissions.server";
import { loadListPage, SESSION_FILTERS } from "~/search/list-page.server";
import { listSessions } from "~/sessions/list.server";
import { ExportButton } from "~/ui/export-button";
import { formatDateTime } from "~/ui/format";
import { ListCard } from "~/ui/list-card";
import { ListFilters } from "~/ui/list-filters";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { StatusBadge } from "~/ui/status-badge";

export const meta: MetaFunction = () => [{ title: "Sessions · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const page = await loadListPage(new URL(request.url), SESSION_FILTERS.statuses, (p) => listSessions(ctx, p), (s) => ({
    id: s.id,
    status: s.status,
    sourceAmount: s.sourceAmount,
    sourceCurrency: s.sourceCurrency,
    destinationCurrency: s.destinationCurrency,
    network: s.network,
    externalCustomerId: s.externalCustomerId,
    customerId: s.customerId,
    createdAt: s.createdAt.toISOString(),
  }));
  return {
    ...page,
    mode: ctx.mode,
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    options: SESSION_FILTERS,
  };
}

export default function SessionsPage() {
  const { items, cursors, error, filtered, base, mode, options } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Sessions"
        description="Every checkout session your backend created, newest first. Filters and pages live in the address bar: copy it to share this view."
        actions={<ExportButton href={`${base}/sessions.csv`} noun="session" />}
      />
      <ListFilters options={options} />
      <ListCard
        noun="session"
        count={items.length}
        cursors={cursors}
        error={error}
        filtered={filtered}
        pathname={`${base}/sessions`}
        emptyHint={`Sessions appear here once your backend calls POST /v1/sessions with a ${mode} secret key.`}
      >
        <Table.ScrollContainer minWidth={640} type="native">
          <Table verticalSpacing="xs" highlightOnHover style={{ whiteSpace: "nowrap" }} data-testid="sessions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Session</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Amount</Table.Th>
                <Table.Th>Buys</Table.Th>
                <Table.Th>Customer</Table.Th>
                <Table.Th>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} data-testid="session-row">
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/sessions/${s.id}`} ff="monospace" size="sm">
                      {s.id}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={s.status} />
                  </Table.Td>
                  <Table.Td>{s.sourceAmount ? `${s.sourceAmount} ${s.sourceCurrency ?? ""}` : <Text span c="dimmed" size="sm">open</Text>}</Table.Td>
                  <Table.Td>
                    {s.destinationCurrency ?? "—"}{" "}
                    {s.network ? (
                      <Text span c="dimmed" size="xs">
                        on {s.network}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/customers/${s.customerId}`} size="sm">
                      {s.externalCustomerId ?? <Code>{s.customerId}</Code>}
                    </Anchor>
                  </Table.Td>
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
      </ListCard>
    </>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
