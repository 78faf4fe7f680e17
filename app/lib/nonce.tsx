/**
 * A per-response nonce for inline scripts and styles, for pages that send a strict
 * Content-Security-Policy (the hosted checkout). entry.server makes one per request and
 * provides it; in the browser it is read back from a script the server rendered, so the
 * attributes match on hydration. Browsers hide a nonce attribute's value from the DOM but
 * keep it in the element's `nonce` property.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

let browserNonce: string | undefined;

export function useNonce(): string | undefined {
  const fromServer = useContext(NonceContext);
  if (fromServer !== undefined) return fromServer;
  if (typeof document === "undefined") return undefined;
  browserNonce ??= document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
  return browserNonce;
}
