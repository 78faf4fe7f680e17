import type { ActionFunctionArgs } from "@remix-run/node";
import { sandboxAdapter } from "~/gateways/adapters/sandbox";
import { isGatewayId } from "~/gateways/catalogue";
import { getDb } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import { logger } from "~/lib/logger.server";
import { applyProviderCallback } from "~/orders/orders.server";
import { recordCallback } from "~/request-logs/record.server";

/**
 * The sandbox provider tells us how a payment ended. Signed; repeated deliveries are harmless.
 * Test orders only: the sandbox never moves a live order (it answers 404, as for any order it doesn't know).
 * Recorded in the order's request log (source: callback).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const startedAt = performance.now();
  const gatewayId = params.gatewayId ?? "";
  const rawBody = await request.text();
  let order: { id: string; projectId: string; mode: "test" | "live"; sessionId: string | null } | null = null;
  const answer = async (): Promise<Response> => {
    if (!isGatewayId(gatewayId)) return Response.json({ error: "unknown gateway" }, { status: 404 });
    const verdict = await sandboxAdapter(gatewayId).verifyCallback(
      { baseUrl: "", credentials: {}, callbackSecret: null, callbackUrl: request.url },
      { method: request.method, url: request.url, headers: request.headers, rawBody, receivedAt: new Date() },
    );
    if (!verdict.ok) {
      if (verdict.reason === "bad_signature") logger.warn("provider_callback.bad_signature", { gateway: gatewayId });
      return Response.json({ error: verdict.message }, { status: verdict.reason === "malformed" ? 400 : 401 });
    }
    const result = await applyProviderCallback(await getDb(), gatewayId, verdict.update, { mode: "test" });
    if (!result.found) return Response.json({ error: "unknown order" }, { status: 404 });
    order = result.order;
    // Not applied: a refund of an order we never saw complete. 409, so the provider retries later.
    if ("refusedRefund" in result) return Response.json({ error: `order is ${result.order.status}, not completed: refund not applied` }, { status: 409 });
    return Response.json({ received: true, status: result.order.status });
  };
  const response = await answer();
  response.headers.set("Request-Id", newId("req"));
  return recordCallback({ request, requestBody: rawBody, gatewayId, response, startedAt, order, endpoint: "POST /callbacks/sandbox/:gatewayId" });
}

export const loader = () => Response.json({ error: "POST only" }, { status: 405, headers: { Allow: "POST" } });
