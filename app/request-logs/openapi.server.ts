/** The request log's shapes in the OpenAPI document (the tests hold them to real answers). */
import { z } from "zod";
import { apiObject, listEnvelopeObject } from "~/api/openapi/operation";
import { dateTime, EXAMPLE_IDS as EX, listParameters, type Parameter } from "~/api/openapi/schema";
import { REQUEST_LOG_METHODS, STATUS_CLASSES } from "./list.server";

const attributes = z.object({
  createdAt: dateTime("When the request arrived."),
  source: z.enum(["api", "callback"]).describe("api: your call to /v1 or /public/v1; callback: a gateway calling the platform about your order."),
  method: z.string(),
  path: z.string().describe("The path as requested."),
  query: z.string().nullable().describe("The query string, secrets redacted."),
  endpoint: z.string().nullable().describe("The endpoint pattern with its method, e.g. `POST /v1/sessions/:id/order`."),
  status: z.number().int().describe("The HTTP status answered."),
  latencyMs: z.number().int().describe("Time to answer, in milliseconds."),
  key: z
    .object({ id: z.string().describe("The key's id (`key_…`), never the key."), kind: z.enum(["secret", "restricted", "publishable"]) })
    .nullable()
    .describe("The key used; null for a keyless public request."),
  livemode: z.boolean(),
  ip: z.string().nullable().describe("The client IP."),
  userAgent: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string().nullable() }).nullable().describe("The error envelope's code and message; null on success."),
  objectIds: z.array(z.string()).describe("The sessions, orders, events and other objects the request touched."),
  requestHeaders: z.record(z.string(), z.string()).describe("The headers kept: content type, user agent, idempotency key, a masked Authorization."),
  responseHeaders: z.record(z.string(), z.string()),
  requestBody: z.unknown().nullable().describe('The JSON body, secrets redacted; over 16 KB `{ "$truncated": true, "$bytes", "$preview" }`.'),
  responseBody: z.unknown().nullable().describe("The JSON answer, redacted and capped as requestBody."),
});

const example = {
  type: "request_log",
  id: "req_8Hq3ZKd2VbN4Lm1PxR7sT0aW",
  attributes: {
    createdAt: "2026-02-17T15:00:00.000Z",
    source: "api",
    method: "POST",
    path: `/v1/sessions/${EX.sessionId}/order`,
    query: null,
    endpoint: "POST /v1/sessions/:id/order",
    status: 400,
    latencyMs: 12,
    key: { id: "key_2b7Yq9LkP0sXvN3mA8cD1eF4", kind: "publishable" },
    livemode: false,
    ip: "203.0.113.7",
    userAgent: "curl/8.5.0",
    idempotencyKey: null,
    error: { code: "VALIDATION_ERROR", message: "Missing or invalid fields in the request body." },
    objectIds: [EX.sessionId],
    requestHeaders: { "content-type": "application/json", authorization: "Bearer pk_test_[redacted]" },
    responseHeaders: { "content-type": "application/json; charset=utf-8", "request-id": "req_8Hq3ZKd2VbN4Lm1PxR7sT0aW" },
    requestBody: { clientSecret: "sess_secret_[redacted]", gateway: "banxa" },
    responseBody: {
      success: false,
      error: { code: "VALIDATION_ERROR", message: "Missing or invalid fields in the request body.", requestId: "req_8Hq3ZKd2VbN4Lm1PxR7sT0aW" },
    },
  },
};

export const requestLogObject = apiObject(
  "RequestLog",
  z.object({ type: z.literal("request_log"), id: z.string().describe("The request id (`req_…`), as in Request-Id."), attributes }),
  example,
);

export const requestLogListObject = apiObject(
  "RequestLogList",
  z.intersection(listEnvelopeObject.schema, z.object({ data: z.array(requestLogObject.schema) })),
  { object: "list", url: "/v1/request_logs", has_more: false, data: [example] },
);

export const REQUEST_LOG_OBJECTS = [requestLogObject, requestLogListObject];

/** The list parameters (without the session filters) plus the log's own. */
export function requestLogParameters(): Parameter[] {
  const base = listParameters([], "request").filter((p) => !["status", "destination_currency", "destination_network"].includes(p.name));
  const cursor = { type: "string", pattern: "^req_[0-9A-Za-z]{1,64}$" };
  const q = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }): Parameter => ({
    name,
    in: "query",
    required: false,
    description,
    schema,
  });
  return [
    ...base.map((p) => (p.name === "starting_after" || p.name === "ending_before" ? { ...p, schema: cursor } : p)),
    q("status", `An exact status (e.g. 404) or a class: ${STATUS_CLASSES.join(", ")}.`, { type: "string", pattern: "^([1-5][0-9][0-9]|[1-5]xx)$" }),
    q("method", "Only requests with this HTTP method.", { type: "string", enum: [...REQUEST_LOG_METHODS] }),
    q("endpoint", "Only requests to this endpoint: its method and path pattern, e.g. `POST /v1/sessions/:id/order`."),
    q("key", "Only requests made with this key (its id, `key_…`)."),
    q("ip", "Only requests from this client IP."),
    q("error_code", "Only failed requests with this error code, e.g. VALIDATION_ERROR."),
    q("source", "api (your calls) or callback (gateways calling back about your orders).", { type: "string", enum: ["api", "callback"] }),
    q(
      "q",
      "A request id (`req_…`), an object id (`sess_…`, `ord_…`, `evt_…`, `txn_…`, `cust_…`, `we_…`: every request that touched it) or an idempotency key.",
    ),
  ];
}
