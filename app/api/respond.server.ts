/**
 * Turning handler results and errors into the contract's envelopes (docs/api-contract.md#errors),
 * with a Request-Id on every response. Endpoints (app/api/endpoint.server.ts) run inside `handleApi`, which maps
 * any DomainError (or zod error) to the envelope; keyed ones are authenticated here first.
 */
import { ZodError, type z, type ZodType } from "zod";
import { assertKeyPermission, authenticateApiKey, bearerToken, type ApiKeyIdentity } from "~/keys/key-check.server";
import { isSecretKind } from "~/keys/keys.server";
import type { KeyPermission } from "~/keys/permissions";
import { CLIENT_IP_HEADER } from "~/lib/auth.server";
import type { ProjectContext } from "~/lib/context";
import { getDb, type Database } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import { isDatabaseUnavailable } from "~/lib/faults.server";
import { describeError, logger } from "~/lib/logger.server";
import { DomainError, type ErrorCode, type ErrorDetail } from "~/lib/domain-error";
import { noteCaller } from "~/request-logs/record.server";
import { checkJsonValue, checkRequestTarget } from "./input-guards";
import { enforceRateLimit } from "./rate-limit.server";

export interface ApiContext extends ProjectContext {
  key: ApiKeyIdentity;
  requestId: string;
}

export type KeyRequirement = "secret" | "any" | "none";

export interface ApiRequest {
  request: Request;
  params: Record<string, string | undefined>;
  requestId: string;
  db: Database;
}

/** `{ type, id, attributes }`, as the API answers a single object (docs/api-contract.md#conventions). */
export function resource(type: string, id: string, attributes: Record<string, unknown>) {
  return { type, id, attributes };
}

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}, requestId?: string) {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  if (requestId) headers.set("Request-Id", requestId);
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

export function errorResponse(error: DomainError, requestId: string) {
  return json(
    {
      success: false,
      error: {
        code: error.code,
        message: error.message,
        ...(error.details?.length ? { details: error.details } : {}),
        requestId,
      },
    },
    { status: error.status, headers: error.headers },
    requestId,
  );
}

export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "body", message: issue.message }));
}

/**
 * The key's project and mode as a domain context; the actor is the key itself. Every keyed
 * request is counted against its key's rate limit here (429 RATE_LIMIT_EXCEEDED).
 */
export async function authenticate(
  request: Request,
  db: Database,
  requirement: Exclude<KeyRequirement, "none">,
  requestId: string,
  permission?: KeyPermission,
): Promise<ApiContext> {
  const clientIp = request.headers.get(CLIENT_IP_HEADER);
  const result = await authenticateApiKey(db, bearerToken(request), { clientIp });
  // From here the request is the key's project's: its log records it, refusals included.
  const caller = result.ok ? result : result.identity;
  if (caller) noteCaller(request, { projectId: caller.projectId, mode: caller.mode, keyId: caller.keyId, keyKind: caller.kind });
  if (!result.ok) throw new DomainError(result.code, result.message);
  // Counted before the kind check: a publishable key hammering a secret-key endpoint is limited too.
  await enforceRateLimit(isSecretKind(result.kind) ? "secret" : "publishable", result.keyId);
  if (requirement === "secret" && !isSecretKind(result.kind)) {
    throw new DomainError(
      "INSUFFICIENT_PERMISSIONS",
      "This endpoint needs a secret key (sk_…) or a restricted key (rk_…). Publishable keys are for the browser.",
    );
  }
  assertKeyPermission(result, permission);
  return {
    db,
    organizationId: result.organizationId,
    projectId: result.projectId,
    mode: result.mode,
    // The API acts with the key's own rights: the route decides what a key kind may do.
    role: "admin",
    actor: { userId: null, email: `api key ${result.keyId}`, ipAddress: clientIp, userAgent: request.headers.get("user-agent") },
    key: result,
    requestId,
  };
}

/**
 * Validates a body with a zod schema. The error code is the first offending field's own
 * (e.g. INVALID_CURRENCY for a currency field) or VALIDATION_ERROR; details list every issue.
 */
export function parseBody<S extends ZodType>(schema: S, body: unknown, fieldCodes: Partial<Record<string, ErrorCode>> = {}): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const details = zodDetails(parsed.error);
  const first = parsed.error.issues[0];
  const field = first?.path[0];
  const code = (typeof field === "string" && fieldCodes[field]) || "VALIDATION_ERROR";
  const message = code === "VALIDATION_ERROR" ? "Missing or invalid fields in the request body." : details[0]!.message;
  throw new DomainError(code, message, details);
}

/** A request body read as text (kept for the idempotency hash), parsed as JSON: empty is `{}`, bad JSON a VALIDATION_ERROR. */
export function parseJsonBody(raw: string): unknown {
  if (!raw.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DomainError("VALIDATION_ERROR", "The request body is not valid JSON.", [{ field: "body", message: "Send a JSON object." }]);
  }
  checkJsonValue(parsed);
  return parsed;
}

type Handler = (input: ApiRequest) => Promise<Response>;

/** Wraps an API handler: request id, error envelope, no stack traces to clients. */
export async function handleApi(
  args: { request: Request; params: Record<string, string | undefined> },
  handler: Handler,
  requestId: string = newId("req"),
): Promise<Response> {
  try {
    checkRequestTarget(args.request, args.params);
    const db = await getDb();
    const response = await handler({ request: args.request, params: args.params, requestId, db });
    // An idempotent replay carries the first request's id.
    if (!response.headers.has("Request-Id")) response.headers.set("Request-Id", requestId);
    return response;
  } catch (error) {
    if (error instanceof DomainError) return errorResponse(error, requestId);
    if (error instanceof ZodError)
      return errorResponse(new DomainError("VALIDATION_ERROR", "Missing or invalid fields in the request body.", zodDetails(error)), requestId);
    if (isDatabaseUnavailable(error)) return databaseUnavailable(args.request, requestId, error);
    logger.error("api.internal_error", { requestId, path: new URL(args.request.url).pathname, error: describeError(error) });
    return errorResponse(new DomainError("INTERNAL_ERROR", "Something went wrong on our side. Quote the requestId if you contact support."), requestId);
  }
}

/** 503 while the database is unreachable: nothing is wrong with the request, so say when to retry. */
function databaseUnavailable(request: Request, requestId: string, error: unknown) {
  logger.warn("api.database_unavailable", { requestId, path: new URL(request.url).pathname, error: error instanceof Error ? error.message : String(error) });
  return errorResponse(
    new DomainError("SERVICE_UNAVAILABLE", "The service is briefly unavailable. Retry after the Retry-After seconds.", undefined, { "Retry-After": "5" }),
    requestId,
  );
}

/** 405 for methods a resource does not answer. */
export function methodNotAllowed(allowed: string[]): never {
  throw new DomainError("METHOD_NOT_ALLOWED", `Use ${allowed.join(" or ")} on this endpoint.`, undefined, { Allow: allowed.join(", ") });
}
