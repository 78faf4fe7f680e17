/**
 * What every public (keyless) endpoint shares, whatever it serves: which project and mode a
 * request is for, and strict query parsing (an unknown or repeated parameter is an error, as
 * in list-params). The endpoints are `auth: "public"` (app/api/endpoint.server.ts), which also
 * gives them their CORS headers and preflight.
 *
 * The public endpoints (docs/api-contract.md#public-endpoints) need no key: a `projectId` parameter names the project, which
 * serves its default mode (test until an admin takes it live). A browser may send the
 * project's publishable key (`Authorization: Bearer pk_…`); then the key's mode is served.
 * A secret key is refused outright, before any lookup: it arrived from a browser, so it has
 * leaked, and answering with data would teach the partner that this works.
 */
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { project } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { DomainError, type ErrorCode, type ErrorDetail } from "~/lib/domain-error";
import { authenticateApiKey, bearerToken, type ApiKeyIdentity } from "~/keys/key-check.server";
import { CLIENT_IP_HEADER } from "~/lib/auth.server";
import type { Database } from "~/lib/db.server";
import { assertBrowserOrigin } from "./cors.server";
import { noteCaller } from "~/request-logs/record.server";
import { enforceIpRateLimit, enforceRateLimit } from "./rate-limit.server";

export interface PublicProject {
  projectId: string;
  organizationId: string;
  mode: Mode;
  /** The publishable key that chose the mode, or null when the project's default mode is served. */
  publishableKeyId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function projectNotFound(projectId: string) {
  return new DomainError("NOT_FOUND", `Project ${projectId} does not exist.`);
}

/**
 * Resolves `projectId` (a project's UUID) and the optional publishable key to the project
 * and the mode to serve. Throws DomainError:
 * - NOT_FOUND (404) for a malformed or unknown project id,
 * - PROJECT_ARCHIVED (403) for an archived project,
 * - INSUFFICIENT_PERMISSIONS (403) for any secret key (sk_…),
 * - INVALID_API_KEY / API_KEY_EXPIRED (401) for a bad publishable key or a malformed header,
 * - FORBIDDEN (403) for a publishable key of another project,
 * - RATE_LIMIT_EXCEEDED (429, with Retry-After) over the limit per client IP (keyless) or per key.
 */
export async function resolvePublicProject(db: Database, request: Request, projectId: string): Promise<PublicProject> {
  const token = publicToken(request);
  // Keyless requests are counted per client IP before any database work.
  if (token === null) await enforceIpRateLimit(request);

  if (!UUID.test(projectId)) throw projectNotFound(projectId);
  const [row] = await db
    .select({
      id: project.id,
      organizationId: project.organizationId,
      defaultMode: project.defaultMode,
      archivedAt: project.archivedAt,
      allowedOrigins: project.allowedRedirectOrigins,
    })
    .from(project)
    .where(eq(project.id, projectId));
  if (!row) throw projectNotFound(projectId);
  if (row.archivedAt) throw new DomainError("PROJECT_ARCHIVED", "This project is archived and no longer serves quotes or checkouts.");

  if (token === null) {
    noteCaller(request, { projectId: row.id, mode: row.defaultMode });
    assertBrowserOrigin(request, { mode: row.defaultMode, allowedOrigins: row.allowedOrigins });
    return { projectId: row.id, organizationId: row.organizationId, mode: row.defaultMode, publishableKeyId: null };
  }

  const key = await publishableKey(db, request, token);
  if (key.projectId !== row.id) {
    throw new DomainError("FORBIDDEN", "This publishable key belongs to another project: send the key of the project named by projectId.");
  }
  assertBrowserOrigin(request, { mode: key.mode, allowedOrigins: row.allowedOrigins });
  return { projectId: row.id, organizationId: row.organizationId, mode: key.mode, publishableKeyId: key.keyId };
}

/**
 * For a public endpoint that names no project (GET /public/v1/onramp/transactions/:id): the
 * publishable key sent, or null without one, with the same refusals and rate limits as
 * resolvePublicProject. The caller answers FORBIDDEN when the object belongs to another
 * project than the key's.
 */
export async function resolvePublicCaller(db: Database, request: Request): Promise<ApiKeyIdentity | null> {
  const token = publicToken(request);
  if (token === null) {
    await enforceIpRateLimit(request);
    return null;
  }
  const key = await publishableKey(db, request, token);
  assertBrowserOrigin(request, { mode: key.mode, allowedOrigins: key.allowedRedirectOrigins ?? [] });
  return key;
}

/** The bearer token sent (null: none). A malformed header and any secret key are refused before any lookup. */
function publicToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const token = bearerToken(request);
  if (header !== null && token === null) {
    throw new DomainError("INVALID_API_KEY", "Send your publishable key as `Authorization: Bearer pk_…`, or no Authorization header at all.");
  }
  if (token?.startsWith("sk_") || token?.startsWith("rk_")) {
    throw new DomainError(
      "INSUFFICIENT_PERMISSIONS",
      "Secret keys (sk_…, rk_…) must never be sent from a browser or accepted by public endpoints. Use your publishable key (pk_…), and roll this secret key: it may have been exposed.",
    );
  }
  return token;
}

