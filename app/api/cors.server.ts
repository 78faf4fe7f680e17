/**
 * Which web pages may call which endpoints (docs/api-contract.md#cors). One policy per auth kind:
 *
 * - `secret`: never any CORS header. A browser on another origin can neither send the key
 *   (no preflight answer) nor read an answer.
 * - `publishable` and `clientSecret` (seed 000's custom UI: load the session, confirm it, place
 *   the order from the partner's own page): the preflight always passes, as it carries no key and
 *   so no mode; the request itself is then checked on the server — test mode takes any origin,
 *   live mode only the project's allowed origins, and a secret key sent from another origin is
 *   refused (it has leaked). The answer echoes the Origin, so the page can read refusals too.
 * - `public`: keyless reads and checkout-intent, any origin (`*`); in live mode the same
 *   allowed-origins check runs when the project is resolved (app/api/public.server.ts).
 * - `none`: the OpenAPI document, readable from anywhere.
 *
 * The check is the server's, never the browser's: a refused origin changes nothing, whether
 * or not the browser would have let the page read the answer.
 */
import type { Mode } from "~db/schema/types";
import { DomainError } from "~/lib/domain-error";
import { env } from "~/lib/env.server";
import type { Auth } from "./openapi/operation";

export interface CorsPolicy {
  /** Browsers send a preflight first (Authorization is not a simple header): OPTIONS is in `Allow`. */
  preflight: boolean;
  headers(request: Request): Record<string, string>;
}

const SHARED = {
  "Access-Control-Expose-Headers": "Request-Id, Retry-After, Idempotent-Replayed",
  "Access-Control-Max-Age": "600",
};

/** The public onramp endpoints are called from partners' pages, with no cookies: any origin may read them. */
export const PUBLIC_CORS: CorsPolicy = {
  preflight: true,
  headers: () => ({
    ...SHARED,
    "Access-Control-Allow-Origin": "*",
    // Authorization is never covered by a "*" here: it must be named for `Bearer pk_…` to pass.
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
  }),
};

/** Keyed browser endpoints: the Origin is echoed (the server checked it, see assertBrowserOrigin). */
const KEYED_BROWSER_CORS: CorsPolicy = {
  preflight: true,
  headers: (request) => {
    const origin = request.headers.get("origin");
    const vary = { Vary: "Origin" };
    if (!origin) return vary;
    return { ...SHARED, ...vary, "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key" };
  },
};

export const CORS_POLICIES: Record<Auth, CorsPolicy | null> = {
  secret: null,
  publishable: KEYED_BROWSER_CORS,
  clientSecret: KEYED_BROWSER_CORS,
  public: PUBLIC_CORS,
  none: { preflight: false, headers: () => ({ "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Request-Id, ETag" }) },
};

/** The CORS headers of an answer (`allow`: the resource's methods, for preflights). */
export function corsHeaders(auth: Auth | undefined, request: Request, allow: string): Record<string, string> {
  const policy = auth ? CORS_POLICIES[auth] : null;
  if (!policy) return {};
  const headers = policy.headers(request);
  return policy.preflight && headers["Access-Control-Allow-Origin"] ? { ...headers, "Access-Control-Allow-Methods": allow } : headers;
}

/** The page's origin when the request came from a browser page on another origin than ours; null otherwise (servers send no Origin). */
export function crossOrigin(request: Request): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return null;
  try {
    return origin === new URL(env().BASE_URL).origin ? null : origin;
  } catch {
    return origin;
  }
}

/**
 * Refuses a browser call the project does not allow: a secret key from a web page (leaked), or a
 * live-mode call from a page outside the project's allowed origins. Calls without an Origin
 * (servers, curl) and same-origin calls pass.
 */
export function assertBrowserOrigin(request: Request, caller: { kind?: string; mode: Mode; allowedOrigins: string[] }) {
  const origin = crossOrigin(request);
  if (!origin) return;
  if (caller.kind === "secret" || caller.kind === "restricted") {
    throw new DomainError(
      "INSUFFICIENT_PERMISSIONS",
      "Secret keys (sk_…, rk_…) must never be sent from a browser. Use your publishable key (pk_…) on web pages, and roll this secret key: it may have been exposed.",
    );
  }
  if (caller.mode === "live" && !caller.allowedOrigins.includes(origin)) {
    throw new DomainError(
      "FORBIDDEN",
      `Live-mode calls from web pages are accepted only from the project's allowed origins, and ${origin} is not one of them. Add it under Project settings → Allowed origins.`,
    );
  }
}
