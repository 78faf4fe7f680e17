import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireOrganization } from "~/lib/permissions.server";
import { listProjects } from "~/projects/projects.server";

/** `/` opens the active organization's first project in test mode, or the project list. */
export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request);
  const [first] = await listProjects(ctx.db, ctx.organizationId);
  throw redirect(first ? `/projects/${first.id}/test` : "/projects");
}
