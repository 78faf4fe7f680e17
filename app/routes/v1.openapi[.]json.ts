/** /v1/openapi.json (app/api/registry.server.ts). */
import { apiResource } from "~/api/endpoint.server";
import { metaApi } from "~/api/registry.server";

export const { loader, action } = apiResource({ GET: metaApi.openApiDocument });
