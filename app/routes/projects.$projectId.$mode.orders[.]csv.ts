import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProject } from "~/lib/permissions.server";
import { orderColumns } from "~/orders/export.server";
import { listOrders } from "~/orders/list.server";
import { csvResponse, csvStream, EXPORT_BATCH, parseExportParams } from "~/search/export.server";
import { ORDER_FILTERS } from "~/search/list-page.server";

/** GET /projects/:projectId/:mode/orders.csv?<the list's filters>&tz=Europe/Berlin */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(`orders-${ctx.mode}-${day}.csv`, () => {
    const { params: filters, timeZone } = parseExportParams(new URL(request.url).searchParams, ORDER_FILTERS.statuses);
    return csvStream((p) => listOrders(ctx, p, [], { maxLimit: EXPORT_BATCH }), filters, orderColumns(timeZone), timeZone);
  });
}
