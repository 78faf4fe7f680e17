/**
 * What an endpoint declares about itself for the OpenAPI document: its operation (summary,
 * parameters, body, success answer, error codes), the request bodies and response objects it
 * names, and the error codes every endpoint shares. Each domain describes its own endpoints
 * with these (app/<domain>/api.server.ts, app/<domain>/openapi.ts); app/api/openapi/document.ts
 * assembles them.
 */
import { z } from "zod";
import type { KeyPermission } from "~/keys/permissions";
import { ERROR_STATUS, type ErrorCode } from "~/lib/domain-error";
import type { FieldDocs, JsonSchema, Parameter } from "./schema";

export type Tag = "Sessions" | "Orders" | "Public onramp" | "Webhooks" | "Request logs" | "Meta";

/**
 * Who may call an endpoint, enforced by apiEndpoint (keyed kinds) and read by the document,
 * the security suite and the CORS policy (app/api/endpoint.server.ts):
 * - secret: a secret key (sk_…), from the partner's backend;
 * - publishable: a publishable key (pk_…) is enough, a secret key works too;
 * - clientSecret: as publishable, plus the session's clientSecret in the body;
 * - public: no key; a publishable key of the named project selects its mode; secret keys refused;
 * - none: no key, and nothing of any project is served (the API's own description).
 */
export type Auth = "secret" | "publishable" | "clientSecret" | "public" | "none";
export const AUTHS: readonly Auth[] = ["secret", "publishable", "clientSecret", "public", "none"];

/** A named response shape (a component schema), with the example the document shows. */
export interface ApiObject {
  name: string;
  schema: z.ZodType;
  example?: unknown;
}

export function apiObject<T extends z.ZodType>(name: string, schema: T, example?: unknown): ApiObject & { schema: T } {
  return { name, schema, example };
}

/** A named request body: its zod schema (the handler parses with it) and the docs of its fields. */
export interface RequestBody {
  name: string;
  schema: z.ZodType;
  docs: FieldDocs;
  /** JSON Schema the conversion can't see (e.g. a superRefine's "one of these is required"). */
  extra?: JsonSchema;
}

export interface Operation {
  operationId: string;
  tag: Tag;
  summary: string;
  description: string;
  parameters?: Parameter[];
  /** `optional`: the body may be left out entirely (every field is optional). */
  body?: { schema: RequestBody; example: unknown; optional?: boolean };
  idempotent?: boolean;
  /** `object: null`: an answer that is not one of the API's objects (the OpenAPI document itself). */
  success: { status: 200 | 201; description: string; object: ApiObject | null };
  errors: ErrorCode[];
}

/** What each error code means, for the document and the console page. */
export const ERROR_CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  VALIDATION_ERROR: "Missing or invalid fields; `details` names each one.",
  INVALID_CURRENCY: "An unsupported fiat or crypto currency.",
  INVALID_NETWORK: "An unknown network, or one that does not carry the crypto.",
  INVALID_AMOUNT: "An amount that is malformed or outside the allowed bounds.",
  INVALID_WALLET_ADDRESS: "The wallet address is not valid for the network.",
  INVALID_GATEWAY: "An unknown gateway, one not enabled for the project, or one that cannot serve this order.",
  MISSING_API_KEY: "No `Authorization: Bearer …` header.",
  INVALID_API_KEY: "The key is unknown, revoked or malformed.",
  API_KEY_EXPIRED: "The key was rolled and its grace period is over.",
  FORBIDDEN: "Invalid clientSecret, or a publishable key of another project.",
  INSUFFICIENT_PERMISSIONS:
    "The wrong kind of key (e.g. a publishable key where a secret key is needed), or a restricted key (`rk_…`) without the endpoint's permission: the message and `details` name it (e.g. `orders:refund`).",
  PROJECT_ARCHIVED: "The project is archived.",
  PROJECT_NOT_LIVE: "A live key (`sk_live_`/`pk_live_`) of a project that is not live yet: an owner or admin switches it live in the console first.",
  IP_NOT_ALLOWED: "A secret or restricted key sent from an IP address outside the key's allowlist.",
  NOT_FOUND: "No such object in the key's project and mode.",
  METHOD_NOT_ALLOWED: "The endpoint does not answer this HTTP method (see `Allow`).",
  SESSION_EXPIRED: "The session has expired. Create a new one.",
  SESSION_ALREADY_USED: "An order was already created from this session.",
  INVALID_STATE: "The object is not in a state that allows this: a cancelled session; refunding an order that is not completed (or is already refunded).",
  IDEMPOTENCY_KEY_REUSED: "This Idempotency-Key was used with a different request.",
  IDEMPOTENCY_KEY_IN_USE: "A request with this Idempotency-Key is still running; retry shortly.",
  EXPIRED: "Something that existed has run out (e.g. a sandbox payment page past its deadline).",
  REQUEST_TIMEOUT: "The request body did not arrive within the time allowed.",
  PAYLOAD_TOO_LARGE: "The request body is larger than the endpoint accepts.",
  RATE_LIMIT_EXCEEDED: "Too many requests; wait for `Retry-After` seconds.",
  INTERNAL_ERROR: "Something went wrong on our side; quote the requestId to support.",
  GATEWAY_UNAVAILABLE: "The payment gateway did not answer or refused the order.",
  SERVICE_UNAVAILABLE: "The platform cannot serve right now (e.g. its database is unreachable); retry after `Retry-After` seconds.",
};

