import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProject } from "~/lib/permissions.server";
import { listExport } from "~/search/export.server";
import { SESSION_FILTERS } from "~/search/list-page.server";
import { sessionColumns } from "~/sessions/export.server";
import { listSessions } from "~/sessions/list.server";

/** GET /projects/:projectId/:mode/sessions.csv?<the list's filters>&tz=Europe/Berlin */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  return listExport(request, {
    noun: "sessions",
    mode: ctx.mode,
    statuses: SESSION_FILTERS.statuses,
    list: (p, batch) => listSessions(ctx, p, [], { maxLimit: batch }),
    columns: sessionColumns,
  });
}
