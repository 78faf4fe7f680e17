/**
 * Every API endpoint, in the order the OpenAPI document lists them, and the objects they
 * answer with. The document (GET /v1/openapi.json, /docs/api) is assembled from this list and
 * the security suite (test/api-security.test.ts) runs every endpoint in it. A new endpoint in
 * an existing domain joins its domain's api object (e.g. `sessionApi`) and needs no line here.
 */
import { sha256Hex } from "~/lib/crypto.server";
import { eventApi } from "~/events/api.server";
import { env } from "~/lib/env.server";
import { orderApi } from "~/orders/api.server";
import { ORDER_OBJECTS } from "~/orders/openapi.server";
import { publicOrderApi } from "~/orders/public-api.server";
import { QUOTE_OBJECTS } from "~/quotes/openapi.server";
import { quoteApi } from "~/quotes/public-api.server";
import { requestLogApi } from "~/request-logs/api.server";
import { REQUEST_LOG_OBJECTS } from "~/request-logs/openapi.server";
import { sessionApi } from "~/sessions/api.server";
import { SESSION_OBJECTS } from "~/sessions/openapi.server";
import { webhookEndpointApi } from "~/webhooks/api.server";
import { WEBHOOK_OBJECTS } from "~/webhooks/openapi.server";
import { apiEndpoint, type Endpoint } from "./endpoint.server";
import { assembleOpenApiDocument, requestBodies, type OpenApiDocument } from "./openapi/document.server";
import { errorObject, listEnvelopeObject, type ApiObject } from "./openapi/operation";

let served: { text: string; etag: string; baseUrl: string } | undefined;

function servedDocument() {
  const baseUrl = env().BASE_URL;
  if (!served || served.baseUrl !== baseUrl) {
    const text = JSON.stringify(openApiDocument(baseUrl), null, 2);
    served = { text, etag: `"${sha256Hex(text).slice(0, 32)}"`, baseUrl };
  }
  return served;
}

export const metaApi = {
  /**
   * GET /v1/openapi.json — public (API tools fetch it without a key, from any origin) and
   * cacheable for a few minutes: it only changes with a deploy. An ETag revalidates for free.
   */
  openApiDocument: apiEndpoint({
    method: "GET",
    path: "/v1/openapi.json",
    auth: "none",
    operation: {
      operationId: "getOpenApiDocument",
      tag: "Meta",
      summary: "This document",
      description: "The API as an OpenAPI 3.1 document, for code generators and API tools. No key needed.",
      success: { status: 200, description: "An OpenAPI 3.1 document.", object: null },
      errors: ["INTERNAL_ERROR"],
    },
    async handle({ request, requestId }) {
      const { text, etag } = servedDocument();
      const headers = new Headers({
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "public, max-age=300",
        ETag: etag,
        "Request-Id": requestId,
      });
      if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
      return new Response(text, { status: 200, headers });
    },
  }),
};

export const API_ENDPOINTS: Endpoint[] = [
  ...Object.values(sessionApi),
  ...Object.values(orderApi),
  ...Object.values(quoteApi),
  ...Object.values(publicOrderApi),
  ...Object.values(webhookEndpointApi),
  ...Object.values(requestLogApi),
  ...Object.values(eventApi),
  ...Object.values(metaApi),
];

/** The component schemas, in the order the document (and the reference page) shows them. */
export const API_OBJECTS: ApiObject[] = [
  ...SESSION_OBJECTS,
  ...ORDER_OBJECTS,
  ...QUOTE_OBJECTS,
  ...WEBHOOK_OBJECTS,
  ...REQUEST_LOG_OBJECTS,
  errorObject,
  listEnvelopeObject,
];

export function buildOpenApiDocument(baseUrl: string): OpenApiDocument {
  return assembleOpenApiDocument(baseUrl, API_ENDPOINTS, API_OBJECTS);
}

const cache = new Map<string, OpenApiDocument>();

/** The document for this deployment (built once per base URL). */
export function openApiDocument(baseUrl: string): OpenApiDocument {
  let doc = cache.get(baseUrl);
  if (!doc) {
    doc = buildOpenApiDocument(baseUrl);
    cache.set(baseUrl, doc);
  }
  return doc;
}

/** The zod schema behind each named request body, for the tests. */
export const REQUEST_ZOD_SCHEMAS = Object.fromEntries(requestBodies(API_ENDPOINTS).map((body) => [body.name, body.schema]));

/** Each object's example, by name, for the tests. */
export const RESPONSE_EXAMPLES = Object.fromEntries(
  API_OBJECTS.filter((object) => object.example !== undefined).map((object) => [object.name, object.example]),
);
