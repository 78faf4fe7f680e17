/**
 * `Idempotency-Key` on POST, as Stripe does it: the first response (below 500) is kept
 * 24 hours, encrypted (a session's answer holds its clientSecret); the same key with the
 * same request replays it, with a different request it is a 409.
 *
 * Crashes: the first request holds the key on a lease (IDEMPOTENCY_LEASE_SECONDS). While the
 * lease holds, a retry is told to wait (409 IDEMPOTENCY_KEY_IN_USE, Retry-After: 1); once
 * it runs out (the process serving it died), a retry takes the key over and runs the
 * request again. That never makes a second object because the handler runs in one
 * transaction with the storing of its answer, which only the lease's holder may store:
 * either both are committed (a retry replays the answer) or neither (a retry runs it).
 * Handlers that call a payment gateway cannot hold a transaction open across that call
 * (the gateway calls back into this database): they run with `inTransaction: false`, and
 * their answer is stored just after (see docs/decisions/0013-idempotency-leases.md).
 */
import crypto from "node:crypto";
import { and, eq, isNull, lt, type SQL } from "drizzle-orm";
import { idempotencyKey } from "~db/schema";
import { decryptSecret, encryptSecret, sha256Hex } from "~/lib/crypto.server";
import type { Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { DomainError } from "~/lib/domain-error";
import { json, type ApiContext } from "./respond.server";

const TTL_MS = 24 * 60 * 60 * 1000;

interface StoredAnswer {
  requestId: string;
  body: unknown;
}

/** The lease's holder lost it (it ran out and a retry took the key over): this run must leave nothing behind. */
class LeaseLost extends Error {}

function inUse(retryAfterSeconds: number) {
  return new DomainError("IDEMPOTENCY_KEY_IN_USE", "A request with this Idempotency-Key is still in progress; retry shortly.", undefined, {
    "Retry-After": String(retryAfterSeconds),
  });
}

function replay(row: typeof idempotencyKey.$inferSelect) {
  // The replay is the first response, Request-Id included.
  const stored = JSON.parse(decryptSecret(row.responseCiphertext!)) as StoredAnswer;
  return json(stored.body, { status: row.responseStatus!, headers: { "Idempotent-Replayed": "true", "Request-Id": stored.requestId } });
}

export interface IdempotencyOptions {
  /** Run the handler in one transaction with the storing of its answer (default). */
  inTransaction?: boolean;
}

/**
 * Runs `run` once per key. `run` gets the context to use: inside a transaction its `db` is
 * the transaction, so the handler's writes and the stored answer commit together.
 */
export async function withIdempotency(
  ctx: ApiContext,
  request: Request,
  rawBody: string,
  run: (ctx: ApiContext) => Promise<Response>,
  options: IdempotencyOptions = {},
): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (key === null) return run(ctx);
  if (!key.trim() || key.length > 255) {
    throw new DomainError("VALIDATION_ERROR", "Idempotency-Key must be 1 to 255 characters.", [
      { field: "Idempotency-Key", message: "Use a unique value per operation, e.g. a UUID." },
    ]);
  }
  const path = new URL(request.url).pathname;
  const requestHash = sha256Hex(`${request.method} ${path}\n${rawBody}`);
  const scope = and(eq(idempotencyKey.projectId, ctx.projectId), eq(idempotencyKey.mode, ctx.mode), eq(idempotencyKey.key, key))!;
  const now = new Date();
  const leaseMs = env().IDEMPOTENCY_LEASE_SECONDS * 1000;
  const lease = { leaseToken: crypto.randomUUID(), leaseExpiresAt: new Date(now.getTime() + leaseMs) };
  await ctx.db.delete(idempotencyKey).where(and(scope, lt(idempotencyKey.expiresAt, now)));
  const [claimed] = await ctx.db
    .insert(idempotencyKey)
    .values({ projectId: ctx.projectId, mode: ctx.mode, key, method: request.method, path, requestHash, ...lease, expiresAt: new Date(now.getTime() + TTL_MS) })
    .onConflictDoNothing()
    .returning({ key: idempotencyKey.key });
  if (!claimed) {
    const [existing] = await ctx.db.select().from(idempotencyKey).where(scope);
    if (!existing) throw inUse(1);
    if (existing.requestHash !== requestHash) {
      throw new DomainError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used with a different request. Use a new key for a new operation.");
    }
    if (existing.responseStatus !== null) return replay(existing);
    // Still leased: most likely the first request is about to answer, so "retry in a second" (not at the lease's end).
    if ((existing.leaseExpiresAt?.getTime() ?? 0) > now.getTime()) throw inUse(1);
    // The lease ran out: the request that held the key died (or is long overdue). Take it over.
    const heldBy = existing.leaseToken === null ? isNull(idempotencyKey.leaseToken) : eq(idempotencyKey.leaseToken, existing.leaseToken);
    const [taken] = await ctx.db
      .update(idempotencyKey)
      .set(lease)
      .where(and(scope, isNull(idempotencyKey.responseStatus), heldBy))
      .returning({ key: idempotencyKey.key });
    if (!taken) {
      // Another retry took it over, or the first request answered just now.
      const [current] = await ctx.db.select().from(idempotencyKey).where(scope);
      if (current?.responseStatus != null) return replay(current);
      throw inUse(1);
    }
  }
  const held = and(scope, eq(idempotencyKey.leaseToken, lease.leaseToken))!;
  return options.inTransaction === false ? runLeased(ctx, held, run) : runInTransaction(ctx, held, run);
}

