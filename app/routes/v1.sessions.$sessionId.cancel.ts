import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { cancelSessionRoute } from "~/sessions/api.server";

// DELETE, PUT, PATCH are not a POST: 405.
export const action = (args: ActionFunctionArgs) => (args.request.method === "POST" ? cancelSessionRoute(args) : handleApi(args, async () => methodNotAllowed(["POST"])));
export const loader = (args: LoaderFunctionArgs) => handleApi(args, async () => methodNotAllowed(["POST"]));
