/** GET /v1/orders/:orderId — one order of the key's project and mode (secret key); any other id is 404. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/domain-error";
import { authenticate, handleApi, json, methodNotAllowed } from "~/api/respond.server";
import { getOrder } from "~/orders/list.server";
import { serializeOrder } from "~/orders/serialize";

export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi({ request, params }, async ({ request, params, db, requestId }) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const orderId = params.orderId ?? "";
    const row = await getOrder(ctx, orderId);
    // The same answer for an unknown id and another project's or mode's: nothing to probe.
    if (!row) throw notFound("Order", orderId);
    return json(serializeOrder(row), {}, requestId);
  });
}

export const action = (args: ActionFunctionArgs) => handleApi(args, async () => methodNotAllowed(["GET"]));
