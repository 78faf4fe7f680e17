/**
 * Recording requests, off the hot path (docs/decisions/0015-request-log.md): a request adds one
 * entry (raw strings, no parsing) to a bounded in-memory buffer; every REQUEST_LOG_FLUSH_MS the
 * buffer is redacted, capped and written in multi-row inserts, and on shutdown it is flushed.
 * When the buffer is full (the database stalls) a new entry is dropped and counted: the
 * request itself is answered as usual. The counts are on /healthz and in the log.
 *
 * Who called is learnt while the request runs: the key check (app/api/respond.server.ts) and
 * the public endpoints' project resolution (app/api/public.server.ts) note the caller on the
 * request's trace. A request no project can be found for (no key, a bad key, an unknown
 * public project) is nobody's to read and is not recorded.
 */
import { requestLog, type ApiKeyKind } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { getDb, type Database } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { newId } from "~/lib/ids";
import { logger } from "~/lib/logger.server";
import { addErrorHours, errorHoursOf } from "./error-hours.server";
import { ensurePartitions, isMissingPartition } from "./partitions.server";
import { redactHeaders, redactQuery, redactText, redactValue } from "./redact";

/** A body longer than this (redacted, serialised) is kept as a truncated preview. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Raw text held per body until the flush: past it nothing parseable is left, only a preview. */
const MAX_RAW_BYTES = 256 * 1024;
const INSERT_CHUNK = 250;
const MAX_OBJECT_IDS = 20;

const KEPT_REQUEST_HEADERS = ["content-type", "accept", "user-agent", "idempotency-key", "authorization", "origin"];
const KEPT_RESPONSE_HEADERS = ["content-type", "request-id", "retry-after", "idempotent-replayed", "allow", "location"];

/** What a running request learns about its caller. */
export interface RequestCaller {
  projectId: string;
  mode: Mode;
  keyId?: string | null;
  keyKind?: ApiKeyKind | null;
}

interface Trace {
  caller?: RequestCaller;
  objectIds: Set<string>;
}

const traces = new WeakMap<Request, Trace>();

function traceOf(request: Request): Trace {
  let trace = traces.get(request);
  if (!trace) traces.set(request, (trace = { objectIds: new Set() }));
  return trace;
}

/** The key check or a public endpoint found whose request this is. */
export function noteCaller(request: Request, caller: RequestCaller) {
  traceOf(request).caller = caller;
}

/** An object the request touched that its path and bodies do not name (e.g. a callback's order). */
export function noteObjects(request: Request, ...ids: (string | null | undefined)[]) {
  const trace = traceOf(request);
  for (const id of ids) if (id) trace.objectIds.add(id);
}

export function callerOf(request: Request): RequestCaller | undefined {
  return traces.get(request)?.caller;
}

/** One request as captured on the hot path: raw strings, nothing parsed or redacted yet. */
interface Captured {
  id: string;
  createdAt: Date;
  source: "api" | "callback";
  caller: RequestCaller;
  method: string;
  path: string;
  search: string;
  endpoint: string | null;
  status: number;
  latencyMs: number;
  ip: string | null;
  userAgent: string | null;
  idempotencyKey: string | null;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  requestBody: string | null;
  responseBody: string | null;
  objectIds: string[];
}

// Per process (every worker process has its own buffer; the counts on /healthz are this process's).
const state = {
  buffer: [] as Captured[],
  dropped: 0,
  droppedUnlogged: 0,
  written: 0,
  failedWrites: 0,
  timer: undefined as NodeJS.Timeout | undefined,
  flushing: undefined as Promise<void> | undefined,
  /** Tests inject a database and a stall; null: the app's own. */
  db: null as Database | null,
};

export function requestLogEnabled() {
  return env().REQUEST_LOG;
}

function pick(headers: Headers, names: string[]) {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) out[name] = value.slice(0, 1000);
  }
  return out;
}

function cap(text: string | null): string | null {
  if (text === null || text === "") return null;
  return text.length > MAX_RAW_BYTES ? text.slice(0, MAX_RAW_BYTES) : text;
}

export interface CaptureInput {
  request: Request;
  requestId: string;
  source: "api" | "callback";
  /** Registry pattern with method, e.g. `POST /v1/sessions/:id/order`. */
  endpoint: string | null;
  params: Record<string, string | undefined>;
  startedAt: number;
  requestBody: string | null;
  response: Response;
  responseBody: string | null;
  /** Overrides the trace's caller (callbacks know their order's project). */
  caller?: RequestCaller;
}

