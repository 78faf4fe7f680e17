import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { confirmSessionRoute } from "~/sessions/api.server";

export const action = (args: ActionFunctionArgs) => confirmSessionRoute(args);
export const loader = (args: LoaderFunctionArgs) => handleApi(args, async () => methodNotAllowed(["POST"]));
