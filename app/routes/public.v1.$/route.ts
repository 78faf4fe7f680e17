/** Any path under /public/v1/ that no endpoint serves: the API's 404 envelope, not the console's page. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { endpointNotFound } from "~/api/not-found.server";

export const loader = (args: LoaderFunctionArgs) => endpointNotFound(args);
export const action = (args: ActionFunctionArgs) => endpointNotFound(args);
