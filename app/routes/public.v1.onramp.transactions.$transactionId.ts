/** /public/v1/onramp/transactions/:transactionId (app/orders/public-api.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { publicOrderApi } from "~/orders/public-api.server";

export const { loader, action } = apiResource({ GET: publicOrderApi.transaction });