/** Adds a finished request to the buffer (or counts it dropped). Never throws, never waits. */
export function captureRequest(input: CaptureInput) {
  try {
    const caller = input.caller ?? callerOf(input.request);
    if (!caller || !requestLogEnabled()) return;
    const config = env();
    if (state.buffer.length >= config.REQUEST_LOG_BUFFER) {
      state.dropped++;
      state.droppedUnlogged++;
      schedule();
      return;
    }
    const url = new URL(input.request.url);
    const trace = traces.get(input.request);
    const ids = new Set<string>(trace?.objectIds);
    for (const value of Object.values(input.params)) if (value && OBJECT_ID.test(value)) ids.add(value);
    state.buffer.push({
      id: input.requestId,
      createdAt: new Date(),
      source: input.source,
      caller,
      method: input.request.method,
      path: url.pathname.slice(0, 2000),
      search: url.search.slice(1, 4000),
      endpoint: input.endpoint,
      status: input.response.status,
      latencyMs: Math.max(0, Math.round(performance.now() - input.startedAt)),
      ip: input.request.headers.get("x-ramp-client-ip") || null,
      userAgent: input.request.headers.get("user-agent")?.slice(0, 500) ?? null,
      idempotencyKey: input.request.headers.get("idempotency-key")?.slice(0, 255) ?? null,
      requestHeaders: pick(input.request.headers, KEPT_REQUEST_HEADERS),
      responseHeaders: pick(input.response.headers, KEPT_RESPONSE_HEADERS),
      requestBody: cap(input.requestBody),
      responseBody: cap(input.responseBody),
      objectIds: [...ids],
    });
    schedule();
  } catch (error) {
    logger.warn("request_log.capture_failed", { error: error instanceof Error ? error.message : String(error) });
  }
}

function schedule() {
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = undefined;
    void flushRequestLog();
  }, env().REQUEST_LOG_FLUSH_MS);
  state.timer.unref?.();
}

/** Writes everything buffered so far (tests and shutdown call it; the timer does otherwise). */
export async function flushRequestLog(): Promise<void> {
  // One writer at a time: a slow write lets the buffer grow (up to its bound) rather than stack writers.
  while (state.flushing) await state.flushing;
  if (state.buffer.length === 0 && state.droppedUnlogged === 0) return;
  state.flushing = writeBuffered().finally(() => {
    state.flushing = undefined;
  });
  await state.flushing;
  if (state.buffer.length) schedule();
}

async function writeBuffered() {
  if (state.droppedUnlogged) {
    logger.warn("request_log.dropped", { dropped: state.droppedUnlogged, droppedTotal: state.dropped, buffer: env().REQUEST_LOG_BUFFER });
    state.droppedUnlogged = 0;
  }
  const entries = state.buffer.splice(0, state.buffer.length);
  if (!entries.length) return;
  let db: Database;
  try {
    db = state.db ?? (await getDb());
  } catch (error) {
    lost(entries.length, error);
    return;
  }
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    const rows = entries.slice(i, i + INSERT_CHUNK).map(toRow);
    try {
      await insertRows(db, rows);
      state.written += rows.length;
    } catch (error) {
      lost(rows.length, error);
    }
  }
}

async function insertRows(db: Database, rows: (typeof requestLog.$inferInsert)[]) {
  try {
    await writeRows(db, rows);
  } catch (error) {
    // A day with no partition yet (the hourly job has not run since start-up, or the clock jumped): make it, once.
    if (!isMissingPartition(error)) throw error;
    await ensurePartitions(
      db,
      rows.map((r) => r.createdAt!),
    );
    await writeRows(db, rows);
  }
}

/** The rows and their failed requests' hourly counts, together or not at all (the Errors view reads the counts). */
async function writeRows(db: Database, rows: (typeof requestLog.$inferInsert)[]) {
  const hours = errorHoursOf(rows);
  if (!hours.length) {
    await db.insert(requestLog).values(rows);
    return;
  }
  await db.transaction(async (tx) => {
    await tx.insert(requestLog).values(rows);
    await addErrorHours(tx, hours);
  });
}

function lost(count: number, error: unknown) {
  state.failedWrites += count;
  state.dropped += count;
  logger.warn("request_log.write_failed", { lost: count, droppedTotal: state.dropped, error: error instanceof Error ? error.message : String(error) });
}

/** What /healthz shows for this process. */
export function requestLogStats() {
  return { buffered: state.buffer.length, dropped: state.dropped, written: state.written, failedWrites: state.failedWrites };
}

/** Tests: write to this database, or stall (a promise that holds every write until it settles). */
export function configureRequestLogForTests(options: { db?: Database | null; reset?: boolean }) {
  if (options.db !== undefined) state.db = options.db;
  if (options.reset) {
    state.buffer.length = 0;
    state.dropped = state.droppedUnlogged = state.written = state.failedWrites = 0;
  }
}

/** Shutdown: stop the timer and write what is left. */
export async function stopRequestLog() {
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
  await flushRequestLog();
}

// ---------------------------------------------------------------------------------------
// Flush-time work: parse, redact, cap, find object ids and the error.
// ---------------------------------------------------------------------------------------

/** Object ids worth finding a request by. `sess_secret_…` has an underscore in its tail, so it never matches. */
const OBJECT_ID = /^(sess|ord|evt|txn|cust|we)_[0-9A-Za-z]{6,64}$/;

