/**
 * Two-factor sign-in for the signed-in person, through better-auth's two-factor plugin (as them,
 * with their cookie): set-up (a QR code and the secret, confirmed by a first code; the backup codes
 * are shown once, after it), turning it off and new backup codes, each with the password.
 * The second step of a sign-in is in sign-in.server.ts.
 */
import QRCode from "qrcode";
import { eq } from "drizzle-orm";
import { twoFactor } from "~db/schema";
import { cookieHeaders } from "~/lib/auth-calls.server";
import { getAuth } from "~/lib/auth.server";
import type { Actor } from "~/lib/context";
import type { Executor } from "~/lib/db.server";
import { DomainError } from "~/lib/domain-error";
import { authCall } from "~/orgs/auth-call.server";
import { recordAccountAudit } from "./account-audit.server";
import { organizationsRequiringTwoFactor } from "./two-factor-policy.server";

export interface AccountContext {
  db: Executor;
  user: { id: string; email: string };
  actor: Actor & { userId: string };
}

const passwordField = (code: string | undefined) => (code === "INVALID_PASSWORD" ? "password" : undefined);
const codeField = (code: string | undefined) => (code === "INVALID_CODE" || code === "INVALID_BACKUP_CODE" ? "code" : undefined);

/** Whether the user has confirmed two-factor, and how many unused backup codes they hold. */
export async function twoFactorStatus(db: Executor, userId: string) {
  const [row] = await db.select({ verified: twoFactor.verified }).from(twoFactor).where(eq(twoFactor.userId, userId));
  const requiredBy = await organizationsRequiringTwoFactor(db, userId);
  let backupCodesLeft: number | null = null;
  if (row?.verified) {
    const auth = await getAuth();
    backupCodesLeft = (await auth.api.viewBackupCodes({ body: { userId } })).backupCodes.length;
  }
  return { enabled: row?.verified === true, backupCodesLeft, requiredBy: requiredBy.map((o) => o.name) };
}

/**
 * Starts set-up: a new secret (encrypted at rest by better-auth; not active until confirmed).
 * Answers the otpauth URI as a QR code image (a data: URL, which the console's CSP allows for
 * images) and the secret as text for typing into an app.
 */
export async function startTwoFactorSetup(headers: Headers, password: string) {
  const auth = await getAuth();
  const enabled = await authCall(() => auth.api.enableTwoFactor({ body: { password, method: "totp" }, headers }), passwordField);
  if (enabled.method !== "totp") throw new DomainError("INTERNAL_ERROR", "Two-factor set-up did not answer a secret.");
  const { totpURI } = enabled;
  const secret = new URL(totpURI).searchParams.get("secret") ?? "";
  const qrCode = await QRCode.toDataURL(totpURI, { margin: 1, width: 200, errorCorrectionLevel: "M" });
  return { qrCode, secret: secret.replace(/(.{4})/g, "$1 ").trim() };
}

/**
 * Confirms set-up with the first code from the app: two-factor is on from here. better-auth
 * renews the session (answered as Set-Cookie headers to pass on); the backup codes are answered
 * here, to be shown this once.
 */
export async function confirmTwoFactorSetup(ctx: AccountContext, headers: Headers, code: string) {
  const auth = await getAuth();
  const result = await authCall(() => auth.api.verifyTOTP({ body: { code }, headers, returnHeaders: true }), codeField);
  const { backupCodes } = await auth.api.viewBackupCodes({ body: { userId: ctx.user.id } });
  await recordAccountAudit(ctx.db, ctx.actor, "account.two_factor_enabled");
  return { headers: cookieHeaders(result.headers), backupCodes };
}

/** Turns two-factor off, unless one of the user's organizations requires it. */
export async function disableTwoFactor(ctx: AccountContext, headers: Headers, password: string) {
  const requiredBy = await organizationsRequiringTwoFactor(ctx.db, ctx.user.id);
  if (requiredBy.length) {
    throw new DomainError("INVALID_STATE", `${requiredBy.map((o) => o.name).join(", ")} requires two-factor sign-in for every member.`);
  }
  const auth = await getAuth();
  const result = await authCall(() => auth.api.disableTwoFactor({ body: { password }, headers, returnHeaders: true }), passwordField);
  await recordAccountAudit(ctx.db, ctx.actor, "account.two_factor_disabled");
  return cookieHeaders(result.headers);
}

/** New backup codes (the old ones stop working), shown once. */
export async function regenerateBackupCodes(ctx: AccountContext, headers: Headers, password: string) {
  const auth = await getAuth();
  const { backupCodes } = await authCall(() => auth.api.generateBackupCodes({ body: { password }, headers }), passwordField);
  await recordAccountAudit(ctx.db, ctx.actor, "account.backup_codes_regenerated");
  return backupCodes;
}
