import { Anchor, Code } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireProject } from "~/lib/permissions.server";
import { loadListPage, SESSION_FILTERS } from "~/search/list-page.server";
import { listSessions } from "~/sessions/list.server";
import { RecordTable, sessionTradeColumns } from "~/ui/data-table";
import { ExportButton } from "~/ui/export-button";
import { ListCard } from "~/ui/list-card";
import { ListFilters } from "~/ui/list-filters";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Sessions · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const page = await loadListPage(
    new URL(request.url),
    SESSION_FILTERS,
    (p) => listSessions(ctx, p),
    (s) => ({
      id: s.id,
      status: s.status,
      type: s.type,
      sourceAmount: s.sourceAmount,
      sourceCurrency: s.sourceCurrency,
      destinationCurrency: s.destinationCurrency,
      network: s.network,
      externalCustomerId: s.externalCustomerId,
      customerId: s.customerId,
      createdAt: s.createdAt.toISOString(),
    }),
  );
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
        <RecordTable
          rows={items}
          idHeader="Session"
          path={`${base}/sessions`}
          columns={[
            ...sessionTradeColumns<(typeof items)[number]>(),
            {
              header: "Customer",
              cell: (s) => (
                <Anchor component={Link} to={`${base}/customers/${s.customerId}`} size="sm">
                  {s.externalCustomerId ?? <Code>{s.customerId}</Code>}
                </Anchor>
              ),
            },
          ]}
          minWidth={720}
          highlightOnHover
          testId="sessions-table"
          rowTestId="session-row"
        />
      </ListCard>
    </>
  );
}

export { RouteErrorPage as ErrorBoundary };
