import { Alert, Anchor, Badge, Card, Code, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IconArrowRight } from "@tabler/icons-react";
import { OverviewChartsPanel } from "~/analytics/overview-charts";
import { overviewCharts } from "~/analytics/overview.server";
import { parseOverviewRange } from "~/analytics/ranges";
import { requireProject } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { projectOverview } from "~/projects/overview.server";
import { QuickStart } from "~/projects/quick-start";
import { quickStartProgress } from "~/projects/quick-start.server";
import { CopyButton } from "~/ui/copy-button";
import { RecordTable, sessionTradeColumns } from "~/ui/data-table";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.project.name ?? "Project"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] });
  const range = parseOverviewRange(new URL(request.url).searchParams.get("range"));
  // The charts are data (data:read); every role holds it today, but the check stays explicit.
  const [overview, charts, quickStart] = await Promise.all([
    projectOverview(ctx),
    roleCan(ctx.role, { data: ["read"] }) ? overviewCharts(ctx, range) : Promise.resolve(null),
    quickStartProgress(ctx),
  ]);
  return {
    charts,
    quickStart,
    project: { id: ctx.project.id, name: ctx.project.name, archived: Boolean(ctx.project.archivedAt), live: ctx.project.defaultMode === "live" },
    mode: ctx.mode,
    base: `/projects/${ctx.project.id}/${ctx.mode}`,
    ...overview,
  };
}

function CardLink({ to, children }: { to: string; children: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" mt="auto">
      <Group gap={4} component="span">
        {children}
        <IconArrowRight size={14} />
      </Group>
    </Anchor>
  );
}

export default function ProjectOverview() {
  const { project, mode, base, keys, webhooks, gateways, recentSessions, apiBaseUrl, charts, quickStart } = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <PageHeader
        title={project.name}
        description={
          <Group gap={6} component="span">
            <span>Project ID</span>
            <Code>{project.id}</Code>
            <CopyButton value={project.id} label="Copy project ID" />
          </Group>
        }
        actions={
          // Whether the project serves live mode (go-live), apart from which data this page shows (the top bar says that).
          <Anchor
            component={Link}
            to={`/projects/${project.id}/${mode}/go-live`}
            underline="never"
            title={project.live ? "This project serves live mode" : "This project serves test mode only: go live"}
          >
            <Badge variant="light" color={project.live ? "teal" : "gray"} data-testid="project-live-badge">
              {project.live ? "Live project" : "Test only"}
            </Badge>
          </Anchor>
        }
      />
      {project.archived ? (
        <Alert color="gray" variant="light" title="This project is archived">
          API calls with its keys are refused. An admin can restore it in{" "}
          <Anchor component={Link} to={`${base}/settings`}>
            project settings
          </Anchor>
          .
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {keys ? (
          <Card withBorder padding="lg" style={{ display: "flex", flexDirection: "column" }}>
            <Title order={5} mb="xs">
              API keys
            </Title>
            <Stack gap={6} mb="sm">
              <Text size="xs" c="dimmed">
                Publishable key
              </Text>
              <Group gap={4} wrap="nowrap">
                <Code
                  style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
                  title={keys.publishable ?? undefined}
                  data-testid="key-publishable"
                >
                  {keys.publishable ?? "None active"}
                </Code>
                {keys.publishable ? <CopyButton value={keys.publishable} label="Copy publishable key" /> : null}
              </Group>
              <Text size="xs" c="dimmed">
                Secret key
              </Text>
              <Code data-testid="key-secret" w="fit-content">
                {keys.secret?.masked ?? "None active"}
              </Code>
            </Stack>
            <CardLink to={`${base}/keys`}>Manage keys</CardLink>
          </Card>
        ) : null}
        <Card withBorder padding="lg" style={{ display: "flex", flexDirection: "column" }}>
          <Title order={5} mb="xs">
            Webhooks
          </Title>
          <Text size="sm" mb="sm" data-testid="webhook-status">
            {webhooks.enabled + webhooks.disabled === 0
              ? "No endpoints yet. Add one to hear about orders as they complete."
              : `${webhooks.enabled} enabled endpoint${webhooks.enabled === 1 ? "" : "s"}${webhooks.failing ? `, ${webhooks.failing} failing` : ""}${webhooks.disabled ? `, ${webhooks.disabled} disabled` : ""}.`}
          </Text>
        </Card>
        <Card withBorder padding="lg" style={{ display: "flex", flexDirection: "column" }}>
          <Title order={5} mb="xs">
            Gateways
          </Title>
          {gateways.length ? (
            <Group gap={6} mb="sm" data-testid="enabled-gateways">
              {gateways.map((g) => (
                <Badge key={g.id} variant="light" tt="none">
                  {g.name}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm" mb="sm" data-testid="enabled-gateways">
              No gateway enabled in {mode} mode: quotes will be empty.
            </Text>
          )}
          <CardLink to={`${base}/gateways`}>Configure gateways</CardLink>
        </Card>
      </SimpleGrid>
      {charts ? <OverviewChartsPanel charts={charts} /> : null}
      {keys ? <QuickStart baseUrl={apiBaseUrl} mode={mode} secret={keys.secret} base={base} progress={quickStart} /> : null}
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={4}>Recent sessions</Title>
          <CardLink to={`${base}/sessions`}>All sessions</CardLink>
        </Group>
        <RecordTable
          rows={recentSessions}
          idHeader="Session"
          path={`${base}/sessions`}
          createdFrom="sm"
          columns={[...sessionTradeColumns<(typeof recentSessions)[number]>(), { header: "Customer", visibleFrom: "md", cell: (s) => s.externalCustomerId }]}
          minWidth={520}
          highlightOnHover
          testId="recent-sessions"
          rowTestId="session-row"
          empty={
            <Text c="dimmed" size="sm">
              No sessions in {mode} mode yet. Create one with a {mode} secret key: POST /v1/sessions.
            </Text>
          }
        />
      </Card>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
