import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProject } from "~/lib/permissions.server";
import { listExport } from "~/search/export.server";
import { SESSION_EXPORT } from "~/sessions/export.server";

/** GET /projects/:projectId/:mode/sessions.csv?<the list's filters>&tz=Europe/Berlin */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  return listExport(request, ctx, SESSION_EXPORT);
}
