/**
 * Email verification and password reset, through better-auth (app/lib/auth.server.ts sends the
 * mails). The two that send mail go through better-auth's HTTP handler so its rate limiter,
 * kept in the database, guards them (docs/decisions/0004).
 */
import { callAuth, callAuthEndpoint } from "~/lib/auth-calls.server";
import { getAuth } from "~/lib/auth.server";
import { DomainError, fieldError } from "~/lib/domain-error";
import { safeRedirectPath } from "~/lib/http.server";

/**
 * Sends the signed-in user a new verification link. `next` (a path of ours) rides along in the
 * link, so the landing page can offer to continue where they were going (an invitation).
 */
export async function resendVerificationEmail(request: Request, email: string, next?: string | null) {
  const result = await callAuthEndpoint(request, "/send-verification-email", { email, callbackURL: safeRedirectPath(next, "/") });
  if (!result.ok) throw new DomainError(result.status === 429 ? "RATE_LIMIT_EXCEEDED" : "INVALID_STATE", result.message);
}

/**
 * Checks a verification link's token and marks its address verified. A stale link is an
 * expected outcome for the landing page to explain, so it is answered, not thrown.
 */
export async function verifyEmailToken(token: string): Promise<{ ok: true; email: string } | { ok: false; message: string }> {
  const auth = await getAuth();
  const result = await callAuth(() => auth.api.verifyEmail({ query: { token } }));
  if (!result.ok) return { ok: false, message: "This verification link has expired or was already used. Sign in and ask for a new one." };
  // The token is a JWT better-auth just checked; its payload names the address.
  const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { email?: string };
  return { ok: true, email: payload.email ?? "" };
}

/**
 * Mails a reset link if the address has an account. The answer is the same either way (and as
 * quick: the mail is sent in the background), so the form does not tell who has an account.
 */
export async function requestPasswordReset(request: Request, email: string) {
  const result = await callAuthEndpoint(request, "/request-password-reset", { email, redirectTo: "/reset-password" });
  if (!result.ok) throw new DomainError(result.status === 429 ? "RATE_LIMIT_EXCEEDED" : "INVALID_STATE", result.message);
}

/** Sets the new password of the reset link's account and signs out its sessions everywhere. */
export async function resetPassword(token: string, newPassword: string) {
  const auth = await getAuth();
  const result = await callAuth(() => auth.api.resetPassword({ body: { token, newPassword } }));
  if (result.ok) return;
  if (result.code === "INVALID_TOKEN") throw new DomainError("INVALID_STATE", "This reset link has expired or was already used. Ask for a new one.");
  throw fieldError("newPassword", result.message);
}
