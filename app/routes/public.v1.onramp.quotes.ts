/** /public/v1/onramp/quotes (app/quotes/public-api.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { quoteApi } from "~/quotes/public-api.server";

export const { loader, action } = apiResource({ GET: quoteApi.quotes });
