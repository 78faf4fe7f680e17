import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProject } from "~/lib/permissions.server";
import { csvResponse, csvStream, EXPORT_BATCH, parseExportParams } from "~/search/export.server";
import { SESSION_FILTERS } from "~/search/list-page.server";
import { sessionColumns } from "~/sessions/export.server";
import { listSessions } from "~/sessions/list.server";

/** GET /projects/:projectId/:mode/sessions.csv?<the list's filters>&tz=Europe/Berlin */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(`sessions-${ctx.mode}-${day}.csv`, () => {
    const { params: filters, timeZone } = parseExportParams(new URL(request.url).searchParams, SESSION_FILTERS.statuses);
    return csvStream((p) => listSessions(ctx, p, [], { maxLimit: EXPORT_BATCH }), filters, sessionColumns(timeZone), timeZone);
  });
}
