import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProject } from "~/lib/permissions.server";
import { ORDER_EXPORT } from "~/orders/export.server";
import { listExport } from "~/search/export.server";

/** GET /projects/:projectId/:mode/orders.csv?<the list's filters>&tz=Europe/Berlin */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  return listExport(request, ctx, ORDER_EXPORT);
}
