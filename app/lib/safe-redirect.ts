/**
 * A path on our own origin to send the browser to after sign-in, or the fallback. The value
 * comes from the query string, so it is hostile until proven otherwise:
 * - browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` or
 *   `/\evil.example` become `//evil.example` (another host): any control character or
 *   backslash is refused outright;
 * - it is resolved against a placeholder origin and must stay on it (no scheme, no `//host`);
 * - what is returned is the URL parser's serialisation (path, query, fragment), which is
 *   percent-encoded ASCII, so it always fits in a Location header.
 */
const PLACEHOLDER = "http://placeholder.invalid";
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const REFUSED = /[\u0000-\u001f\u007f\\]/;

export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || REFUSED.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The serialised path must itself still be a plain path (e.g. "/./evil" normalises safely, "//" never).
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
