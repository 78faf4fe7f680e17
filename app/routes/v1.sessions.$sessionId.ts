import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { getSessionRoute } from "~/sessions/api.server";

export const loader = (args: LoaderFunctionArgs) => getSessionRoute(args);
export const action = (args: ActionFunctionArgs) => handleApi(args, async () => methodNotAllowed(["GET"]));
