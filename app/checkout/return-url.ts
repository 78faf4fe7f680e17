/**
 * Where a customer lands after the checkout: the session's redirectUrl with `sessionId` and
 * `status` added, as the contract promises (docs/api-contract.md#hosted-checkout).
 * Shared by the gateway return route and the checkout's own "back to the merchant" links.
 */
export type ReturnStatus = "completed" | "failed" | "processing";

export function withSessionResult(redirectUrl: string, sessionId: string, status: ReturnStatus | string) {
  const target = new URL(redirectUrl);
  target.searchParams.set("sessionId", sessionId);
  target.searchParams.set("status", status);
  return target.toString();
}
