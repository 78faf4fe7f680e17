/**
 * The request log list (GET /v1/request_logs and the console's Logs page): one query module, so
 * the API and the console can't drift. Newest first on (created_at, id), keyset cursors
 * (`starting_after` / `ending_before` request ids), the list parameters of docs/api-contract.md#lists
 * and the log's own filters. Every filter has an index whose leading columns are
 * (project_id, mode[, the filter]) and which is ordered by (created_at, id), so any page costs
 * a bounded index walk (bench/request-log.ts).
 */
import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { requestLog } from "~db/schema";
import type { ListPage, ListScope } from "~/api/keyset.server";
import { createdRange, DEFAULT_LIST_LIMIT, LIST_PARAMETER_NAMES, MAX_LIST_LIMIT, type CreatedFilter } from "~/api/list-params";
import { DomainError, type ErrorDetail } from "~/lib/domain-error";

import { REQUEST_LOG_METHODS, STATUS_CLASSES } from "./constants";

export { REQUEST_LOG_METHODS, STATUS_CLASSES };

export interface RequestLogQuery {
  limit?: number;
  startingAfter?: string;
  endingBefore?: string;
  created?: CreatedFilter;
  /** `404`, or a class: `2xx`, `4xx`, `5xx`. */
  status?: string;
  method?: string;
  /** The endpoint pattern with its method: `POST /v1/sessions/:id/order`. */
  endpoint?: string;
  /** A key id (`key_…`). */
  key?: string;
  ip?: string;
  errorCode?: string;
  source?: "api" | "callback";
  /** A request id (`req_…`), an object id (`sess_…`, `ord_…`, `evt_…`, `txn_…`, `cust_…`, `we_…`) or an idempotency key. */
  q?: string;
}

/** The parameter names, as the API and the console URL take them. */
export const REQUEST_LOG_PARAMETERS = [
  ...LIST_PARAMETER_NAMES.filter((n) => n !== "status" && n !== "destination_currency" && n !== "destination_network"),
  "status",
  "method",
  "endpoint",
  "key",
  "ip",
  "error_code",
  "source",
  "q",
] as const;

const integerText = /^-?\d+$/;
const seconds = z
  .string()
  .regex(integerText, "Must be a unix timestamp in seconds (an integer).")
  .transform(Number)
  .pipe(z.number().int().min(0, "Must not be before 1970.").max(253_402_300_799, "Must be a unix timestamp in seconds, not milliseconds."));
const cursor = z.string().regex(/^req_[0-9A-Za-z]{1,64}$/, "Must be a request id (req_…) from an earlier page.");

const schema = z.object({
  limit: z
    .string()
    .regex(integerText, "Must be an integer between 1 and 100.")
    .transform(Number)
    .pipe(z.number().int().min(1, "Must be an integer between 1 and 100.").max(MAX_LIST_LIMIT, "Must be an integer between 1 and 100."))
    .optional(),
  starting_after: cursor.optional(),
  ending_before: cursor.optional(),
  "created[gt]": seconds.optional(),
  "created[gte]": seconds.optional(),
  "created[lt]": seconds.optional(),
  "created[lte]": seconds.optional(),
  created: seconds.optional(),
  status: z
    .string()
    .transform((v) => v.toLowerCase())
    .refine((v) => /^[1-5]\d\d$/.test(v) || (STATUS_CLASSES as readonly string[]).includes(v), "Use a status code (e.g. 404) or a class: 2xx, 3xx, 4xx, 5xx.")
    .optional(),
  method: z
    .string()
    .transform((v) => v.toUpperCase())
    .refine((v) => (REQUEST_LOG_METHODS as readonly string[]).includes(v), `Use one of: ${REQUEST_LOG_METHODS.join(", ")}.`)
    .optional(),
  endpoint: z
    .string()
    .max(200)
    .regex(/^[A-Z]+ \/[\w/:.{}-]*$/, "Use a method and path pattern, e.g. POST /v1/sessions/:id/order.")
    .optional(),
  key: z
    .string()
    .regex(/^key_[0-9A-Za-z]{1,64}$/, "Use a key id (key_…), never the key itself.")
    .optional(),
  ip: z.string().max(64).optional(),
  error_code: z
    .string()
    .max(64)
    .transform((v) => v.toUpperCase())
    .refine((v) => /^[A-Z0-9_]+$/.test(v), "Use an error code, e.g. VALIDATION_ERROR.")
    .optional(),
  source: z.enum(["api", "callback"], "Use api or callback.").optional(),
  q: z.string().max(255).optional(),
});

