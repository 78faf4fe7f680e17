/**
 * What admins and developers do with keys in the console: create (secret or restricted, with
 * an optional IP allowlist and expiry date), reveal (test secret and restricted keys only),
 * roll with a grace period, edit the allowlist, revoke. Every step is audited.
 * A plaintext secret leaves these functions only as a return value for one response.
 */
import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { apiKey, user } from "~db/schema";
import { recordAudit } from "~/audit/audit.server";
import type { ProjectContext } from "~/lib/context";
import type { Executor } from "~/lib/db.server";
import { decryptSecret } from "~/lib/crypto.server";
import { DomainError, invalidState } from "~/lib/domain-error";
import { createApiKey, isSecretKind, maskKey } from "./keys.server";
import { announceKeyChange, forgetCachedKeys } from "./key-check.server";
import { describePermissions } from "./permissions";

export type KeyStatus = "active" | "expiring" | "expired" | "revoked";

const DAY_MS = 86_400_000;
/** The key list warns on keys that stop working within this… */
export const EXPIRY_WARNING_DAYS = 7;
/** …and on keys not used for this long (or never, this long after creation). */
export const UNUSED_WARNING_DAYS = 90;

function statusOf(row: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): KeyStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt <= now) return "expired";
  if (row.expiresAt && row.expiresAt.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * DAY_MS) return "expiring";
  return "active";
}

/** Active and untouched for UNUSED_WARNING_DAYS: a key nobody needs is a key to revoke. */
function isUnused(row: { createdAt: Date; lastUsedAt: Date | null }, status: KeyStatus, now: Date) {
  const since = row.lastUsedAt ?? row.createdAt;
  return (status === "active" || status === "expiring") && now.getTime() - since.getTime() >= UNUSED_WARNING_DAYS * DAY_MS;
}

const replacement = alias(apiKey, "replacement");

/** The keys of a project and mode as the console lists them: never a secret key's plaintext. */
export async function listKeysForConsole(ctx: ProjectContext) {
  const rows = await ctx.db
    .select({ key: apiKey, createdByName: user.name, createdByEmail: user.email, replacedBy: replacement.id })
    .from(apiKey)
    .leftJoin(user, eq(user.id, apiKey.createdByUserId))
    // Same project and mode: the join stays on api_key_project_idx.
    .leftJoin(replacement, and(eq(replacement.projectId, apiKey.projectId), eq(replacement.mode, apiKey.mode), eq(replacement.rolledFromKeyId, apiKey.id)))
    .where(and(eq(apiKey.projectId, ctx.projectId), eq(apiKey.mode, ctx.mode)))
    .orderBy(desc(apiKey.createdAt), desc(apiKey.id));
  const now = new Date();
  return rows.map(({ key, createdByName, createdByEmail, replacedBy }) => {
    const status = statusOf(key, now);
    return {
      id: key.id,
      kind: key.kind,
      mode: key.mode,
      label: key.label,
      publishableToken: key.kind === "publishable" ? key.publishableToken : null,
      masked: maskKey(key.kind, key.mode, key.lastFour),
      revealable: isSecretKind(key.kind) && key.mode === "test" && key.secretCiphertext !== null,
      permissions: key.permissions ?? null,
      permissionSummary: key.permissions ? describePermissions(key.permissions) : null,
      allowedIps: key.allowedIps ?? [],
      createdBy: createdByName ?? "System",
      createdByEmail: createdByName ? createdByEmail : null,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      lastUsedIp: key.lastUsedIp ?? null,
      expiresAt: key.expiresAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
      /** Rolled: its replacement's id (the old key works until expiresAt). */
      replacedBy: replacedBy ?? null,
      status,
      unused: isUnused(key, status, now),
    };
  });
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

export interface NewSecretKey {
  label: string;
  /** restricted: limited to `permissions` (prefix rk_). */
  type?: "secret" | "restricted";
  permissions?: string[];
  /** Normalised CIDRs (app/keys/schemas.ts's allowlistField); empty: any address. */
  allowedIps?: string[];
  expiresAt?: Date | null;
}

/** A new secret or restricted key. Its token is returned for this one response (live keys are never readable again). */
export async function createSecretKey(ctx: ProjectContext, input: NewSecretKey) {
  const kind = input.type ?? "secret";
  if (kind === "restricted" && !input.permissions?.length) throw invalidState("A restricted key needs at least one permission.");
  return ctx.db.transaction(async (tx) => {
    const created = await createApiKey(tx, {
      projectId: ctx.projectId,
      mode: ctx.mode,
      kind,
      label: input.label,
      createdByUserId: ctx.actor.userId,
      permissions: kind === "restricted" ? input.permissions : null,
      allowedIps: input.allowedIps,
      expiresAt: input.expiresAt ?? null,
    });
    await audit(tx, ctx, "api_key.created", created.record.id, {
      kind,
      label: input.label,
      ...(kind === "restricted" ? { permissions: input.permissions } : {}),
      ...(input.allowedIps?.length ? { allowedIps: input.allowedIps } : {}),
      ...(input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {}),
    });
    return { id: created.record.id, token: created.token, label: input.label, kind };
  });
}

/**
 * Replaces a secret or restricted key's IP allowlist (empty: any address). It holds at once
 * here and, on PostgreSQL, on every instance listening; elsewhere within the key check's cache time.
 */
export async function updateKeyAllowlist(ctx: ProjectContext, keyId: string, allowedIps: string[]) {
  const row = await findKey(ctx, keyId);
  if (!isSecretKind(row.kind)) throw invalidState("Publishable keys are public by design: they have no IP allowlist.");
  if (row.revokedAt) throw invalidState("This key was revoked; its allowlist no longer matters.");
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(apiKey)
      .set({ allowedIps: allowedIps.length ? allowedIps : null })
      .where(and(eq(apiKey.id, keyId), eq(apiKey.projectId, ctx.projectId)));
    await audit(tx, ctx, "api_key.allowlist_changed", keyId, { kind: row.kind, before: row.allowedIps ?? [], after: allowedIps });
    await announceKeyChange(tx, { keyId });
  });
  forgetCachedKeys({ keyId });
}

