import type { LoaderFunctionArgs } from "@remix-run/node";
import { transactionRoute } from "~/orders/api.server";
import { publicAction } from "~/quotes/public-api.server";

export const loader = (args: LoaderFunctionArgs) => transactionRoute(args);
export const action = publicAction;