/** Reads the list's query parameters, or throws DomainError VALIDATION_ERROR naming every offending one. */
export function parseRequestLogParams(searchParams: URLSearchParams): RequestLogQuery {
  const details: ErrorDetail[] = [];
  const raw: Record<string, string> = {};
  const known = new Set<string>(REQUEST_LOG_PARAMETERS);
  for (const [name, value] of searchParams) {
    if (!known.has(name)) details.push({ field: name, message: `Received unknown parameter: ${name}. This list takes ${REQUEST_LOG_PARAMETERS.join(", ")}.` });
    else if (name in raw) details.push({ field: name, message: "Given more than once: send each parameter once." });
    else if (value.trim() !== "") raw[name] = value.trim();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) details.push({ field: issue.path.join(".") || "query", message: issue.message });
  const v = parsed.success ? parsed.data : null;
  if (v?.starting_after && v.ending_before) details.push({ field: "ending_before", message: "Use starting_after or ending_before, not both." });
  if (v?.created !== undefined && (["gt", "gte", "lt", "lte"] as const).some((b) => v[`created[${b}]`] !== undefined)) {
    details.push({ field: "created", message: "Use either created=<seconds> or created[gt|gte|lt|lte], not both." });
  }
  if (details.length || !v) throw new DomainError("VALIDATION_ERROR", "Invalid query parameters.", details);
  const created: CreatedFilter =
    v.created !== undefined
      ? { gte: v.created, lte: v.created }
      : { gt: v["created[gt]"], gte: v["created[gte]"], lt: v["created[lt]"], lte: v["created[lte]"] };
  return clean({
    limit: v.limit ?? DEFAULT_LIST_LIMIT,
    startingAfter: v.starting_after,
    endingBefore: v.ending_before,
    created: clean(created),
    status: v.status,
    method: v.method,
    endpoint: v.endpoint,
    key: v.key,
    ip: v.ip,
    errorCode: v.error_code,
    source: v.source,
    q: v.q,
  });
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Whether a query narrows the log (the console says "no requests match" rather than "none yet"). */
export function isFiltered(query: RequestLogQuery): boolean {
  return Boolean(
    query.status ||
    query.method ||
    query.endpoint ||
    query.key ||
    query.ip ||
    query.errorCode ||
    query.source ||
    query.q ||
    Object.keys(query.created ?? {}).length,
  );
}

/** What the search box (`q`) is: a request id, an object id, or else an idempotency key. */
export function searchCondition(q: string): SQL {
  if (/^req_[0-9A-Za-z]+$/.test(q)) return eq(requestLog.id, q);
  if (/^(sess|ord|evt|txn|cust|we)_[0-9A-Za-z]+$/.test(q)) return sql`${requestLog.objectIds} @> array[${q}]::text[]`;
  return eq(requestLog.idempotencyKey, q);
}

/** Failed requests: the literal lets the planner use the partial index request_log_failed_idx. */
const FAILED = sql.raw(`"request_log"."status" >= 400`);

function filterConditions(query: RequestLogQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.status) {
    const klass = /^([1-5])xx$/.exec(query.status);
    const from = klass ? Number(klass[1]) * 100 : Number(query.status);
    const to = klass ? from + 100 : from + 1;
    if (from >= 400) conditions.push(FAILED);
    conditions.push(klass ? and(gte(requestLog.status, from), lt(requestLog.status, to))! : eq(requestLog.status, from));
  }
  if (query.method) conditions.push(eq(requestLog.method, query.method));
  if (query.endpoint) conditions.push(eq(requestLog.endpoint, query.endpoint));
  if (query.key) conditions.push(eq(requestLog.keyId, query.key));
  if (query.ip) conditions.push(eq(requestLog.ip, query.ip));
  if (query.errorCode) conditions.push(FAILED, eq(requestLog.errorCode, query.errorCode));
  if (query.source) conditions.push(eq(requestLog.source, query.source));
  if (query.q) conditions.push(searchCondition(query.q));
  const range = createdRange(query.created ?? {});
  if (range.from) conditions.push(gte(requestLog.createdAt, range.from));
  if (range.to) conditions.push(lt(requestLog.createdAt, range.to));
  return conditions;
}

