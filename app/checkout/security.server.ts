/**
 * The hosted checkout's response headers. The page holds a session's clientSecret, takes
 * an email and sends the customer to a payment provider, so it gets the strictest policy
 * the app can serve:
 * - scripts only from this origin or inline with this response's nonce (Remix's hydration
 *   scripts carry it), no eval, no plugins, no <base> rewriting;
 * - styles from this origin or nonce'd <style> elements; `style` attributes are allowed
 *   (Mantine's style props), they cannot run code;
 * - it is never framed (clickjacking on a payment page), it frames and submits forms only to
 *   this origin and the payment providers' origin;
 * - no Referer leaves the page (the first URL carries the clientSecret), nothing is cached.
 */
import { providerBaseUrl } from "~/gateways/adapter.server";

/** Route ids whose documents get these headers (entry.server applies them). */
export const CHECKOUT_ROUTE_IDS: ReadonlySet<string> = new Set(["routes/checkout"]);

export function checkoutSecurityHeaders(nonce: string): Record<string, string> {
  const providers = new URL(providerBaseUrl()).origin;
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src 'self' ${providers}`,
    `form-action 'self' ${providers}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ];
  return {
    "Content-Security-Policy": policy.join("; "),
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}
