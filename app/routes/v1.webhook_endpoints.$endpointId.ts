/** /v1/webhook_endpoints/:endpointId (app/webhooks/api.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { webhookEndpointApi } from "~/webhooks/api.server";

export const { loader, action } = apiResource({ GET: webhookEndpointApi.get, POST: webhookEndpointApi.update, DELETE: webhookEndpointApi.delete });
