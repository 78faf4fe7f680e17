/**
 * The second step of a sign-in with two-factor on: a code from the authenticator app, or a backup
 * code. Through better-auth's HTTP handler, so its rate limiter (per client IP, in the database)
 * and the plugin's own attempt limits guard it.
 */
import { getDb } from "~/lib/db.server";
import { callAuthEndpoint, cookieHeaders } from "~/lib/auth-calls.server";
import { CLIENT_IP_HEADER } from "~/lib/auth.server";
import { recordAccountAudit } from "./account-audit.server";

export type SecondFactor = "totp" | "backup";

/** Whether the browser holds a pending two-factor challenge (better-auth's signed `two_factor` cookie). */
export function hasTwoFactorChallenge(request: Request): boolean {
  return /(^|;\s*)(__Secure-)?[\w.-]*two_factor=/.test(request.headers.get("cookie") ?? "");
}

/** Answers the new session's Set-Cookie headers, or the reason the code was refused. */
export async function verifySecondFactor(request: Request, method: SecondFactor, code: string) {
  const path = method === "totp" ? "/two-factor/verify-totp" : "/two-factor/verify-backup-code";
  const result = await callAuthEndpoint<{ user?: { id: string; email: string } }>(request, path, { code: code.trim() });
  if (!result.ok) return { ok: false as const, code: result.code, message: result.message };
  const user = result.value.data.user;
  if (method === "backup" && user) {
    // A used backup code is worth knowing about: the authenticator may be lost.
    const actor = { userId: user.id, email: user.email, ipAddress: request.headers.get(CLIENT_IP_HEADER), userAgent: request.headers.get("user-agent") };
    await recordAccountAudit(await getDb(), actor, "account.backup_code_used");
  }
  return { ok: true as const, headers: cookieHeaders(result.value.headers) };
}