/** The columns of a list row; bodies only when asked (the API, and a role that may read them). */
const SUMMARY = {
  id: requestLog.id,
  createdAt: requestLog.createdAt,
  source: requestLog.source,
  method: requestLog.method,
  path: requestLog.path,
  query: requestLog.query,
  endpoint: requestLog.endpoint,
  status: requestLog.status,
  latencyMs: requestLog.latencyMs,
  keyId: requestLog.keyId,
  keyKind: requestLog.keyKind,
  ip: requestLog.ip,
  userAgent: requestLog.userAgent,
  idempotencyKey: requestLog.idempotencyKey,
  errorCode: requestLog.errorCode,
  errorMessage: requestLog.errorMessage,
  objectIds: requestLog.objectIds,
  mode: requestLog.mode,
};
const WITH_BODIES = {
  ...SUMMARY,
  requestHeaders: requestLog.requestHeaders,
  responseHeaders: requestLog.responseHeaders,
  requestBody: requestLog.requestBody,
  responseBody: requestLog.responseBody,
};

export type RequestLogSummary = { [K in keyof typeof SUMMARY]: (typeof requestLog.$inferSelect)[K] };
export type RequestLogRow = typeof requestLog.$inferSelect;

export async function listRequestLogs(scope: ListScope, query: RequestLogQuery, options: { bodies: true }): Promise<ListPage<RequestLogRow>>;
export async function listRequestLogs(scope: ListScope, query: RequestLogQuery, options?: { bodies?: false }): Promise<ListPage<RequestLogSummary>>;
/**
 * A page of the scope's request log, newest first. Throws DomainError VALIDATION_ERROR for an
 * unknown cursor (or both cursors).
 */
export async function listRequestLogs(scope: ListScope, query: RequestLogQuery, options: { bodies?: boolean } = {}) {
  if (query.startingAfter && query.endingBefore) {
    throw new DomainError("VALIDATION_ERROR", "Invalid query parameters.", [
      { field: "ending_before", message: "Use starting_after or ending_before, not both." },
    ]);
  }
  const limit = Math.min(MAX_LIST_LIMIT, Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIST_LIMIT)));
  const backward = Boolean(query.endingBefore);
  const cursorId = query.startingAfter ?? query.endingBefore;
  const scopeConditions = [eq(requestLog.projectId, scope.projectId), eq(requestLog.mode, scope.mode)];
  const conditions = [...scopeConditions, ...filterConditions(query)];
  if (cursorId) {
    // The cursor row's created_at in the same statement and scope (see app/api/keyset.server.ts).
    const cursorCreatedAt = sql`(select c.created_at from request_log c where c.id = ${cursorId} and c.project_id = ${scope.projectId} and c.mode = ${scope.mode} limit 1)`;
    conditions.push(
      backward
        ? sql`(${requestLog.createdAt}, ${requestLog.id}) > (${cursorCreatedAt}, ${cursorId})`
        : sql`(${requestLog.createdAt}, ${requestLog.id}) < (${cursorCreatedAt}, ${cursorId})`,
    );
  }
  const rows = await scope.db
    .select(options.bodies ? WITH_BODIES : SUMMARY)
    .from(requestLog)
    .where(and(...conditions))
    .orderBy(...(backward ? [asc(requestLog.createdAt), asc(requestLog.id)] : [desc(requestLog.createdAt), desc(requestLog.id)]))
    .limit(limit + 1);
  if (rows.length === 0 && cursorId) {
    const [found] = await scope.db
      .select({ id: requestLog.id })
      .from(requestLog)
      .where(and(eq(requestLog.id, cursorId), ...scopeConditions))
      .limit(1);
    if (!found) {
      const field = backward ? "ending_before" : "starting_after";
      throw new DomainError("VALIDATION_ERROR", `No such request: '${cursorId}'.`, [
        { field, message: `No such request: '${cursorId}'. Use the id of an item from an earlier page of this list.` },
      ]);
    }
  }
  const hasMore = rows.length > limit;
  const data = rows.slice(0, limit);
  if (backward) data.reverse();
  return { data, hasMore };
}

