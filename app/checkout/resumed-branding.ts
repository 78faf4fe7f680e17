/**
 * The partner's look of a checkout that resumed by POST (a reload: the secret is no longer in the URL, so the loader
 * knows no project and root.tsx would theme the page neutral). The checkout route hands the branding of its resumed
 * page here; root.tsx reads it. Browser-only: the server's snapshot is always null.
 */
import { useSyncExternalStore } from "react";
import type { CheckoutThemeInput } from "./theme";

let current: CheckoutThemeInput | null = null;
const listeners = new Set<() => void>();

export function setResumedBranding(branding: CheckoutThemeInput | null) {
  if (branding === current) return;
  current = branding;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useResumedBranding(): CheckoutThemeInput | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}
