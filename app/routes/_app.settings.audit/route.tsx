/** The organization's audit log: who changed what, when and from where; filtered and paged in the URL. */
import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { listAuditLog } from "~/audit/audit.server";
import { requireOrganization } from "~/lib/permissions.server";
import { listProjects } from "~/projects/projects.server";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { AuditFilters } from "./audit-filters";
import { AuditPager, AuditTable } from "./audit-table";

export const meta: MetaFunction = () => [{ title: "Audit log · Ramp" }];

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

export type AuditView = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AuditLog() {
  const { entries, projects, hasMore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filtered = ["area", "project", "actor"].some((name) => params.get(name));
  return (
    <Stack>
      <PageHeader title="Audit log" description="Who changed keys, members, projects, branding and gateways; when, and from where." />
      <AuditFilters projects={projects} />
      <AuditTable entries={entries} filtered={filtered} />
      <AuditPager entries={entries} hasMore={hasMore} />
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
