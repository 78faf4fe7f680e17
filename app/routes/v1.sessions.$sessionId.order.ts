/** /v1/sessions/:sessionId/order (app/orders/api.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { orderApi } from "~/orders/api.server";

export const { loader, action } = apiResource({ POST: orderApi.createFromSession });
