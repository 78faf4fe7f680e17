/** better-auth calls made for the console's own pages: a refusal becomes the one DomainError. */
import { callAuth } from "~/lib/auth-calls.server";
import { DomainError, type ErrorCode } from "~/lib/domain-error";

function codeFor(status: number): ErrorCode {
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMIT_EXCEEDED";
  // "Already a member", "already invited", "the only owner": refused in the present state.
  return "INVALID_STATE";
}

/** Runs the call; better-auth's refusal is thrown with its readable message (and `field`, when one field is at fault). */
export async function authCall<T>(call: () => Promise<T>, field?: (code: string | undefined) => string | undefined): Promise<T> {
  const result = await callAuth(call);
  if (result.ok) return result.value;
  const at = field?.(result.code);
  if (at) throw new DomainError("VALIDATION_ERROR", result.message, [{ field: at, message: result.message }]);
  throw new DomainError(codeFor(result.status), result.message);
}
