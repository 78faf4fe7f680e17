/** GET, POST (update) and DELETE /v1/webhook_endpoints/:id (secret key). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { deleteEndpointRoute, getEndpointRoute, updateEndpointRoute } from "~/webhooks/api.server";

export const loader = (args: LoaderFunctionArgs) => getEndpointRoute(args);
export function action(args: ActionFunctionArgs) {
  if (args.request.method === "POST") return updateEndpointRoute(args);
  if (args.request.method === "DELETE") return deleteEndpointRoute(args);
  return handleApi(args, async () => methodNotAllowed(["GET", "POST", "DELETE"]));
}
