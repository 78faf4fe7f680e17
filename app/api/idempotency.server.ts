/**
 * `Idempotency-Key` on POST, as Stripe does it: the first response (below 500) is kept
 * 24 hours; the same key with the same request replays it, with a different request it
 * is a 409, and while the first is still running a second one waits for nothing: 409.
 */
import { and, eq, lt } from "drizzle-orm";
import { idempotencyKey } from "../../db/schema";
import { sha256Hex } from "../lib/crypto.server";
import { DomainError } from "~/lib/domain-error";
import { json, type ApiContext } from "./respond.server";

const TTL_MS = 24 * 60 * 60 * 1000;

export async function withIdempotency(ctx: ApiContext, request: Request, rawBody: string, run: () => Promise<Response>): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (key === null) return run();
  if (!key.trim() || key.length > 255) {
    throw new DomainError("VALIDATION_ERROR", "Idempotency-Key must be 1 to 255 characters.", [{ field: "Idempotency-Key", message: "Use a unique value per operation, e.g. a UUID." }]);
  }
  const path = new URL(request.url).pathname;
  const requestHash = sha256Hex(`${request.method} ${path}\n${rawBody}`);
  const scope = and(eq(idempotencyKey.projectId, ctx.projectId), eq(idempotencyKey.mode, ctx.mode), eq(idempotencyKey.key, key));
  const now = new Date();
  await ctx.db.delete(idempotencyKey).where(and(scope, lt(idempotencyKey.expiresAt, now)));
  const [claimed] = await ctx.db
    .insert(idempotencyKey)
    .values({ projectId: ctx.projectId, mode: ctx.mode, key, method: request.method, path, requestHash, expiresAt: new Date(now.getTime() + TTL_MS) })
    .onConflictDoNothing()
    .returning({ key: idempotencyKey.key });
  if (!claimed) {
    const [existing] = await ctx.db.select().from(idempotencyKey).where(scope);
    if (!existing) throw new DomainError("IDEMPOTENCY_KEY_IN_USE", "A request with this Idempotency-Key is in progress; retry shortly.");
    if (existing.requestHash !== requestHash) {
      throw new DomainError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used with a different request. Use a new key for a new operation.");
    }
    if (existing.responseStatus === null) throw new DomainError("IDEMPOTENCY_KEY_IN_USE", "A request with this Idempotency-Key is still in progress; retry shortly.");
    // The replay is the first response, Request-Id included.
    const stored = existing.responseBody as { requestId: string; body: unknown };
    return json(stored.body, { status: existing.responseStatus, headers: { "Idempotent-Replayed": "true", "Request-Id": stored.requestId } });
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    // Errors raised as DomainError are answers too: keep them, so a retry gets the same one.
    if (error instanceof DomainError && error.status < 500) {
      await ctx.db
        .update(idempotencyKey)
        .set({
          responseStatus: error.status,
          responseBody: {
            requestId: ctx.requestId,
            body: { success: false, error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), requestId: ctx.requestId } },
          },
        })
        .where(scope);
    } else {
      await ctx.db.delete(idempotencyKey).where(scope);
    }
    throw error;
  }
  if (response.status >= 500) {
    await ctx.db.delete(idempotencyKey).where(scope);
    return response;
  }
  const body = await response.clone().json().catch(() => null);
  await ctx.db.update(idempotencyKey).set({ responseStatus: response.status, responseBody: { requestId: ctx.requestId, body } }).where(scope);
  return response;
}
