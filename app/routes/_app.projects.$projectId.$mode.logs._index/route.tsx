/** Logs: every API request of the project and mode, newest first; filters and cursors in the URL (as GET /v1/request_logs takes them). */
import { Anchor, Card, Code, Group, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireProject } from "~/lib/permissions.server";
import { REQUEST_LOG_METHODS } from "~/request-logs/constants";
import { ENDPOINT_PATTERNS, loadLogsPage } from "~/request-logs/page.server";
import { LogsTabs, MethodLabel, StatusCode } from "~/request-logs/ui";
import { DataTable } from "~/ui/data-table";
import { FilterBar, FilterPageSize, FilterSelect, FilterText } from "~/ui/filter-bar";
import { formatDateTimeSeconds } from "~/ui/format";
import { ListCard } from "~/ui/list-card";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Logs · Ramp" }];

const STATUS_CHOICES = ["2xx", "4xx", "5xx", "200", "201", "400", "401", "403", "404", "405", "409", "413", "429", "500", "502", "503"];
/** What the filter bar's "Clear filters" drops (the page size stays). */
const LOG_FILTERS = ["q", "status", "method", "endpoint", "error_code", "key", "ip", "source", "created[gte]", "created[lt]"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { requestLog: ["read"] });
  const page = await loadLogsPage(ctx, new URL(request.url));
  const now = Math.floor(Date.now() / 1000);
  return {
    ...page,
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    mode: ctx.mode,
    endpoints: ENDPOINT_PATTERNS,
    // Time choices as created[gte] values, worked out on the server (the form is a plain GET).
    since: [
      { value: String(now - 3600), label: "Last hour" },
      { value: String(now - 86_400), label: "Last 24 hours" },
      { value: String(now - 7 * 86_400), label: "Last 7 days" },
    ],
  };
}

export default function LogsPage() {
  const { items, cursors, error, filtered, base, mode, endpoints, since } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const gte = params.get("created[gte]");
  const sinceOptions =
    gte && !since.some((s) => s.value === gte) ? [...since, { value: gte, label: `Since ${formatDateTimeSeconds(new Date(Number(gte) * 1000))}` }] : since;
  return (
    <Stack gap="md">
      <PageHeader
        title="Logs"
        description={`Every ${mode} API request your keys made and every gateway callback about your orders, newest first, kept 30 days. Paste a request id (req_…), an object id (sess_…, ord_…, evt_…) or an idempotency key to find what touched it.`}
        actions={<LogsTabs base={base} active="logs" />}
      />
      <Card withBorder padding="md">
        <FilterBar filters={LOG_FILTERS}>
          <FilterText name="q" label="Search" placeholder="req_…, sess_…, ord_…, evt_… or idempotency key" w={320} testId="logs-search" />
          <FilterSelect name="status" label="Status" placeholder="Any" data={STATUS_CHOICES} w={110} />
          <FilterSelect name="method" label="Method" placeholder="Any" data={[...REQUEST_LOG_METHODS]} w={120} />
          <FilterSelect name="endpoint" label="Endpoint" placeholder="Any endpoint" data={endpoints} w={340} />
          <FilterText name="error_code" label="Error code" placeholder="e.g. VALIDATION_ERROR" w={200} />
          <FilterText name="key" label="Key id" placeholder="key_…" w={200} />
          <FilterText name="ip" label="IP" placeholder="203.0.113.7" w={150} />
          <FilterSelect
            name="source"
            label="Source"
            placeholder="Any"
            data={[
              { value: "api", label: "API calls" },
              { value: "callback", label: "Gateway callbacks" },
            ]}
            w={170}
          />
          <FilterSelect name="created[gte]" label="Time" placeholder="Last 30 days" data={sinceOptions} w={170} />
          <FilterPageSize />
        </FilterBar>
      </Card>
      <ListCard
        noun="request"
        count={items.length}
        cursors={cursors}
        error={error}
        filtered={filtered}
        pathname={`${base}/logs`}
        emptyHint={`Requests appear here as soon as your backend or your checkout calls the API with a ${mode} key.`}
      >
        <DataTable
          rows={items}
          minWidth={760}
          highlightOnHover
          testId="logs-table"
          rowTestId="log-row"
          columns={[
            { header: "Status", cell: (r) => <StatusCode status={r.status} /> },
            {
              header: "Request",
              cell: (r) => (
                <Group gap={6} wrap="nowrap">
                  <MethodLabel method={r.method} />
                  <Anchor component={Link} to={`${base}/logs/${r.id}`} size="sm" ff="monospace">
                    {r.path}
                  </Anchor>
                  {r.source === "callback" ? (
                    <Text span size="xs" c="dimmed">
                      callback
                    </Text>
                  ) : null}
                </Group>
              ),
            },
            { header: "Error", cell: (r) => (r.errorCode ? <Code>{r.errorCode}</Code> : null) },
            {
              header: "Key",
              visibleFrom: "md",
              cell: (r) =>
                r.keyId ? (
                  <Text size="xs" ff="monospace">
                    {r.keyId}
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed">
                    none
                  </Text>
                ),
            },
            { header: "IP", visibleFrom: "lg", cell: (r) => <Text size="xs">{r.ip ?? "—"}</Text> },
            { header: "Latency", cell: (r) => <Text size="sm">{r.latencyMs} ms</Text> },
            {
              header: "Time",
              cell: (r) => (
                <Text size="sm" c="dimmed">
                  {formatDateTimeSeconds(r.createdAt)}
                </Text>
              ),
            },
          ]}
        />
      </ListCard>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
