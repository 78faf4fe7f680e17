/**
 * The one redaction module of the request log (docs/decisions/0015-request-log.md): every body,
 * query string and header goes through it before it is kept. Two rules, both applied everywhere:
 *
 * - by name: a field whose name says it holds a secret (`clientSecret`, `secret`, `apiKey`,
 *   `apiSecret`, `password`, `authorization`, gateway credentials…) keeps only its shape;
 * - by shape: a string that looks like one of our tokens — `sk_`/`pk_`/`rk_` keys,
 *   `whsec_` signing secrets, `sess_secret_` client secrets — is masked wherever it appears
 *   (a value, a key, free text, a truncated preview, a bad-JSON body).
 *
 * Pure and synchronous, shared with the browser-free tests (test/request-log.test.ts feeds it
 * every secret-bearing answer the API gives).
 */

export const REDACTED = "[redacted]";

/** Field names (compared without case, `-` and `_`) whose value is a secret, whatever it looks like. */
const SECRET_FIELDS = new Set(
  [
    "clientSecret",
    "secret",
    "signingSecret",
    "webhookSecret",
    "previousSecret",
    "apiKey",
    "apiSecret",
    "secretKey",
    "privateKey",
    "password",
    "currentPassword",
    "newPassword",
    "token",
    "accessToken",
    "refreshToken",
    "authorization",
    "credentials",
    "cookie",
    "setCookie",
    "xSandboxSignature",
    "signature",
  ].map(normaliseName),
);

function normaliseName(name: string) {
  return name.replace(/[-_]/g, "").toLowerCase();
}

export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(normaliseName(name));
}

/**
 * Our token shapes. The prefix is kept (a reader still tells a test key from a live one), the
 * rest is masked. `sess_secret_` before any `sess_` id rule: the session id itself is not secret.
 */
const TOKEN_PATTERN = /\b(sk_(?:test|live)_|pk_(?:test|live)_|rk_(?:test|live)_|sk_|pk_|rk_|whsec_|sess_secret_)[A-Za-z0-9+/=_-]{4,}/g;

/** A string with every token in it masked. */
export function redactText(text: string): string {
  return text.replace(TOKEN_PATTERN, (_match, prefix: string) => `${prefix}${REDACTED}`);
}

/** A value with secret fields and token-shaped strings masked, at any depth. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  // Deeper than any body we accept (app/api/input-guards.ts): keep the shape, drop the rest.
  if (depth > 40) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    out[redactText(name)] = isSecretField(name) && field !== null && field !== undefined && field !== "" ? maskedSecret(field) : redactValue(field, depth + 1);
  }
  return out;
}

/** A secret field's value: a token keeps its prefix (`whsec_[redacted]`), anything else becomes "[redacted]". */
function maskedSecret(value: unknown): string {
  if (typeof value === "string") {
    const masked = redactText(value);
    if (masked !== value) return masked;
  }
  return REDACTED;
}

/** `Bearer sk_test_…` → `Bearer sk_test_[redacted]`; anything else in an Authorization header → "[redacted]". */
export function redactAuthorization(value: string): string {
  const token = /^\s*(Bearer|Basic)\s+(\S+)/i.exec(value);
  if (token) {
    const masked = redactText(token[2]!);
    return `${token[1]} ${masked !== token[2] ? masked : REDACTED}`;
  }
  return REDACTED;
}

/** A query string with secret parameters (e.g. `clientSecret=`) and token-shaped values masked. */
export function redactQuery(search: string): string {
  const params = new URLSearchParams(search);
  const out = new URLSearchParams();
  for (const [name, value] of params) out.append(redactText(name), isSecretField(name) && value ? maskedSecret(value) : redactText(value));
  return out.toString();
}

/** Headers with Authorization masked, secret-named ones replaced and token-shaped values masked. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === "authorization") out[name] = redactAuthorization(value);
    else out[name] = isSecretField(name) ? REDACTED : redactText(value);
  }
  return out;
}
