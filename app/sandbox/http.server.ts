/**
 * The HTTP client gateway adapters and the sandbox provider use to reach each other.
 * In production it is `fetch`; in-process tests swap it for one that calls route handlers
 * directly (there is no listening server in a unit test).
 */
type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

let current: Fetch = (input, init) => fetch(input, { ...init, redirect: "manual", signal: AbortSignal.timeout(10_000) });

export function providerFetch(input: string, init?: RequestInit) {
  return current(input, init);
}

export function setProviderFetch(fetcher: Fetch) {
  const previous = current;
  current = fetcher;
  return () => {
    current = previous;
  };
}
