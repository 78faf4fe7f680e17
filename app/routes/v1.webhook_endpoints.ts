/** /v1/webhook_endpoints (app/webhooks/api.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { webhookEndpointApi } from "~/webhooks/api.server";

export const { loader, action } = apiResource({ GET: webhookEndpointApi.list, POST: webhookEndpointApi.create });
