import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { getDb } from "~/lib/db.server";
import { listMemberships, requireUser, UUID } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { findProjectInOrganizations, listProjects } from "~/projects/projects.server";
import { ConsoleShell, type ShellData } from "~/ui/console-shell";
import { RouteErrorPage } from "~/ui/route-error";
import { VerifyEmailBanner } from "~/ui/verify-email-banner";

/**
 * The console's frame. This loader only gathers what the navbar shows; each child
 * route guards its own data (loaders run in parallel, so this check protects nothing).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, activeOrganizationId } = await requireUser(request);
  const db = await getDb();
  const memberships = await listMemberships(db, user.id);
  if (!memberships.length) throw redirect("/onboarding");
  let current = memberships.find((m) => m.organizationId === activeOrganizationId) ?? memberships[0]!;
  let currentProject: ShellData["currentProject"] = null;
  if (params.projectId && UUID.test(params.projectId)) {
    const found = await findProjectInOrganizations(
      db,
      params.projectId,
      memberships.map((m) => m.organizationId),
    );
    if (found) {
      currentProject = { id: found.id, name: found.name };
      current = memberships.find((m) => m.organizationId === found.organizationId)!;
    }
  }
  const projects = await listProjects(db, current.organizationId);
  const data: ShellData = {
    user,
    organization: current,
    memberships,
    projects: projects.map((p) => ({ id: p.id, name: p.name })),
    currentProject,
    mode: params.mode === "live" ? "live" : "test",
    can: {
      apiKeys: roleCan(current.role, { apiKey: ["read"] }),
      team: roleCan(current.role, { invitation: ["create"] }),
      organization: roleCan(current.role, { organization: ["update"] }),
      audit: roleCan(current.role, { audit: ["read"] }),
      data: roleCan(current.role, { data: ["read"] }),
      requestLog: roleCan(current.role, { requestLog: ["read"] }),
    },
  };
  return { ...data, emailVerified: user.emailVerified };
}

export default function AppLayout() {
  const data = useLoaderData<typeof loader>();
  return (
    <ConsoleShell data={data}>
      {data.emailVerified ? null : <VerifyEmailBanner email={data.user.email} />}
      <Outlet />
    </ConsoleShell>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage fullPage />;
}
