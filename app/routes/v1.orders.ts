/** GET /v1/orders — the project's orders, newest first, filtered and paged as docs/api-contract.md#lists says (secret key). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listBody } from "~/api/keyset.server";
import { parseListParams } from "~/api/list-params";
import { authenticate, handleApi, json, methodNotAllowed } from "~/api/respond.server";
import { schema } from "~/lib/db.server";
import { listOrders } from "~/orders/list.server";
import { serializeOrder } from "~/orders/serialize";

export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi({ request, params }, async ({ request, db, requestId }) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const query = parseListParams(new URL(request.url).searchParams, { statuses: schema.ORDER_STATUSES });
    const page = await listOrders(ctx, query);
    return json(listBody("/v1/orders", page, serializeOrder), {}, requestId);
  });
}

export const action = (args: ActionFunctionArgs) => handleApi(args, async () => methodNotAllowed(["GET"]));
