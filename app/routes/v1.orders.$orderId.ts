/** /v1/orders/:orderId (app/orders/api.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { orderApi } from "~/orders/api.server";

export const { loader, action } = apiResource({ GET: orderApi.get });
