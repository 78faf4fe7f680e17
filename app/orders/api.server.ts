/** The order endpoints of the API (docs/api-contract.md#orders) as handlers for the resource routes. */
import { eq, or } from "drizzle-orm";
import { order } from "../../db/schema";
import { DomainError } from "~/lib/domain-error";
import { withIdempotency } from "../api/idempotency.server";
import { authenticate, handleApi, json, parseBody, parseJsonBody, type ApiContext } from "../api/respond.server";
import { SYSTEM_ACTOR } from "../lib/context";
import { resolvePublicCaller, resolvePublicProject } from "../quotes/public-project.server";
import { withPublicCors } from "../quotes/public-api.server";
import { checkoutIntentSchema, ORDER_FIELD_CODES, refundOrderSchema, sessionOrderSchema } from "./schemas";
import { checkoutOf, serializeOrder } from "./serialize";
import { createCheckoutIntentOrder, createOrderFromSession } from "./orders.server";
import { refundOrder } from "./refunds.server";

type RouteArgs = { request: Request; params: Record<string, string | undefined> };

/** The 201 answer to a new order (docs/api-contract.md#create-an-order-from-a-session): `{ type: "order", id, attributes: { orderId, status, sessionId, checkout } }`. */
function orderCreated(row: typeof order.$inferSelect) {
  return {
    type: "order",
    id: row.id,
    attributes: { orderId: row.id, status: row.status, sessionId: row.sessionId, checkout: checkoutOf(row) },
  };
}

/** POST /v1/sessions/:id/order — publishable key + clientSecret. */
export function createSessionOrderRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId, params }) => {
    const ctx = await authenticate(request, db, "any", requestId);
    const raw = await request.text();
    return withIdempotency(ctx, request, raw, async () => {
      const input = parseBody(sessionOrderSchema, parseJsonBody(raw), ORDER_FIELD_CODES);
      const created = await createOrderFromSession(ctx, params.sessionId ?? "", input);
      return json(orderCreated(created), { status: 201 }, requestId);
    });
  });
}

/** POST /v1/orders/:id/refund — secret key. Answers the order, `refunded` once the gateway confirmed. */
export function refundOrderRoute(args: RouteArgs) {
  return handleApi(args, async ({ request, db, requestId, params }) => {
    const ctx = await authenticate(request, db, "secret", requestId);
    const raw = await request.text();
    return withIdempotency(ctx, request, raw, async () => {
      const input = parseBody(refundOrderSchema, parseJsonBody(raw));
      const refunded = await refundOrder(ctx, params.orderId ?? "", input);
      return json(serializeOrder(refunded), {}, requestId);
    });
  });
}

/** POST /public/v1/onramp/checkout-intent — no key (a publishable key picks the mode). */
export function checkoutIntentRoute(args: RouteArgs) {
  return withPublicCorsAsync(
    handleApi(args, async ({ request, db, requestId }) => {
      const raw = await request.text();
      const input = parseBody(checkoutIntentSchema, parseJsonBody(raw), ORDER_FIELD_CODES);
      const target = await resolvePublicProject(db, request, input.projectId);
      const ctx: ApiContext = {
        db,
        organizationId: target.organizationId,
        projectId: target.projectId,
        mode: target.mode,
        role: "admin",
        actor: SYSTEM_ACTOR,
        key: { keyId: target.publishableKeyId ?? "", kind: "publishable", mode: target.mode, projectId: target.projectId, organizationId: target.organizationId },
        requestId,
      };
      const run = async () => {
        const created = await createCheckoutIntentOrder(ctx, input);
        return json(
          { success: true, data: { orderId: created.id, status: created.status, gateway: created.gatewayId, checkout: checkoutOf(created), livemode: created.mode === "live" } },
          { status: 201 },
          requestId,
        );
      };
      return withIdempotency(ctx, request, raw, run);
    }),
    "POST, OPTIONS",
  );
}

async function withPublicCorsAsync(response: Promise<Response>, methods = "GET, OPTIONS") {
  const answered = withPublicCors(await response);
  answered.headers.set("Access-Control-Allow-Methods", methods);
  return answered;
}

/** GET /public/v1/onramp/transactions/:id — by order id or transaction id; no key, nothing personal. */
export function transactionRoute(args: RouteArgs) {
  return withPublicCorsAsync(
    handleApi(args, async ({ request, db, requestId, params }) => {
      // Same refusals and rate limits as the other public endpoints (no sk; a pk of the right project).
      const caller = await resolvePublicCaller(db, request);
      const id = params.transactionId ?? "";
      if (!/^(ord|txn)_[0-9A-Za-z]{10,40}$/.test(id)) throw new DomainError("NOT_FOUND", `Transaction ${id} does not exist.`);
      const [row] = await db.select().from(order).where(or(eq(order.id, id), eq(order.transactionId, id)));
      if (!row) throw new DomainError("NOT_FOUND", `Transaction ${id} does not exist.`);
      if (caller && caller.projectId !== row.projectId) throw new DomainError("FORBIDDEN", "This publishable key belongs to another project.");
      return json(
        {
          success: true,
          data: {
            id: row.transactionId ?? row.id,
            orderId: row.id,
            status: row.status === "created" ? "pending" : row.status,
            fiatCurrency: row.sourceCurrency,
            fiatAmount: row.sourceAmount,
            cryptoCurrency: row.destinationCurrency,
            cryptoAmount: row.destinationAmount,
            network: row.network,
            walletAddress: row.destinationAddress,
            transactionHash: row.transactionHash,
            gateway: row.gatewayId,
            createdAt: row.createdAt.toISOString(),
            completedAt: row.completedAt?.toISOString() ?? null,
            refundedAt: row.refundedAt?.toISOString() ?? null,
          },
        },
        {},
        requestId,
      );
    }),
  );
}