/** One request of the scope's log; NOT_FOUND for another project's or mode's (or an unknown) id. */
export async function getRequestLog(scope: ListScope, id: string): Promise<RequestLogRow> {
  const [row] = /^req_[0-9A-Za-z]{1,64}$/.test(id)
    ? await scope.db
        .select()
        .from(requestLog)
        .where(and(eq(requestLog.id, id), eq(requestLog.projectId, scope.projectId), eq(requestLog.mode, scope.mode)))
        .orderBy(desc(requestLog.createdAt))
        .limit(1)
    : [];
  if (!row) throw new DomainError("NOT_FOUND", `No request ${id} in this project's ${scope.mode} log.`);
  return row;
}

/** The newest requests that touched an object (a session's or order's page). */
export async function requestsTouching(scope: ListScope, objectId: string, limit = 10): Promise<ListPage<RequestLogSummary>> {
  return listRequestLogs(scope, { q: objectId, limit });
}

/** Per key: requests in the last 24 h and the last IP it was used from (the keys page). */
export async function keyActivity(
  scope: ListScope,
  keyIds: string[],
  now = new Date(),
): Promise<Record<string, { requests24h: number; lastIp: string | null }>> {
  if (!keyIds.length) return {};
  const since = new Date(now.getTime() - 86_400_000);
  const result: Record<string, { requests24h: number; lastIp: string | null }> = {};
  await Promise.all(
    keyIds.map(async (keyId) => {
      const scoped = and(eq(requestLog.projectId, scope.projectId), eq(requestLog.mode, scope.mode), eq(requestLog.keyId, keyId));
      const [counted] = await scope.db
        .select({ count: sql<number>`count(*)::int` })
        .from(requestLog)
        .where(and(scoped, gte(requestLog.createdAt, since)));
      const [last] = await scope.db
        .select({ ip: requestLog.ip })
        .from(requestLog)
        .where(scoped)
        .orderBy(desc(requestLog.createdAt), desc(requestLog.id))
        .limit(1);
      result[keyId] = { requests24h: Number(counted?.count ?? 0), lastIp: last?.ip ?? null };
    }),
  );
  return result;
}

/** The query back as URL parameters (the console's filter links, the Errors view's links). */
export function toRequestLogSearchParams(query: RequestLogQuery): URLSearchParams {
  const out = new URLSearchParams();
  if (query.limit !== undefined && query.limit !== DEFAULT_LIST_LIMIT) out.set("limit", String(query.limit));
  for (const bound of ["gt", "gte", "lt", "lte"] as const) {
    const value = query.created?.[bound];
    if (value !== undefined) out.set(`created[${bound}]`, String(value));
  }
  const pairs: [string, string | undefined][] = [
    ["status", query.status],
    ["method", query.method],
    ["endpoint", query.endpoint],
    ["key", query.key],
    ["ip", query.ip],
    ["error_code", query.errorCode],
    ["source", query.source],
    ["q", query.q],
  ];
  for (const [name, value] of pairs) if (value) out.set(name, value);
  return out;
}
