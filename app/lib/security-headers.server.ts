/**
 * The Content-Security-Policy of every console document (the hosted checkout has its own,
 * app/checkout/security.server.ts): as strict as the checkout's where the console allows.
 * - scripts only from this origin or inline with this response's nonce (Remix's hydration
 *   scripts and Mantine's colour-scheme script carry it): an injected script cannot run;
 * - styles from this origin or nonce'd <style> elements (Mantine's getStyleNonce); `style`
 *   attributes are allowed (Mantine's style props, transitions, charts), they cannot run code;
 * - images (and reads) from this origin, data: and blob: URLs (the logo upload previews a picked file);
 * - it talks, frames and posts forms to this origin only; no plugins, no <base> rewriting;
 * - framed by nobody, unless the route allowed its own origin (X-Frame-Options SAMEORIGIN).
 * Not in development: the dev server's live reload injects scripts of its own.
 */
export function consoleContentSecurityPolicy(nonce: string, options: { frameableBySelf: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self' blob:",
    "frame-src 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameableBySelf ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}
