/**
 * API keys: `pk_test_…`, `sk_test_…`, `rk_test_…` (restricted) and their `_live_` twins,
 * followed by 43 base62 characters (≥ 32 random bytes). Stored as SHA-256 plus the last four
 * characters; publishable keys are public and kept as they are; test secret and restricted
 * keys are also kept AES-256-GCM encrypted so they can be revealed again.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKey, type ApiKeyKind } from "~db/schema";
import type { Mode } from "~db/schema/types";
import type { Executor } from "~/lib/db.server";
import { encryptSecret, randomBase62, sha256Hex } from "~/lib/crypto.server";
import { newId } from "~/lib/ids";

export const KEY_PREFIX: Record<ApiKeyKind, Record<Mode, string>> = {
  publishable: { test: "pk_test_", live: "pk_live_" },
  secret: { test: "sk_test_", live: "sk_live_" },
  restricted: { test: "rk_test_", live: "rk_live_" },
};

/** Secret and restricted keys: server-side only, shown once in live mode, IP allowlists. */
export function isSecretKind(kind: ApiKeyKind): kind is "secret" | "restricted" {
  return kind === "secret" || kind === "restricted";
}

export function generateKeyToken(kind: ApiKeyKind, mode: Mode): string {
  return `${KEY_PREFIX[kind][mode]}${randomBase62(32)}`;
}

/** `sk_test_…a1B2`: what the console shows of a key it cannot reveal. */
export function maskKey(kind: ApiKeyKind, mode: Mode, lastFour: string): string {
  return `${KEY_PREFIX[kind][mode]}…${lastFour}`;
}

export interface CreateKeyInput {
  projectId: string;
  mode: Mode;
  kind: ApiKeyKind;
  label?: string | null;
  createdByUserId?: string | null;
  rolledFromKeyId?: string | null;
  /** Restricted keys: the permissions granted. */
  permissions?: string[] | null;
  /** Secret and restricted keys: normalised CIDRs (app/keys/ip-allowlist.ts). */
  allowedIps?: string[] | null;
  expiresAt?: Date | null;
}

/** Creates a key and returns it with its token: the only time a secret key's plaintext leaves this module. */
export async function createApiKey(db: Executor, input: CreateKeyInput) {
  const token = generateKeyToken(input.kind, input.mode);
  const [record] = await db
    .insert(apiKey)
    .values({
      id: newId("key"),
      projectId: input.projectId,
      mode: input.mode,
      kind: input.kind,
      label: input.label ?? null,
      tokenHash: sha256Hex(token),
      lastFour: token.slice(-4),
      publishableToken: input.kind === "publishable" ? token : null,
      secretCiphertext: isSecretKind(input.kind) && input.mode === "test" ? encryptSecret(token) : null,
      permissions: input.kind === "restricted" ? (input.permissions ?? []) : null,
      allowedIps: isSecretKind(input.kind) && input.allowedIps?.length ? input.allowedIps : null,
      expiresAt: input.expiresAt ?? null,
      createdByUserId: input.createdByUserId ?? null,
      rolledFromKeyId: input.rolledFromKeyId ?? null,
    })
    .returning();
  return { record: record!, token };
}

/**
 * The standard set every new project starts with: one publishable and one secret key per mode.
 * Returns the live secret key's token: the caller shows it once, it is never readable again.
 */
export async function createDefaultKeys(db: Executor, projectId: string, createdByUserId: string | null) {
  let liveSecretKey = "";
  for (const mode of ["test", "live"] as const) {
    for (const kind of ["publishable", "secret"] as const) {
      const { token } = await createApiKey(db, { projectId, mode, kind, label: "Default", createdByUserId });
      if (mode === "live" && kind === "secret") liveSecretKey = token;
    }
  }
  return { liveSecretKey };
}

export async function listApiKeys(db: Executor, projectId: string, mode: Mode) {
  return db
    .select()
    .from(apiKey)
    .where(and(eq(apiKey.projectId, projectId), eq(apiKey.mode, mode)))
    .orderBy(desc(apiKey.createdAt));
}

/** The active publishable key of a project and mode (for snippets and the seed script). */
export async function activePublishableKey(db: Executor, projectId: string, mode: Mode) {
  const [row] = await db
    .select({ token: apiKey.publishableToken })
    .from(apiKey)
    .where(and(eq(apiKey.projectId, projectId), eq(apiKey.mode, mode), eq(apiKey.kind, "publishable"), isNull(apiKey.revokedAt), isNull(apiKey.expiresAt)))
    .orderBy(desc(apiKey.createdAt))
    .limit(1);
  return row?.token ?? null;
}
