/**
 * The API's key check: `Authorization: Bearer pk_…|sk_…|rk_…` → the project and mode it
 * acts for, and what it may do (a restricted key's permissions, a secret key's IP allowlist). One indexed lookup by SHA-256 (api_key_token_hash_idx); results are cached
 * in this process for at most 5 s, so a revoked key is refused on every instance within
 * 5 s, and at once on the instance that revoked or rolled it (forgetCachedKeys) and, on
 * PostgreSQL, on every instance listening (announceKeyChange → LISTEN/NOTIFY). A changed IP allowlist
 * travels the same way. Expiry (chosen, or after a roll) is compared with the clock on every request, so it is exact.
 * `last_used_at` and `last_used_ip` are written at most once a minute per key and instance, off the request path.
 */
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { apiKey, project, type ApiKeyKind } from "~db/schema";
import type { Mode } from "~db/schema/types";
import type { Database, DatabaseHandle, Executor } from "~/lib/db.server";
import { sha256Hex } from "~/lib/crypto.server";
import { DomainError } from "~/lib/domain-error";
import { logger } from "~/lib/logger.server";
import { allowlistMatcher } from "./ip-allowlist";
import type { KeyPermission } from "./permissions";

export const KEY_CACHE_TTL_MS = 5_000;
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const CACHE_MAX_ENTRIES = 10_000;
const TOKEN_FORMAT = /^(pk|sk|rk)_(test|live)_[0-9A-Za-z]{43}$/;

export interface ApiKeyIdentity {
  keyId: string;
  kind: ApiKeyKind;
  mode: Mode;
  projectId: string;
  organizationId: string;
  /** A restricted key's permissions; null for secret keys (all of them) and publishable keys (limited by kind). */
  permissions: string[] | null;
  /** The project's live redirect origins, read with the key (as fresh as the key check's cache). */
  allowedRedirectOrigins?: string[];
}

export type KeyCheckFailure = {
  ok: false;
  status: 401 | 403;
  code: "MISSING_API_KEY" | "INVALID_API_KEY" | "API_KEY_EXPIRED" | "PROJECT_ARCHIVED" | "PROJECT_NOT_LIVE" | "IP_NOT_ALLOWED";
  message: string;
  /** The key, when it is valid but refused (IP_NOT_ALLOWED): the request is still its project's to log. */
  identity?: ApiKeyIdentity;
};
export type KeyCheckResult = ({ ok: true } & ApiKeyIdentity) | KeyCheckFailure;

interface CachedKey extends ApiKeyIdentity {
  revoked: boolean;
  expiresAt: number | null;
  archived: boolean;
  /** The project serves live mode (an owner or admin switched it live). */
  live: boolean;
  /** From the key's IP allowlist; null: any address. */
  allowsIp: ((ip: string | null) => boolean) | null;
}

const cache = new Map<string, { value: CachedKey | null; until: number }>();
const lastUsedWritten = new Map<string, number>();

/** The token from an `Authorization: Bearer …` header, or null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = header.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}

async function lookup(db: Database, tokenHash: string): Promise<CachedKey | null> {
  const [row] = await db
    .select({
      keyId: apiKey.id,
      kind: apiKey.kind,
      mode: apiKey.mode,
      projectId: apiKey.projectId,
      revokedAt: apiKey.revokedAt,
      expiresAt: apiKey.expiresAt,
      permissions: apiKey.permissions,
      allowedIps: apiKey.allowedIps,
      organizationId: project.organizationId,
      archivedAt: project.archivedAt,
      allowedRedirectOrigins: project.allowedRedirectOrigins,
      defaultMode: project.defaultMode,
    })
    .from(apiKey)
    .innerJoin(project, eq(project.id, apiKey.projectId))
    .where(eq(apiKey.tokenHash, tokenHash));
  if (!row) return null;
  return {
    keyId: row.keyId,
    kind: row.kind,
    mode: row.mode,
    projectId: row.projectId,
    organizationId: row.organizationId,
    permissions: row.kind === "restricted" ? (row.permissions ?? []) : null,
    allowedRedirectOrigins: row.allowedRedirectOrigins,
    allowsIp: row.kind === "publishable" ? null : allowlistMatcher(row.allowedIps),
    revoked: row.revokedAt !== null,
    expiresAt: row.expiresAt?.getTime() ?? null,
    archived: row.archivedAt !== null,
    live: row.defaultMode === "live",
  };
}

export interface KeyCheckOptions {
  /** Skip the in-process cache (benchmarks, tests). */
  cache?: boolean;
  now?: number;
  /** The client IP (server.js's x-ramp-client-ip): checked against the key's allowlist, recorded as its last use. */
  clientIp?: string | null;
}

