import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { applyProviderCallback } from "~/orders/orders.server";
import { newId } from "~/lib/ids";
import { recordCallback } from "~/request-logs/record.server";
import { verifyCallback } from "~/sandbox/signing.server";

const callbackSchema = z.object({
  providerOrderId: z.string(),
  partnerOrderId: z.string(),
  status: z.enum(["completed", "failed", "refunded"]),
  cryptoAmount: z.string().nullish(),
  transactionHash: z.string().nullish(),
  failureReason: z.string().nullish(),
  // Kept as the order's refundReason; cut rather than refused, so a wordy provider's refund still applies.
  refundReason: z
    .string()
    .nullish()
    .transform((reason) => reason?.slice(0, 500) ?? null),
});

/** A provider tells us how a payment ended. Signed; repeated deliveries are harmless. Recorded in the order's request log. */
export async function action({ request, params }: ActionFunctionArgs) {
  const startedAt = performance.now();
  const body = await request.text();
  const gatewayId = params.gatewayId ?? "";
  let order: { id: string; projectId: string; mode: "test" | "live"; sessionId: string | null } | null = null;
  const answer = async (): Promise<Response> => {
    if (!verifyCallback(body, request.headers.get("x-sandbox-timestamp"), request.headers.get("x-sandbox-signature"))) {
      logger.warn("provider_callback.bad_signature", { gateway: params.gatewayId });
      return Response.json({ error: "invalid signature" }, { status: 401 });
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return Response.json({ error: "invalid payload" }, { status: 400 });
    }
    const parsed = callbackSchema.safeParse(json);
    if (!parsed.success) return Response.json({ error: "invalid payload" }, { status: 400 });
    const result = await applyProviderCallback(await getDb(), gatewayId, parsed.data);
    if (!result.found) return Response.json({ error: "unknown order" }, { status: 404 });
    order = result.order;
    // Not applied: a refund of an order we never saw complete. 409, so the provider retries later.
    if ("refusedRefund" in result) return Response.json({ error: `order is ${result.order.status}, not completed: refund not applied` }, { status: 409 });
    return Response.json({ received: true, status: result.order.status });
  };
  const response = await answer();
  response.headers.set("Request-Id", newId("req"));
  return recordCallback({ request, requestBody: body, gatewayId, response, startedAt, order, endpoint: "POST /callbacks/sandbox/:gatewayId" });
}

export const loader = () => Response.json({ error: "POST only" }, { status: 405, headers: { Allow: "POST" } });
