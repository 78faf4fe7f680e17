/**
 * API rate limits (rate-limiter-flexible), counted per secret key, per publishable key
 * and, for keyless public requests, per client IP, in fixed windows (1 s by default).
 * Over the limit: 429 RATE_LIMIT_EXCEEDED with `Retry-After` (seconds).
 *
 * - PostgreSQL (DATABASE_URL): the counters live in an UNLOGGED table in that database, so
 *   every instance shares them. The limiter has its own small node-postgres pool (the store
 *   speaks `pg`, not postgres.js), opened on first use and closed by stopApp(). Each store
 *   limiter has a RateLimiterMemory insurance: while the database is slow or away the limits
 *   are counted per instance instead, and the API keeps answering. Requests for one key
 *   that arrive in the same event-loop turn share one upsert (batchingDecider).
 * - Embedded PGlite (one process): RateLimiterMemory only.
 *
 * A limiter failure never fails a request: it is logged and the request goes through.
 */
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { CLIENT_IP_HEADER } from "~/lib/auth.server";
import { databaseHandle } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { DomainError } from "~/lib/domain-error";

/** What a count is kept per: a secret key's id, a publishable key's id, or a client IP. */
export type RateLimitKind = "secret" | "publishable" | "ip";
const KINDS: RateLimitKind[] = ["secret", "publishable", "ip"];

export interface RateLimitConfig {
  /** Requests per window for each kind. */
  points: Record<RateLimitKind, number>;
  windowSeconds: number;
}

export type RateLimitDecision = { allowed: true; limit: number; remaining: number } | { allowed: false; limit: number; retryAfterSeconds: number };

