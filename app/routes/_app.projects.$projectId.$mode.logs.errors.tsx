/** Errors: failed requests of the last 24 hours or 7 days, grouped by endpoint and error code, with a sparkline and a link to the filtered log. */
import { Anchor, Box, Card, Code, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { Sparkline } from "@mantine/charts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { requireProject } from "~/lib/permissions.server";
import { ERROR_RANGES } from "~/request-logs/constants";
import { isErrorRange, summariseErrors } from "~/request-logs/errors.server";
import { LogsTabs, MethodLabel } from "~/request-logs/ui";
import { DataTable } from "~/ui/data-table";
import { formatDateTime } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Errors · Logs · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { requestLog: ["read"] });
  const asked = new URL(request.url).searchParams.get("range");
  const summary = await summariseErrors(ctx, isErrorRange(asked) ? asked : "24h");
  return { ...summary, base: `/projects/${ctx.projectId}/${ctx.mode}`, mode: ctx.mode };
}

export default function ErrorsPage() {
  const { range, since, groups, total, base, mode } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const logLink = (endpoint: string | null, errorCode: string) => {
    const params = new URLSearchParams({ "created[gte]": String(since), error_code: errorCode });
    if (endpoint) params.set("endpoint", endpoint);
    return `${base}/logs?${params}`;
  };
  return (
    <Stack gap="md">
      <PageHeader
        title="Errors"
        description={`Failed ${mode} requests (status 400 and above), grouped by endpoint and error code: what to open after a deploy.`}
        actions={<LogsTabs base={base} active="errors" />}
      />
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          value={range}
          onChange={(value) => navigate(`?range=${value}`)}
          data={Object.entries(ERROR_RANGES).map(([value, r]) => ({ value, label: r.label }))}
          aria-label="Time range"
        />
        <Text size="sm" c="dimmed" data-testid="errors-total">
          {total} failed request{total === 1 ? "" : "s"}
        </Text>
      </Group>
      <Card withBorder padding="md">
        <DataTable
          rows={groups.map((g) => ({ ...g, id: `${g.endpoint} ${g.errorCode}` }))}
          minWidth={720}
          testId="errors-table"
          rowTestId="error-group"
          empty={
            <Box py="xl" ta="center" data-testid="errors-empty">
              <Text fw={600}>No failed requests in this period</Text>
              <Text size="sm" c="dimmed" mt={4}>
                Every request your keys made was answered successfully.
              </Text>
            </Box>
          }
          columns={[
            {
              header: "Endpoint",
              cell: (g) =>
                g.endpoint ? (
                  <Group gap={6} wrap="nowrap">
                    <MethodLabel method={g.endpoint.split(" ")[0]!} />
                    <Text size="sm" ff="monospace">
                      {g.endpoint.split(" ")[1]}
                    </Text>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    Unknown path
                  </Text>
                ),
            },
            {
              header: "Error",
              cell: (g) => (
                <Stack gap={0}>
                  <Code>{g.errorCode}</Code>
                  <Text size="xs" c="dimmed">
                    {g.statuses.join(", ")}
                  </Text>
                </Stack>
              ),
            },
            {
              header: "Requests",
              cell: (g) => (
                <Anchor component={Link} to={logLink(g.endpoint, g.errorCode)} fw={600} data-testid="error-group-link">
                  {g.count}
                </Anchor>
              ),
            },
            {
              header: "Trend",
              cell: (g) => (
                <Box role="img" aria-label={`${g.count} over time`} w={140}>
                  <Sparkline w={140} h={32} data={g.series} curveType="linear" color="red" fillOpacity={0.25} strokeWidth={1.5} />
                </Box>
              ),
            },
            {
              header: "Last seen",
              visibleFrom: "sm",
              cell: (g) => (
                <Anchor component={Link} to={`${base}/logs/${g.lastRequestId}`} size="sm" c="dimmed">
                  {formatDateTime(g.lastAt)}
                </Anchor>
              ),
            },
          ]}
        />
      </Card>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