/** Stores the answer if this request still holds the key; false when it lost the lease. */
async function storeAnswer(db: Executor, held: SQL, status: number, answer: StoredAnswer) {
  const stored = await db
    .update(idempotencyKey)
    .set({ responseStatus: status, responseCiphertext: encryptSecret(JSON.stringify(answer)), leaseToken: null, leaseExpiresAt: null })
    .where(held)
    .returning({ key: idempotencyKey.key });
  return stored.length > 0;
}

/** A DomainError is an answer too (below 500): kept, so a retry gets the same one. */
function errorAnswer(ctx: ApiContext, error: DomainError): StoredAnswer {
  return {
    requestId: ctx.requestId,
    body: {
      success: false,
      error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), requestId: ctx.requestId },
    },
  };
}

type Outcome = { response: Response } | { error: DomainError };

async function runInTransaction(ctx: ApiContext, held: SQL, run: (ctx: ApiContext) => Promise<Response>): Promise<Response> {
  let outcome: Outcome;
  try {
    outcome = await ctx.db.transaction(async (tx) => {
      const inner: ApiContext = { ...ctx, db: tx as unknown as ApiContext["db"] };
      let result: Outcome;
      try {
        result = { response: await run(inner) };
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500) throw error;
        result = { error };
      }
      if ("response" in result && result.response.status >= 500) throw new ServerErrorAnswer(result.response);
      const stored =
        "error" in result
          ? await storeAnswer(tx, held, result.error.status, errorAnswer(ctx, result.error))
          : await storeAnswer(tx, held, result.response.status, {
              requestId: ctx.requestId,
              body: await result.response
                .clone()
                .json()
                .catch(() => null),
            });
      if (!stored) throw new LeaseLost();
      return result;
    });
  } catch (error) {
    // Nothing of this run was committed: free the key for a retry (unless another request holds it now).
    await ctx.db.delete(idempotencyKey).where(held);
    if (error instanceof ServerErrorAnswer) return error.response;
    if (error instanceof LeaseLost) throw inUse(1);
    throw error;
  }
  if ("error" in outcome) throw outcome.error;
  return outcome.response;
}

/** A 5xx answer returned (not thrown): its writes are rolled back and it is not kept. */
class ServerErrorAnswer extends Error {
  constructor(readonly response: Response) {
    super("server error answer");
  }
}

async function runLeased(ctx: ApiContext, held: SQL, run: (ctx: ApiContext) => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await run(ctx);
  } catch (error) {
    if (error instanceof DomainError && error.status < 500) await storeAnswer(ctx.db, held, error.status, errorAnswer(ctx, error));
    else await ctx.db.delete(idempotencyKey).where(held);
    throw error;
  }
  if (response.status >= 500) {
    await ctx.db.delete(idempotencyKey).where(held);
    return response;
  }
  const stored = await storeAnswer(ctx.db, held, response.status, {
    requestId: ctx.requestId,
    body: await response
      .clone()
      .json()
      .catch(() => null),
  });
  // The work is done and cannot be undone here: answer it, and say that a retry may have run it again.
  if (!stored) logger.warn("idempotency.lease_lost", { requestId: ctx.requestId });
  return response;
}
