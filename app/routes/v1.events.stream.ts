/** /v1/events/stream (app/events/api.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { eventApi } from "~/events/api.server";

export const { loader, action } = apiResource({ GET: eventApi.stream });
