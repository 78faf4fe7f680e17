/** /v1/sessions/:sessionId (app/sessions/api.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { sessionApi } from "~/sessions/api.server";

export const { loader, action } = apiResource({ GET: sessionApi.get });