function toRow(entry: Captured): typeof requestLog.$inferInsert {
  const requestJson = parseJson(entry.requestBody);
  const responseJson = parseJson(entry.responseBody);
  const ids = new Set(entry.objectIds);
  collectIds(requestJson.value, ids, 0);
  collectIds(responseJson.value, ids, 0);
  const error = errorOf(responseJson.value);
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    projectId: entry.caller.projectId,
    mode: entry.caller.mode,
    source: entry.source,
    method: entry.method,
    path: redactText(entry.path),
    query: entry.search ? redactQuery(entry.search) : null,
    endpoint: entry.endpoint,
    status: entry.status,
    latencyMs: entry.latencyMs,
    keyId: entry.caller.keyId ?? null,
    keyKind: entry.caller.keyKind ?? null,
    ip: entry.ip,
    userAgent: entry.userAgent ? redactText(entry.userAgent) : null,
    idempotencyKey: entry.idempotencyKey,
    errorCode: error?.code ?? (entry.status >= 400 ? `HTTP_${entry.status}` : null),
    errorMessage: error?.message ? redactText(error.message).slice(0, 1000) : null,
    requestHeaders: JSON.stringify(redactHeaders(entry.requestHeaders)),
    responseHeaders: JSON.stringify(redactHeaders(entry.responseHeaders)),
    requestBody: storedBody(requestJson, entry.requestBody),
    responseBody: storedBody(responseJson, entry.responseBody),
    objectIds: [...ids].slice(0, MAX_OBJECT_IDS),
  };
}

function parseJson(text: string | null): { ok: boolean; value: unknown } {
  if (text === null) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}

/** The body as kept: redacted JSON, or a truncated (or not-JSON) preview marked as such. */
export function storedBody(parsed: { ok: boolean; value: unknown }, raw: string | null): string | null {
  if (raw === null) return null;
  const bytes = Buffer.byteLength(raw);
  if (!parsed.ok) {
    // Not JSON (or cut at MAX_RAW_BYTES): a preview, its tokens masked.
    return JSON.stringify({ $truncated: bytes > MAX_BODY_BYTES, $bytes: bytes, $notJson: true, $preview: redactText(raw.slice(0, MAX_BODY_BYTES / 2)) });
  }
  const text = JSON.stringify(redactValue(parsed.value));
  if (Buffer.byteLength(text) <= MAX_BODY_BYTES) return text;
  return JSON.stringify({ $truncated: true, $bytes: bytes, $preview: text.slice(0, MAX_BODY_BYTES / 2) });
}

function collectIds(value: unknown, ids: Set<string>, depth: number) {
  if (ids.size >= MAX_OBJECT_IDS || depth > 4 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) return; // a list's items are not what the request was about
  for (const [name, field] of Object.entries(value)) {
    if (typeof field === "string") {
      if (OBJECT_ID.test(field)) ids.add(field);
    } else if (name !== "data" || !Array.isArray(field)) collectIds(field, ids, depth + 1);
  }
}

function errorOf(value: unknown): { code?: string; message?: string } | null {
  if (!value || typeof value !== "object") return null;
  const error = (value as { error?: unknown }).error;
  if (error && typeof error === "object") {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return { code: typeof code === "string" ? code.slice(0, 100) : undefined, message: typeof message === "string" ? message : undefined };
  }
  if (typeof error === "string") return { message: error };
  return null;
}

export interface CallbackRecord {
  request: Request;
  /** The body as received (read by the route before verifying it). */
  requestBody: string;
  gatewayId: string;
  response: Response;
  startedAt: number;
  /** The order the callback was about; without one (bad signature, unknown order) nothing is recorded. */
  order: { id: string; projectId: string; mode: Mode; sessionId?: string | null } | null;
  /** The route's pattern, e.g. `POST /callbacks/sandbox/:gatewayId`. */
  endpoint: string;
}

/**
 * A gateway's callback, in its order's project log as `source = 'callback'` (kept apart from
 * the partner's own API calls). The one entry point for every callback route (sandbox and live).
 * Returns the response, to be sent as is (its body was read here).
 */
export async function recordCallback(input: CallbackRecord): Promise<Response> {
  if (!input.order || !requestLogEnabled()) return input.response;
  const responseBody = input.response.body ? await input.response.text() : null;
  const response = new Response(responseBody, { status: input.response.status, headers: input.response.headers });
  noteObjects(input.request, input.order.id, input.order.sessionId);
  captureRequest({
    request: input.request,
    requestId: input.response.headers.get("request-id") ?? newId("req"),
    source: "callback",
    endpoint: input.endpoint,
    params: { gatewayId: input.gatewayId },
    startedAt: input.startedAt,
    requestBody: input.requestBody,
    response,
    responseBody,
    caller: { projectId: input.order.projectId, mode: input.order.mode },
  });
  return response;
}
