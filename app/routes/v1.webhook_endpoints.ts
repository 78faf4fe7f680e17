/** GET /v1/webhook_endpoints, POST /v1/webhook_endpoints (secret key). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { createEndpointRoute, listEndpointsRoute } from "~/webhooks/api.server";

export const loader = (args: LoaderFunctionArgs) => listEndpointsRoute(args);
export function action(args: ActionFunctionArgs) {
  if (args.request.method === "POST") return createEndpointRoute(args);
  return handleApi(args, async () => methodNotAllowed(["GET", "POST"]));
}
