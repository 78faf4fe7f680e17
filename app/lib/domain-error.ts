/**
 * The one error type of the domain. Domain modules (API and console alike) throw a
 * DomainError with a code from the contract (docs/api-contract.md#errors), a message a
 * person can act on, and optional field details. The edges translate it once:
 *   - the API (app/api/respond.server.ts) → the error envelope and the code's HTTP status;
 *   - the console (app/lib/actions.server.ts) → form errors beside the fields, or a 404/403 page.
 * No route catches and translates it by hand.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  INVALID_CURRENCY: 400,
  INVALID_NETWORK: 400,
  INVALID_AMOUNT: 400,
  INVALID_WALLET_ADDRESS: 400,
  INVALID_GATEWAY: 400,
  MISSING_API_KEY: 401,
  INVALID_API_KEY: 401,
  API_KEY_EXPIRED: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_PERMISSIONS: 403,
  PROJECT_ARCHIVED: 403,
  /** A live key of a project that hasn't gone live yet. */
  PROJECT_NOT_LIVE: 403,
  /** A secret or restricted key used from an address outside its IP allowlist. */
  IP_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  /** The request body did not arrive in time (BODY_TIMEOUT_SECONDS). */
  REQUEST_TIMEOUT: 408,
  SESSION_EXPIRED: 409,
  SESSION_ALREADY_USED: 409,
  INVALID_STATE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  /** Something that existed has run out (a sandbox payment page past its deadline). */
  EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  GATEWAY_UNAVAILABLE: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Response headers the code implies (Allow on a 405, Retry-After on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "DomainError";
    this.status = ERROR_STATUS[code];
  }
}

export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}

export function validationError(details: ErrorDetail[], message = "Missing or invalid fields in the request body.") {
  return new DomainError("VALIDATION_ERROR", message, details);
}

/** One invalid field, with the message shown beside it in the console and in `details` on the API. */
export function fieldError(field: string, message: string) {
  return new DomainError("VALIDATION_ERROR", message, [{ field, message }]);
}

export function notFound(what: string, id: string) {
  return new DomainError("NOT_FOUND", `${what} ${id} does not exist.`);
}

export function invalidState(message: string) {
  return new DomainError("INVALID_STATE", message);
}
