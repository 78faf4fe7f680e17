/** POST /v1/orders/:orderId/refund — refund a completed order through its gateway (secret key). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { refundOrderRoute } from "~/orders/api.server";

// DELETE, PUT and PATCH are not a POST: 405 (Remix sends every non-GET method to the action).
export const action = (args: ActionFunctionArgs) => (!["DELETE", "PUT", "PATCH"].includes(args.request.method) ? refundOrderRoute(args) : handleApi(args, async () => methodNotAllowed(["POST"])));
export const loader = (args: LoaderFunctionArgs) => handleApi(args, async () => methodNotAllowed(["POST"]));