export type EndpointMethod = "GET" | "POST" | "DELETE";

/** An endpoint as the document sees it; app/api/endpoint.server.ts adds its handler. */
export interface DescribedEndpoint {
  method: EndpointMethod;
  /** The OpenAPI path template, e.g. /v1/sessions/{sessionId}: the route file's path. */
  path: string;
  auth: Auth;
  /** Keyed endpoints: the permission a restricted key (`rk_…`) needs; secret keys hold them all. */
  permission?: KeyPermission;
  operation: Operation;
}

export const KEY_ERRORS: ErrorCode[] = ["MISSING_API_KEY", "INVALID_API_KEY", "API_KEY_EXPIRED", "PROJECT_ARCHIVED", "PROJECT_NOT_LIVE", "IP_NOT_ALLOWED"];
export const SECRET_ERRORS: ErrorCode[] = [...KEY_ERRORS, "INSUFFICIENT_PERMISSIONS"];
/** Public endpoints: no key is fine; a bad one, a secret one or another project's is refused. */
export const PUBLIC_KEY_ERRORS: ErrorCode[] = [
  "INVALID_API_KEY",
  "API_KEY_EXPIRED",
  "INSUFFICIENT_PERMISSIONS",
  "FORBIDDEN",
  "PROJECT_ARCHIVED",
  "PROJECT_NOT_LIVE",
];
export const IDEMPOTENCY_ERRORS: ErrorCode[] = ["VALIDATION_ERROR", "IDEMPOTENCY_KEY_REUSED", "IDEMPOTENCY_KEY_IN_USE"];
/** Every API endpoint may answer these (VALIDATION_ERROR: NUL characters, malformed paths, query parameters it does not take). */
export const ALWAYS: ErrorCode[] = ["VALIDATION_ERROR", "RATE_LIMIT_EXCEEDED", "INTERNAL_ERROR"];
export const FIELD_ERRORS: ErrorCode[] = ["VALIDATION_ERROR", "INVALID_AMOUNT", "INVALID_CURRENCY", "INVALID_NETWORK", "INVALID_WALLET_ADDRESS"];

export const errorObject = apiObject(
  "Error",
  z
    .object({
      success: z.literal(false),
      error: z.object({
        code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
        message: z.string().describe("For people; may change."),
        details: z
          .array(z.object({ field: z.string(), message: z.string() }))
          .optional()
          .describe("One entry per offending field or parameter."),
        requestId: z.string().describe("`req_…`, also in the Request-Id header."),
      }),
    })
    .describe("Every error answers with this envelope."),
);

export const listEnvelopeObject = apiObject(
  "List",
  z
    .object({
      object: z.literal("list"),
      url: z.string().describe("The list's path, e.g. /v1/sessions."),
      has_more: z.boolean().describe("Whether more items exist beyond this page."),
      data: z.array(z.unknown()).describe("Up to `limit` items, newest first."),
    })
    .describe("A page of a list, as Stripe's lists answer."),
);