/** The valid publishable key behind a token, its request counted against the key's limit. */
async function publishableKey(db: Database, request: Request, token: string): Promise<ApiKeyIdentity> {
  const key = await authenticateApiKey(db, token, { clientIp: request.headers.get(CLIENT_IP_HEADER) });
  if (!key.ok) throw new DomainError(key.code, key.message);
  noteCaller(request, { projectId: key.projectId, mode: key.mode, keyId: key.keyId, keyKind: key.kind });
  // A publishable key's requests share one count, here and on the keyed API.
  await enforceRateLimit("publishable", key.keyId);
  // Unreachable while tokens carry their kind in the prefix; kept so a format change can't open this.
  if (key.kind !== "publishable") throw new DomainError("INSUFFICIENT_PERMISSIONS", "Public endpoints take publishable keys (pk_…) only.");
  return key;
}

const INVALID_QUERY = "Missing or invalid query parameters.";

export interface ParseQueryOptions {
  /** Codes for problems with a parameter's value (e.g. fiatCurrency → INVALID_CURRENCY). */
  codes?: Partial<Record<string, ErrorCode>>;
  /** Extra checks on the raw values (across parameters); each returns its details. */
  extra?: (raw: Record<string, string>) => { field: string; message: string }[];
}

/**
 * Reads query parameters with a zod object schema. Empty values count as absent. On any
 * problem, throws an DomainError whose details name every offending parameter; its code is the
 * first offender's own code (INVALID_CURRENCY, …) when every offender has one and was sent,
 * else VALIDATION_ERROR (missing, unknown or repeated parameters, or a value without a code).
 */
export function parseQuery<S extends z.ZodObject>(schema: S, searchParams: URLSearchParams, options: ParseQueryOptions = {}): z.infer<S> {
  const names = Object.keys(schema.shape);
  const details: (ErrorDetail & { code: ErrorCode })[] = [];
  const raw: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of searchParams) {
    if (!names.includes(name)) {
      details.push({ field: name, message: `Received unknown parameter: ${name}. This endpoint takes ${names.join(", ")}.`, code: "VALIDATION_ERROR" });
    } else if (seen.has(name)) {
      details.push({ field: name, message: "Given more than once: send each parameter once.", code: "VALIDATION_ERROR" });
    } else {
      seen.add(name);
      if (value.trim() !== "") raw[name] = value.trim();
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "query");
      const own = options.codes?.[field];
      details.push({ field, message: issue.message, code: own && field in raw ? own : "VALIDATION_ERROR" });
    }
  }
  for (const detail of options.extra?.(raw) ?? []) details.push({ ...detail, code: options.codes?.[detail.field] ?? "VALIDATION_ERROR" });
  if (!details.length && parsed.success) return parsed.data as z.infer<S>;

  // Report in the schema's parameter order, so the first offender is stable.
  const position = (field: string) => (names.includes(field) ? names.indexOf(field) : -1);
  details.sort((a, b) => position(a.field) - position(b.field));
  const generic = details.some((d) => d.code === "VALIDATION_ERROR");
  const code = generic ? "VALIDATION_ERROR" : details[0]!.code;
  const message = generic ? INVALID_QUERY : details[0]!.message;
  throw new DomainError(
    code,
    message,
    details.map(({ field, message }) => ({ field, message })),
  );
}
