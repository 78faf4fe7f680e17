import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProject } from "~/lib/permissions.server";
import { orderColumns } from "~/orders/export.server";
import { listOrders } from "~/orders/list.server";
import { listExport } from "~/search/export.server";
import { ORDER_FILTERS } from "~/search/list-page.server";

/** GET /projects/:projectId/:mode/orders.csv?<the list's filters>&tz=Europe/Berlin */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  return listExport(request, {
    noun: "orders",
    mode: ctx.mode,
    statuses: ORDER_FILTERS.statuses,
    list: (p, batch) => listOrders(ctx, p, [], { maxLimit: batch }),
    columns: orderColumns,
  });
}
