/** /public/v1/onramp/checkout-intent (app/orders/public-api.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { publicOrderApi } from "~/orders/public-api.server";

export const { loader, action } = apiResource({ POST: publicOrderApi.checkoutIntent });
