import { Badge, Button, Card, Code, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { IconFilter } from "@tabler/icons-react";
import { AUDIT_AREAS } from "~/audit/areas";
import { listAuditLog } from "~/audit/audit.server";
import { requireOrganization } from "~/lib/permissions.server";
import { listProjects } from "~/projects/projects.server";
import { DataTable } from "~/ui/data-table";
import { formatDateTime } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Audit log · Ramp" }];

const AREA_LABELS: Record<(typeof AUDIT_AREAS)[number], string> = {
  api_key: "API keys",
  branding: "Branding",
  gateway: "Gateways",
  member: "Members",
  order: "Orders",
  organization: "Organization",
  project: "Projects",
  webhook: "Webhooks",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request, { audit: ["read"] });
  const url = new URL(request.url);
  const projects = await listProjects(ctx.db, ctx.organizationId, { includeArchived: true });
  const projectId = url.searchParams.get("project");
  const page = await listAuditLog(ctx.db, ctx.organizationId, {
    area: url.searchParams.get("area"),
    // Only this organization's projects can be filtered on.
    projectId: projects.some((p) => p.id === projectId) ? projectId : null,
    actor: url.searchParams.get("actor")?.trim() || null,
    startingAfter: url.searchParams.get("starting_after"),
  });
  const projectNames = new Map(projects.map((p) => [p.id, p.name]));
  return {
    projects: projects.map((p) => ({ value: p.id, label: p.name })),
    hasMore: page.hasMore,
    entries: page.rows.map((row) => ({
      id: row.id,
      action: row.action,
      actor: row.actorEmail ?? "System",
      target: `${row.targetType}${row.targetId ? ` ${row.targetId}` : ""}`,
      project: row.projectId ? (projectNames.get(row.projectId) ?? row.projectId) : null,
      ipAddress: row.ipAddress,
      details: row.details,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

export default function AuditLog() {
  const { entries, projects, hasMore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (entries.length) next.set("starting_after", entries[entries.length - 1]!.id);
  const filtered = ["area", "project", "actor"].some((name) => params.get(name));
  return (
    <Stack>
      <PageHeader title="Audit log" description="Who changed keys, members, projects, branding and gateways; when, and from where." />
      <Card withBorder padding="md">
        <Form method="get">
          <Group align="flex-end" wrap="wrap">
            <Select
              name="area"
              label="Area"
              placeholder="All"
              clearable
              data={AUDIT_AREAS.map((area) => ({ value: area, label: AREA_LABELS[area] }))}
              defaultValue={params.get("area")}
              w={180}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              name="project"
              label="Project"
              placeholder="All"
              clearable
              data={projects}
              defaultValue={params.get("project")}
              w={220}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput name="actor" label="Actor email" placeholder="name@company.com" defaultValue={params.get("actor") ?? ""} w={240} />
            <Button type="submit" leftSection={<IconFilter size={16} />} variant="light">
              Filter
            </Button>
            {filtered ? (
              <Button component={Link} to="/settings/audit" variant="subtle" color="gray">
                Clear
              </Button>
            ) : null}
          </Group>
        </Form>
      </Card>
      <Card withBorder padding={0}>
        <DataTable
          rows={entries}
          minWidth={900}
          testId="audit-table"
          verticalSpacing="sm"
          horizontalSpacing="md"
          nowrap={false}
          empty={
            <Text c="dimmed" size="sm" p="lg">
              {filtered ? "Nothing matches these filters." : "Nothing has been recorded yet."}
            </Text>
          }
          columns={[
            { header: "When", nowrap: true, cell: (entry) => <Text size="sm">{formatDateTime(entry.createdAt)}</Text> },
            {
              header: "Action",
              cell: (entry) => (
                <>
                  <Badge variant="light" tt="none" radius="sm" miw="max-content">
                    {entry.action}
                  </Badge>
                  {Object.keys(entry.details ?? {}).length ? (
                    <Text size="xs" c="dimmed" mt={4} style={{ wordBreak: "break-word" }}>
                      {Object.entries(entry.details as Record<string, unknown>)
                        .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                        .join(" · ")}
                    </Text>
                  ) : null}
                </>
              ),
            },
            { header: "Actor", cell: (entry) => <Text size="sm">{entry.actor}</Text> },
            { header: "Target", cell: (entry) => <Code fz="xs">{entry.target}</Code> },
            { header: "Project", nowrap: true, cell: (entry) => <Text size="sm">{entry.project ?? "—"}</Text> },
            {
              header: "From",
              cell: (entry) => (
                <Text size="sm" c="dimmed">
                  {entry.ipAddress ?? "—"}
                </Text>
              ),
            },
          ]}
        />
      </Card>
      <Group justify="space-between">
        {params.get("starting_after") ? (
          <Button component={Link} to={`?${new URLSearchParams([...params].filter(([k]) => k !== "starting_after"))}`} variant="default">
            Newest
          </Button>
        ) : (
          <span />
        )}
        {hasMore ? (
          <Button component={Link} to={`?${next}`} variant="default">
            Older
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
