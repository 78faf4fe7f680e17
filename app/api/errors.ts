/**
 * The API's one error type and the seed's error codes. Every error answers with the
 * seed's envelope: { success: false, error: { code, message, details?, requestId } }.
 */
export const API_ERROR_STATUS = {
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
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  SESSION_EXPIRED: 409,
  SESSION_ALREADY_USED: 409,
  INVALID_STATE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  GATEWAY_UNAVAILABLE: 502,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export interface ApiErrorDetail {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ApiErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = API_ERROR_STATUS[code];
  }
}

export function validationError(details: ApiErrorDetail[], message = "Missing or invalid fields in the request body.") {
  return new ApiError("VALIDATION_ERROR", message, details);
}

export function notFound(what: string, id: string) {
  return new ApiError("NOT_FOUND", `${what} ${id} does not exist.`);
}
