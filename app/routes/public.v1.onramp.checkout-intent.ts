import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { checkoutIntentRoute } from "~/orders/api.server";
import { withPublicCors } from "~/quotes/public-api.server";

// DELETE, PUT and PATCH are not a POST: 405 (Remix sends every non-GET method to the action).
export const action = (args: ActionFunctionArgs) => (!["DELETE", "PUT", "PATCH"].includes(args.request.method) ? checkoutIntentRoute(args) : handleApi(args, async () => methodNotAllowed(["POST", "OPTIONS"])));
/** Only the CORS preflight; the intent itself is a POST. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const response = withPublicCors(new Response(null, { status: request.method === "OPTIONS" ? 204 : 405, headers: { Allow: "POST, OPTIONS" } }));
  response.headers.set("Access-Control-Allow-Methods", "POST, OPTIONS");
  return response;
};