export async function authenticateApiKey(db: Database, token: string | null, options: KeyCheckOptions = {}): Promise<KeyCheckResult> {
  const now = options.now ?? Date.now();
  if (!token) {
    return { ok: false, status: 401, code: "MISSING_API_KEY", message: "Send your API key as `Authorization: Bearer <key>`." };
  }
  // Malformed tokens never reach the database.
  if (!TOKEN_FORMAT.test(token)) return invalid();
  const tokenHash = sha256Hex(token);
  let key: CachedKey | null;
  const cached = options.cache === false ? undefined : cache.get(tokenHash);
  if (cached && cached.until > now) {
    key = cached.value;
  } else {
    key = await lookup(db, tokenHash);
    if (options.cache !== false) remember(tokenHash, key, now);
  }
  if (!key || key.revoked) return invalid();
  if (key.expiresAt !== null && key.expiresAt <= now) {
    return {
      ok: false,
      status: 401,
      code: "API_KEY_EXPIRED",
      message: "This API key has expired (it reached its expiry date, or it was rolled and its grace period is over). Use its replacement or create a new key.",
    };
  }
  if (key.archived) {
    return { ok: false, status: 403, code: "PROJECT_ARCHIVED", message: "This project is archived; its API keys no longer work." };
  }
  // Live keys work once the project is live (the console's go-live step); test keys always.
  if (key.mode === "live" && !key.live) {
    return {
      ok: false,
      status: 403,
      code: "PROJECT_NOT_LIVE",
      message: "This project is not live yet: its live keys work once an owner or admin switches it live in the console (Go live). Use a test key until then.",
    };
  }
  const identity: ApiKeyIdentity = {
    keyId: key.keyId,
    kind: key.kind,
    mode: key.mode,
    projectId: key.projectId,
    organizationId: key.organizationId,
    permissions: key.permissions,
    allowedRedirectOrigins: key.allowedRedirectOrigins,
  };
  const clientIp = options.clientIp?.trim() || null;
  if (key.allowsIp && !key.allowsIp(clientIp)) {
    return {
      ok: false,
      status: 403,
      code: "IP_NOT_ALLOWED",
      message: `This key only accepts requests from the IP addresses on its allowlist, and ${clientIp ?? "this request's address"} is not on it. Edit the allowlist on the console's API keys page.`,
      identity,
    };
  }
  touchLastUsed(db, key.keyId, now, clientIp);
  return { ok: true, ...identity };
}

/**
 * Refuses a restricted key that lacks the endpoint's permission with 403 INSUFFICIENT_PERMISSIONS
 * naming it (message and `details`). Secret keys hold every permission; publishable keys are
 * limited by their kind (the endpoint's auth), not here.
 */
export function assertKeyPermission(key: Pick<ApiKeyIdentity, "kind" | "permissions">, permission: KeyPermission | undefined) {
  if (key.kind !== "restricted" || !permission) return;
  if (key.permissions?.includes(permission)) return;
  throw new DomainError(
    "INSUFFICIENT_PERMISSIONS",
    `This restricted key does not have the ${permission} permission this endpoint needs. Grant it on the console's API keys page (create a key with it), or use a key that has it.`,
    [{ field: "permission", message: permission }],
  );
}

