/**
 * Runs before any module, so that libraries work under the pages' Content-Security-Policy:
 * - zod compiles no parsers with `new Function()` in the browser (`jitless`): the policy
 *   allows no eval, and zod's probe for it, made at module load, is reported as a violation
 *   even though zod catches it. zod reads its configuration from this global.
 * - the <style> elements react-remove-scroll adds (Mantine's modals, drawers, menus) carry
 *   this page's nonce: its `get-nonce` reads `__webpack_nonce__`.
 * The server is unaffected.
 */
const SCRIPT = [
  "globalThis.__zod_globalConfig={...globalThis.__zod_globalConfig,jitless:true};",
  "globalThis.__webpack_nonce__=document.currentScript&&document.currentScript.nonce||undefined;",
].join("");

export function CspScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
