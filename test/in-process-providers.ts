/**
 * Routes the platform's provider HTTP calls (and the sandbox's callbacks) to the route
 * handlers in this process, so a whole payment flow runs in a test without a server.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { setProviderFetch } from "../app/sandbox/http.server";
import { action as sandboxCreate } from "../app/routes/sandbox.$gatewayId.api.orders";
import { action as sandboxRefund } from "../app/routes/sandbox.$gatewayId.api.orders.$providerOrderId.refund";
import { action as providerCallback } from "../app/routes/callbacks.sandbox.$gatewayId";

export function useInProcessProviders() {
  return setProviderFetch(async (input, init) => {
    const url = new URL(input);
    const request = new Request(url, init);
    let match = url.pathname.match(/^\/sandbox\/([^/]+)\/api\/orders$/);
    if (match) return sandboxCreate({ request, params: { gatewayId: match[1]! }, context: {} } as ActionFunctionArgs);
    match = url.pathname.match(/^\/sandbox\/([^/]+)\/api\/orders\/([^/]+)\/refund$/);
    if (match)
      return sandboxRefund({ request, params: { gatewayId: match[1]!, providerOrderId: decodeURIComponent(match[2]!) }, context: {} } as ActionFunctionArgs);
    match = url.pathname.match(/^\/callbacks\/sandbox\/([^/]+)$/);
    if (match) return providerCallback({ request, params: { gatewayId: match[1]! }, context: {} } as ActionFunctionArgs);
    return new Response("not routed in tests", { status: 599 });
  });
}
