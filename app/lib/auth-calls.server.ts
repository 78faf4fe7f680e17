/** Calling better-auth's server API from Remix actions: readable errors and forwarded cookies. */
import { isAPIError } from "better-auth/api";
import { CLIENT_IP_HEADER, getAuth } from "./auth.server";
import { env } from "./env.server";

export type AuthCallResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string; code?: string };

const FRIENDLY: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password don't match an account.",
  USER_ALREADY_EXISTS: "An account with this email already exists. Sign in instead.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account with this email already exists. Sign in instead.",
  PASSWORD_TOO_SHORT: "Use at least 10 characters for the password.",
  INVALID_PASSWORD: "The current password is not right.",
  ORGANIZATION_ALREADY_EXISTS: "An organization with this name already exists.",
  USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: "That person is already a member.",
  USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION: "That person already has a pending invitation.",
  YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION: "This invitation was sent to another email address. Sign in with that address to accept it.",
  INVITATION_NOT_FOUND: "This invitation doesn't exist, was cancelled or has already been used.",
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER: "An organization needs at least one owner.",
  // Two-factor sign-in
  INVALID_CODE: "That code isn't right. Enter the current six-digit code from your authenticator app.",
  INVALID_BACKUP_CODE: "That backup code isn't right, or it was used already.",
  TOTP_ALREADY_ENABLED: "Two-factor sign-in is already on.",
  TWO_FACTOR_NOT_ENABLED: "Two-factor sign-in is off.",
  INVALID_TWO_FACTOR_COOKIE: "This sign-in has expired. Sign in with your password again.",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many wrong codes. Sign in with your password again.",
  ACCOUNT_TEMPORARILY_LOCKED: "Too many wrong codes: two-factor sign-in is locked for 15 minutes.",
  EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION:
    "Verify your email address first: open the link we sent you, then accept the invitation.",
  INVALID_TOKEN: "This link has expired or was already used. Ask for a new one.",
  EMAIL_ALREADY_VERIFIED: "Your email address is already verified.",
};

export async function callAuth<T>(call: () => Promise<T>): Promise<AuthCallResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (isAPIError(error)) {
      const body = (error.body ?? {}) as { code?: string; message?: string };
      const code = body.code;
      const status = typeof error.statusCode === "number" ? error.statusCode : 400;
      if (status === 429) return { ok: false, status, code, message: "Too many attempts. Wait a minute and try again." };
      return { ok: false, status, code, message: (code && FRIENDLY[code]) || body.message || error.message || "That didn't work." };
    }
    throw error;
  }
}

/**
 * Calls a better-auth endpoint through its HTTP handler rather than `auth.api`, so that
 * its rate limiter (kept in the database, shared by every instance) guards the console's
 * own sign-in and sign-up forms. The browser's headers (cookie, origin, client IP) go along.
 */
export async function callAuthEndpoint<T>(
  request: Request,
  path:
    "/sign-in/email" | "/sign-up/email" | "/two-factor/verify-totp" | "/two-factor/verify-backup-code" | "/request-password-reset" | "/send-verification-email",
  body: Record<string, unknown>,
): Promise<AuthCallResult<{ data: T; headers: Headers }>> {
  const auth = await getAuth();
  const headers = new Headers();
  for (const name of ["cookie", "origin", "user-agent", "accept-language", CLIENT_IP_HEADER]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set("content-type", "application/json");
  const response = await auth.handler(new Request(`${env().BASE_URL}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }));
  const data = (await response.json().catch(() => ({}))) as T & { code?: string; message?: string };
  if (response.ok) return { ok: true, value: { data, headers: response.headers } };
  if (response.status === 429) {
    const retry = response.headers.get("x-retry-after") ?? response.headers.get("retry-after");
    return {
      ok: false,
      status: 429,
      code: "RATE_LIMITED",
      message: `Too many attempts. Try again in ${retry ? `${retry} seconds` : "a minute"}.`,
    };
  }
  const code = data.code;
  return {
    ok: false,
    status: response.status,
    code,
    message: (code && FRIENDLY[code]) || data.message || "That didn't work.",
  };
}

/** The Set-Cookie headers of a better-auth response, ready to pass to `redirect()`. */
export function cookieHeaders(source: Headers): Headers {
  const headers = new Headers();
  for (const cookie of source.getSetCookie()) headers.append("Set-Cookie", cookie);
  return headers;
}
