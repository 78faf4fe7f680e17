import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { cancelSessionRoute } from "~/sessions/api.server";

export const action = (args: ActionFunctionArgs) => cancelSessionRoute(args);
export const loader = (args: LoaderFunctionArgs) => handleApi(args, async () => methodNotAllowed(["POST"]));
