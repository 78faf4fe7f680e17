/**
 * How much a request may send, for server.js, which enforces it before any route runs: a
 * declared Content-Length over the limit is refused at once, and a body is counted while it
 * streams (and timed), so no upload is ever held in memory beyond the limit.
 * - API JSON bodies (/v1, /public/v1, provider callbacks): MAX_BODY_BYTES (64 KB);
 * - console multipart forms (only the branding logo upload, whose handler also caps the file
 *   at LOGO_MAX_BYTES while streaming): the logo's limit plus room for the form around it;
 * - other console forms: FORM_MAX_BYTES.
 */
import { LOGO_MAX_BYTES } from "~/branding/schemas";
import { env } from "~/lib/env.server";
import { newId } from "~/lib/ids";
import { DomainError, type ErrorCode } from "~/lib/domain-error";
import { errorResponse } from "./respond.server";

/** Paths whose answers are the API's JSON envelope (Express's own errors included). */
export const API_PATH = /^\/(v1|public\/v1|callbacks)(\/|$)/;
export const FORM_MAX_BYTES = 1024 * 1024;
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export function bodyLimit(pathname: string, contentType: string | undefined): number {
  if (API_PATH.test(pathname)) return env().MAX_BODY_BYTES;
  if (contentType?.toLowerCase().startsWith("multipart/form-data")) return LOGO_MAX_BYTES + MULTIPART_OVERHEAD_BYTES;
  return FORM_MAX_BYTES;
}

/** How long a whole request body may take to arrive. */
export function bodyTimeoutMs(): number {
  return env().BODY_TIMEOUT_SECONDS * 1000;
}

/** An error envelope (with a new Request-Id) for answers server.js gives before any route runs. */
export function apiErrorResponse(code: ErrorCode, message: string): Response {
  return errorResponse(new DomainError(code, message), newId("req"));
}