/** The plaintext of a test secret key, for admins and developers (the route checks the role). */
export async function revealTestSecretKey(ctx: ProjectContext, keyId: string) {
  const row = await findKey(ctx, keyId);
  if (!isSecretKind(row.kind) || row.mode !== "test" || !row.secretCiphertext) {
    throw invalidState("Only test secret and restricted keys can be revealed again. Live ones are shown once, when created.");
  }
  if (row.revokedAt) throw invalidState("This key was revoked; there is nothing to reveal.");
  await audit(ctx.db, ctx, "api_key.revealed", keyId);
  return decryptSecret(row.secretCiphertext);
}

/**
 * Issues a replacement key with the same kind, label, permissions, IP allowlist and chosen
 * expiry date; the old key keeps working for `graceSeconds` (0: it stops now), never past its
 * own expiry. Returns the new token for this one response.
 */
export async function rollApiKey(ctx: ProjectContext, keyId: string, graceSeconds: number) {
  const row = await findKey(ctx, keyId);
  const now = new Date();
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) throw invalidState("This key no longer works; create a new one instead.");
  const rolled = await ctx.db.transaction(async (tx) => {
    // The key's row locked first: two admins rolling at once cannot both issue a replacement.
    await tx.select({ id: apiKey.id }).from(apiKey).where(eq(apiKey.id, keyId)).for("update");
    const [replaced] = await tx
      .select({ id: apiKey.id })
      .from(apiKey)
      .where(and(eq(apiKey.projectId, ctx.projectId), eq(apiKey.mode, ctx.mode), eq(apiKey.rolledFromKeyId, keyId)))
      .limit(1);
    if (replaced) throw invalidState("This key was already rolled; roll its replacement instead.");
    const graceEnds = new Date(now.getTime() + graceSeconds * 1000);
    const expiresAt = row.expiresAt && row.expiresAt < graceEnds ? row.expiresAt : graceEnds;
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
      permissions: row.permissions,
      allowedIps: row.allowedIps,
      expiresAt: row.expiresAt,
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
