import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, methodNotAllowed } from "~/api/respond.server";
import { createSessionOrderRoute } from "~/orders/api.server";

export const action = (args: ActionFunctionArgs) => createSessionOrderRoute(args);
export const loader = (args: LoaderFunctionArgs) => handleApi(args, async () => methodNotAllowed(["POST"]));
