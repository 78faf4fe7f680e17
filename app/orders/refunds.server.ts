/**
 * Refunds asked by the partner (POST /v1/orders/:id/refund, or the console's Refund button).
 * Only the gateway can give the money back, so the order becomes `refunded` when the
 * gateway's signed callback says so (applyProviderCallback), never on our word alone; see
 * docs/decisions/0011-refunds.md.
 */
import { and, eq } from "drizzle-orm";
import { order } from "~db/schema";
import { DomainError, notFound } from "~/lib/domain-error";
import { recordAudit } from "~/audit/audit.server";
import { requireConnection, withHealth } from "~/gateways/connections.server";
import { gatewayById } from "~/gateways/catalogue";
import type { ProjectContext } from "~/lib/context";
import { getOrder, type OrderRow } from "./list.server";
import { refundRefusal } from "./refundable";
import type { RefundOrderInput } from "./schemas";

/** Only a completed buy can be refunded (refundable.ts, shared with the order page): anything else is a clear 409. */
function assertRefundable(row: OrderRow) {
  const refusal = refundRefusal(row);
  if (refusal) throw new DomainError("INVALID_STATE", refusal);
}

/**
 * Asks the order's gateway to refund it and answers the order as it is afterwards: `refunded`
 * when the gateway has already called back (the sandbox does so before answering), else still
 * `completed` with the refund requested, and the `order.refunded` event follows the callback.
 * Another project's or mode's order is NOT_FOUND, as on GET /v1/orders/:id.
 */
export async function refundOrder(ctx: ProjectContext, orderId: string, input: RefundOrderInput): Promise<OrderRow> {
  const row = await getOrder(ctx, orderId);
  if (!row) throw notFound("Order", orderId);
  assertRefundable(row);
  const gateway = gatewayById(row.gatewayId);
  if (!gateway || !row.providerOrderId) throw new DomainError("GATEWAY_UNAVAILABLE", `The gateway of order ${row.id} can't be reached for a refund.`);
  const reason = input.reason || null;
  const requestedAt = new Date();
  // Recorded before the gateway is asked, so the reason is ours even if its callback comes first.
  const [marked] = await ctx.db
    .update(order)
    .set({ refundRequestedAt: requestedAt, refundReason: reason ?? row.refundReason, updatedAt: requestedAt })
    .where(and(eq(order.id, row.id), eq(order.status, "completed")))
    .returning({ id: order.id });
  if (!marked) {
    // It changed since we read it (a racing refund's callback): answer as for that state.
    const now = await getOrder(ctx, row.id);
    if (now) assertRefundable(now);
    throw notFound("Order", orderId);
  }
  try {
    // The order's own mode picks the adapter: a live order is refunded by its gateway, never the sandbox.
    const { adapter, conn } = await requireConnection(ctx.db, ctx.projectId, gateway.id, row.mode);
    const providerOrderId = row.providerOrderId;
    await withHealth(ctx.db, ctx.projectId, gateway.id, row.mode, () => adapter.refund(conn, { providerOrderId, partnerOrderId: row.id, reason }));
  } catch (error) {
    // Nothing was refunded: forget this request, so the order reads as before and can be retried.
    await ctx.db
      .update(order)
      .set({ refundRequestedAt: row.refundRequestedAt, refundReason: row.refundReason })
      .where(and(eq(order.id, row.id), eq(order.status, "completed"), eq(order.refundRequestedAt, requestedAt)));
    throw error;
  }
  const current = (await getOrder(ctx, row.id))!;
  await recordAudit(ctx.db, ctx.actor, {
    organizationId: ctx.organizationId,
    projectId: ctx.projectId,
    action: "order.refund_requested",
    targetType: "order",
    targetId: row.id,
    details: { mode: ctx.mode, gateway: row.gatewayId, reason, status: current.status },
  });
  return current;
}
