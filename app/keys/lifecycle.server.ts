/**
 * What admins and developers do with keys in the console: create, reveal (test
 * secret keys only), roll with a grace period, revoke. Every step is audited.
 * A plaintext secret leaves these functions only as a return value for one response.
 */
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { apiKey, user } from "~db/schema";
import { recordAudit } from "~/audit/audit.server";
import type { ProjectContext } from "~/lib/context";
import type { Executor } from "~/lib/db.server";
import { decryptSecret } from "~/lib/crypto.server";
import { DomainError, invalidState } from "~/lib/domain-error";
import { createApiKey, maskKey } from "./keys.server";
import { announceKeyChange, forgetCachedKeys } from "./key-check.server";
import type { createKeySchema } from "./schemas";

export type KeyStatus = "active" | "expiring" | "expired" | "revoked";

function statusOf(row: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): KeyStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt) return row.expiresAt <= now ? "expired" : "expiring";
  return "active";
}

/** The keys of a project and mode as the console lists them: never a secret key's plaintext. */
export async function listKeysForConsole(ctx: ProjectContext) {
  const rows = await ctx.db
    .select({ key: apiKey, createdByName: user.name, createdByEmail: user.email })
    .from(apiKey)
    .leftJoin(user, eq(user.id, apiKey.createdByUserId))
    .where(and(eq(apiKey.projectId, ctx.projectId), eq(apiKey.mode, ctx.mode)))
    .orderBy(desc(apiKey.createdAt), desc(apiKey.id));
  const now = new Date();
  return rows.map(({ key, createdByName, createdByEmail }) => ({
    id: key.id,
    kind: key.kind,
    mode: key.mode,
    label: key.label,
    publishableToken: key.kind === "publishable" ? key.publishableToken : null,
    masked: maskKey(key.kind, key.mode, key.lastFour),
    revealable: key.kind === "secret" && key.mode === "test" && key.secretCiphertext !== null,
    createdBy: createdByName ? `${createdByName} (${createdByEmail})` : "System",
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    status: statusOf(key, now),
  }));
}

async function findKey(ctx: ProjectContext, keyId: string) {
  const [row] = await ctx.db
    .select()
    .from(apiKey)
    .where(and(eq(apiKey.id, keyId), eq(apiKey.projectId, ctx.projectId), eq(apiKey.mode, ctx.mode)));
  // Another project's (or mode's) key is simply not found.
  if (!row) throw new DomainError("NOT_FOUND", "That key doesn't exist in this project and mode.");
  return row;
}

const audit = (db: Executor, ctx: ProjectContext, action: string, keyId: string, details: Record<string, unknown> = {}) =>
  recordAudit(db, ctx.actor, {
    organizationId: ctx.organizationId,
    projectId: ctx.projectId,
    action,
    targetType: "api_key",
    targetId: keyId,
    details: { mode: ctx.mode, ...details },
  });

/** A new secret key. Its token is returned for this one response (live keys are never readable again). */
export async function createSecretKey(ctx: ProjectContext, input: z.infer<typeof createKeySchema>) {
  return ctx.db.transaction(async (tx) => {
    const created = await createApiKey(tx, {
      projectId: ctx.projectId,
      mode: ctx.mode,
      kind: "secret",
      label: input.label,
      createdByUserId: ctx.actor.userId,
    });
    await audit(tx, ctx, "api_key.created", created.record.id, { kind: "secret", label: input.label });
    return { id: created.record.id, token: created.token, label: input.label };
  });
}

/** The plaintext of a test secret key, for admins and developers (the route checks the role). */
export async function revealTestSecretKey(ctx: ProjectContext, keyId: string) {
  const row = await findKey(ctx, keyId);
  if (row.kind !== "secret" || row.mode !== "test" || !row.secretCiphertext) {
    throw invalidState("Only test secret keys can be revealed again. Live secret keys are shown once, when created.");
  }
  if (row.revokedAt) throw invalidState("This key was revoked; there is nothing to reveal.");
  await audit(ctx.db, ctx, "api_key.revealed", keyId);
  return decryptSecret(row.secretCiphertext);
}

/**
 * Issues a replacement key with the same kind and label; the old key keeps working for
 * `graceSeconds` (0: it stops now). Returns the new token for this one response.
 */
export async function rollApiKey(ctx: ProjectContext, keyId: string, graceSeconds: number) {
  const row = await findKey(ctx, keyId);
  const now = new Date();
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) throw invalidState("This key no longer works; create a new one instead.");
  if (row.expiresAt) throw invalidState("This key was already rolled; roll its replacement instead.");
  const rolled = await ctx.db.transaction(async (tx) => {
    const expiresAt = new Date(now.getTime() + graceSeconds * 1000);
    // Guarded update: two admins rolling at once cannot both succeed.
    const updated = await tx
      .update(apiKey)
      .set({ expiresAt })
      .where(and(eq(apiKey.id, keyId), eq(apiKey.projectId, ctx.projectId)))
      .returning({ id: apiKey.id, expiresAt: apiKey.expiresAt });
    if (!updated.length) throw new DomainError("NOT_FOUND", "That key doesn't exist in this project and mode.");
    const created = await createApiKey(tx, {
      projectId: ctx.projectId,
      mode: ctx.mode,
      kind: row.kind,
      label: row.label,
      createdByUserId: ctx.actor.userId,
      rolledFromKeyId: row.id,
    });
    await audit(tx, ctx, "api_key.rolled", keyId, { kind: row.kind, newKeyId: created.record.id, oldKeyExpiresAt: expiresAt.toISOString() });
    await announceKeyChange(tx, { keyId });
    return { id: created.record.id, token: created.token, kind: row.kind, oldKeyExpiresAt: expiresAt.toISOString() };
  });
  // The old key's cached lookup has no expiry: without this, a roll with no grace would wait out the cache here.
  forgetCachedKeys({ keyId });
  return rolled;
}

/** Stops a key at once here (other instances refuse it within the key check's cache time, 5 s). */
export async function revokeApiKey(ctx: ProjectContext, keyId: string) {
  const row = await findKey(ctx, keyId);
  if (row.revokedAt) throw invalidState("This key is already revoked.");
  await ctx.db
    .update(apiKey)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKey.id, keyId), eq(apiKey.projectId, ctx.projectId)));
  forgetCachedKeys({ keyId });
  await announceKeyChange(ctx.db, { keyId });
  await audit(ctx.db, ctx, "api_key.revoked", keyId, { kind: row.kind });
}