function invalid(): KeyCheckFailure {
  // The same answer for unknown, malformed and revoked keys: nothing to probe.
  return { ok: false, status: 401, code: "INVALID_API_KEY", message: "The API key is not valid." };
}

function remember(tokenHash: string, value: CachedKey | null, now: number) {
  if (cache.size >= CACHE_MAX_ENTRIES) {
    // Maps iterate in insertion order: drop the oldest entry.
    cache.delete(cache.keys().next().value!);
  }
  cache.set(tokenHash, { value, until: now + KEY_CACHE_TTL_MS });
}

function touchLastUsed(db: Database, keyId: string, now: number, ip: string | null) {
  const written = lastUsedWritten.get(keyId) ?? 0;
  if (now - written < LAST_USED_WRITE_INTERVAL_MS) return;
  lastUsedWritten.set(keyId, now);
  if (lastUsedWritten.size > CACHE_MAX_ENTRIES) lastUsedWritten.delete(lastUsedWritten.keys().next().value!);
  const at = new Date(now);
  const cutoff = new Date(now - LAST_USED_WRITE_INTERVAL_MS);
  // Fire and forget; the guard keeps several instances from rewriting it every request.
  void db
    .update(apiKey)
    .set({ lastUsedAt: at, lastUsedIp: ip })
    .where(and(eq(apiKey.id, keyId), or(isNull(apiKey.lastUsedAt), lt(apiKey.lastUsedAt, cutoff))))
    .catch((error: unknown) => logger.warn("api_key.last_used_failed", { keyId, error: String(error) }));
}

export type KeyChange = { keyId: string } | { projectId: string };

/**
 * Drops this process's cached lookups of one key (revoked, rolled) or of every key of a
 * project (archived), so the change holds here at once rather than after the cache time.
 */
export function forgetCachedKeys(which: KeyChange) {
  for (const [tokenHash, entry] of cache) {
    const value = entry.value;
    if (value && ("keyId" in which ? value.keyId === which.keyId : value.projectId === which.projectId)) cache.delete(tokenHash);
  }
}

const KEY_CHANGES_CHANNEL = "ramp_api_key_changed";

/**
 * Tells every instance listening (listenForKeyChanges) to forget a key's cached lookup. Sent
 * with `db`: inside a transaction PostgreSQL delivers it at commit, so nobody forgets too early.
 */
export async function announceKeyChange(db: Executor, which: KeyChange) {
  await db.execute(sql`select pg_notify(${KEY_CHANGES_CHANNEL}, ${JSON.stringify(which)})`);
}

interface PostgresClient {
  listen(channel: string, onNotify: (payload: string) => void): Promise<{ unlisten(): Promise<void> }>;
}

/**
 * On PostgreSQL, forgets keys other instances (and this one's other worker processes) announce,
 * over one dedicated connection; returns how to stop. The embedded database has one process.
 */
export async function listenForKeyChanges(handle: Pick<DatabaseHandle, "db" | "driver">): Promise<() => Promise<void>> {
  if (handle.driver !== "postgres") return async () => {};
  const client = (handle.db as unknown as { $client: PostgresClient }).$client;
  try {
    const subscription = await client.listen(KEY_CHANGES_CHANNEL, (payload) => {
      try {
        forgetCachedKeys(JSON.parse(payload) as KeyChange);
      } catch {
        /* not ours */
      }
    });
    return () => subscription.unlisten();
  } catch (error) {
    // Not fatal: revoked keys then stop on other instances within the cache time.
    logger.warn("api_key.listen_failed", { error: error instanceof Error ? error.message : String(error) });
    return async () => {};
  }
}

/** For tests: forget cached lookups and last-used writes. */
export function clearKeyCheckCache() {
  cache.clear();
  lastUsedWritten.clear();
}