export interface ApiRateLimiter {
  readonly store: "memory" | "postgres";
  readonly config: RateLimitConfig;
  consume(kind: RateLimitKind, id: string): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

/** The limits from the environment (see README, "Configuration"). */
export function rateLimitConfig(): RateLimitConfig {
  const config = env();
  const scaled = (n: number) => Math.max(1, Math.round(n * config.API_RATE_LIMIT_MULTIPLIER));
  return {
    points: {
      secret: scaled(config.API_RATE_LIMIT_PER_SECRET_KEY),
      publishable: scaled(config.API_RATE_LIMIT_PER_PUBLISHABLE_KEY),
      ip: scaled(config.API_RATE_LIMIT_PER_IP),
    },
    windowSeconds: config.API_RATE_LIMIT_WINDOW_SECONDS,
  };
}

export const RATE_LIMIT_TABLE = "api_rate_limit";
/** Arbitrary constant (migrations use 727_001): serialises creating the table across instances. */
const TABLE_LOCK_ID = 727_002;
/** After a failed start (database away), try the store again at most this often. */
const STORE_RETRY_MS = 5_000;

type Limiters = Record<RateLimitKind, RateLimiterAbstract>;

function memoryLimiters(config: RateLimitConfig): Limiters {
  const limiters = {} as Limiters;
  for (const kind of KINDS) {
    limiters[kind] = new RateLimiterMemory({ keyPrefix: kind, points: config.points[kind], duration: config.windowSeconds });
  }
  return limiters;
}

async function decide(limiter: RateLimiterAbstract, kind: RateLimitKind, id: string, limit: number): Promise<RateLimitDecision> {
  try {
    const res = await limiter.consume(id);
    return { allowed: true, limit, remaining: res.remainingPoints };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, limit, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    // Both the store and its insurance failed: let the request through rather than fail it.
    logger.warn("rate_limit.failed", { kind, error: rejection instanceof Error ? rejection.message : String(rejection) });
    return { allowed: true, limit, remaining: limit };
  }
}

/**
 * Consumes of one key that arrive in the same event-loop turn reach the store as one
 * `consume(id, n)`: under load one upsert answers many requests instead of one each.
 * The batch takes places consumed-n+1 … consumed in the window, and each request is
 * decided by its place, exactly as n single consumes in a row would be.
 */
function batchingDecider(limiterOf: (kind: RateLimitKind) => Promise<RateLimiterAbstract>, config: RateLimitConfig) {
  type Waiter = (decision: RateLimitDecision) => void;
  const pending = new Map<string, { kind: RateLimitKind; id: string; waiters: Waiter[] }>();
  let scheduled = false;

  async function settle(kind: RateLimitKind, id: string, waiters: Waiter[]) {
    const limit = config.points[kind];
    const n = waiters.length;
    let consumed: number;
    let msBeforeNext: number;
    try {
      const res = await (await limiterOf(kind)).consume(id, n);
      consumed = res.consumedPoints;
      msBeforeNext = res.msBeforeNext;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        // Both the store and its insurance failed: let the requests through rather than fail them.
        logger.warn("rate_limit.failed", { kind, error: rejection instanceof Error ? rejection.message : String(rejection) });
        for (const resolve of waiters) resolve({ allowed: true, limit, remaining: limit });
        return;
      }
      // Refused without counting (the key is blocked in memory for this window): all of them.
      consumed = rejection.consumedPoints > limit ? rejection.consumedPoints : limit + n;
      msBeforeNext = rejection.msBeforeNext;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    waiters.forEach((resolve, i) => {
      const place = consumed - n + 1 + i;
      resolve(place <= limit ? { allowed: true, limit, remaining: limit - place } : { allowed: false, limit, retryAfterSeconds });
    });
  }

  function flush() {
    scheduled = false;
    const batches = [...pending.values()];
    pending.clear();
    for (const { kind, id, waiters } of batches) void settle(kind, id, waiters);
  }

  return (kind: RateLimitKind, id: string) =>
    new Promise<RateLimitDecision>((resolve) => {
      const key = `${kind}:${id}`;
      const batch = pending.get(key);
      if (batch) batch.waiters.push(resolve);
      else pending.set(key, { kind, id, waiters: [resolve] });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}

export function createMemoryRateLimiter(config: RateLimitConfig): ApiRateLimiter {
  const limiters = memoryLimiters(config);
  return {
    store: "memory",
    config,
    consume: (kind, id) => decide(limiters[kind], kind, id, config.points[kind]),
    close: async () => {},
  };
}

export interface PostgresRateLimiterOptions {
  databaseUrl: string;
  /** Connections of the limiter's own pool (2 by default). */
  poolSize?: number;
  /** Tests use their own table to watch two instances create it at once. */
  tableName?: string;
}

/**
 * Counters in PostgreSQL, shared by every instance on the database. The table is created
 * on first use under an advisory lock (CREATE TABLE IF NOT EXISTS alone can fail with a
 * unique violation on pg_type when two instances run it at once). UNLOGGED: counters that
 * live for a second need no WAL; a crash or failover merely resets them.
 */
export function createPostgresRateLimiter(config: RateLimitConfig, options: PostgresRateLimiterOptions): ApiRateLimiter {
  const tableName = options.tableName ?? RATE_LIMIT_TABLE;
  if (!/^[a-z_][a-z0-9_]*$/.test(tableName)) throw new Error(`Invalid rate-limit table name: ${tableName}`);
  const insurance = memoryLimiters(config);
  let pool: pg.Pool | undefined;
  let stores: Promise<Limiters> | undefined;
  let retryAt = 0;
  let closed = false;

  function openPool() {
    const created = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 2,
      application_name: "ramp-rate-limit",
      // A slow database must not hold requests up: fail fast and fall back to the insurance.
      connectionTimeoutMillis: 1_000,
      query_timeout: 1_000,
      statement_timeout: 1_000,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    });
    // An idle connection dropped by the server emits here; unhandled, it would end the process.
    created.on("error", (error) => logger.warn("rate_limit.pool_error", { error: error.message }));
    return created;
  }

  async function start(target: pg.Pool): Promise<Limiters> {
    const client = await target.connect();
    try {
      await client.query("begin");
      await client.query("select pg_advisory_xact_lock($1)", [TABLE_LOCK_ID]);
      // The columns rate-limiter-flexible's RateLimiterPostgres expects (its own CREATE statement).
      await client.query(
        `create unlogged table if not exists "${tableName}" (key varchar(255) primary key, points integer not null default 0, expire bigint) with (fillfactor = 70)`,
      );
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    const limiters = {} as Limiters;
    for (const kind of KINDS) {
      limiters[kind] = new RateLimiterPostgres({
        storeClient: target,
        storeType: "pool",
        tableName,
        tableCreated: true,
        keyPrefix: kind,
        points: config.points[kind],
        duration: config.windowSeconds,
        insuranceLimiter: insurance[kind],
        // Once a key is over its limit, this instance refuses it in memory for the rest of
        // the window without asking the database (a flood costs no queries).
        inMemoryBlockOnConsumed: config.points[kind] + 1,
        // One table: one limiter's 5-minute sweep of rows expired an hour ago is enough.
        clearExpiredByTimeout: kind === "secret",
      });
    }
    return limiters;
  }

  function current(): Promise<Limiters> | undefined {
    if (closed) return undefined;
    if (!stores && Date.now() >= retryAt) {
      pool ??= openPool();
      const starting = start(pool);
      stores = starting;
      starting.catch((error: unknown) => {
        if (stores === starting) stores = undefined;
        retryAt = Date.now() + STORE_RETRY_MS;
        logger.warn("rate_limit.store_unavailable", { error: error instanceof Error ? error.message : String(error) });
      });
    }
    return stores;
  }

  async function limiterOf(kind: RateLimitKind): Promise<RateLimiterAbstract> {
    const pending = current();
    if (pending) {
      try {
        return (await pending)[kind];
      } catch {
        /* counted in memory until the store is back */
      }
    }
    return insurance[kind];
  }

  return {
    store: "postgres",
    config,
    consume: batchingDecider(limiterOf, config),
    async close() {
      closed = true;
      stores = undefined;
      const open = pool;
      pool = undefined;
      await open?.end();
    },
  };
}

/** The process's limiter: PostgreSQL when the app runs on DATABASE_URL, memory on PGlite. */
async function openApiRateLimiter(): Promise<ApiRateLimiter> {
  const config = rateLimitConfig();
  const databaseUrl = env().DATABASE_URL;
  const { driver } = await databaseHandle();
  // A test that installs its own PostgreSQL handle without DATABASE_URL counts in memory.
  if (driver === "postgres" && databaseUrl) return createPostgresRateLimiter(config, { databaseUrl });
  return createMemoryRateLimiter(config);
}

// A globalThis singleton, as the database handle: dev rebuilds must not open a pool each.
const globalForLimiter = globalThis as unknown as { __rampRateLimiter?: Promise<ApiRateLimiter> };

export function apiRateLimiter(): Promise<ApiRateLimiter> {
  if (!globalForLimiter.__rampRateLimiter) {
    const opening = openApiRateLimiter();
    globalForLimiter.__rampRateLimiter = opening;
    opening.catch(() => {
      if (globalForLimiter.__rampRateLimiter === opening) globalForLimiter.__rampRateLimiter = undefined;
    });
  }
  return globalForLimiter.__rampRateLimiter;
}

/** Closes the limiter's pool (stopApp calls this on shutdown). A later request opens a new one. */
export async function closeApiRateLimiter() {
  const pending = globalForLimiter.__rampRateLimiter;
  globalForLimiter.__rampRateLimiter = undefined;
  if (pending) await (await pending.catch(() => undefined))?.close();
}

const EXCEEDED_MESSAGE: Record<RateLimitKind, string> = {
  secret: "Too many requests with this secret key",
  publishable: "Too many requests with this publishable key",
  ip: "Too many requests from this address without a key (send your publishable key for a higher limit)",
};

/**
 * Counts one request; throws 429 RATE_LIMIT_EXCEEDED with `Retry-After` when over the
 * limit. `authenticate()` calls it for every keyed request, `resolvePublicProject()` for
 * the public endpoints.
 */
export async function enforceRateLimit(kind: RateLimitKind, id: string): Promise<void> {
  let limiter: ApiRateLimiter;
  let decision: RateLimitDecision;
  try {
    limiter = await apiRateLimiter();
    decision = await limiter.consume(kind, id);
  } catch (error) {
    logger.warn("rate_limit.failed", { kind, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (decision.allowed) return;
  const { windowSeconds } = limiter.config;
  const per = windowSeconds === 1 ? "second" : `${windowSeconds} seconds`;
  throw new DomainError(
    "RATE_LIMIT_EXCEEDED",
    `${EXCEEDED_MESSAGE[kind]}: at most ${decision.limit} per ${per}. Retry after ${decision.retryAfterSeconds} s.`,
    undefined,
    { "Retry-After": String(decision.retryAfterSeconds) },
  );
}

/** The client IP that server.js puts in x-ramp-client-ip ("unknown" when served without it). */
export function clientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER)?.trim() || "unknown";
}

/** Keyless public requests: counted per client IP. */
export function enforceIpRateLimit(request: Request): Promise<void> {
  return enforceRateLimit("ip", clientIp(request));
}
