/** The order endpoints of the API (docs/api-contract.md#orders): each one's handler beside its OpenAPI operation. */
import type { order } from "~db/schema";
import { notFound } from "~/lib/domain-error";
import { apiEndpoint } from "~/api/endpoint.server";
import { withIdempotency } from "~/api/idempotency.server";
import { listBody } from "~/api/keyset.server";
import { parseListParams } from "~/api/list-params";
import { ALWAYS, FIELD_ERRORS, IDEMPOTENCY_ERRORS, KEY_ERRORS, SECRET_ERRORS } from "~/api/openapi/operation";
import { EXAMPLE_IDS, listParameters, pathParameter } from "~/api/openapi/schema";
import { json, parseBody, parseJsonBody } from "~/api/respond.server";
import { schema } from "~/lib/db.server";
import { ORDER_TYPES } from "~db/schema/orders";
import { SESSION_STATE_ERRORS, sessionIdParameter } from "~/sessions/openapi.server";
import { getOrder, listOrders } from "./list.server";
import { createdOrderObject, ORDER_EXAMPLES, orderListObject, orderObject, refundOrderBody, sessionOrderBody } from "./openapi.server";
import { createOrderFromSession } from "./orders.server";
import { refundOrder } from "./refunds.server";
import { ORDER_FIELD_CODES, refundOrderSchema, sessionOrderSchema } from "./schemas";
import { checkoutOf, sellInstructions, serializeOrder } from "./serialize";

const orderIdParameter = pathParameter("orderId", "The order's id (`ord_…`).", EXAMPLE_IDS.orderId);

/** The 201 answer to a new order (docs/api-contract.md#create-an-order-from-a-session): `{ type: "order", id, attributes: { orderId, status, sessionId, checkout } }`. */
function orderCreated(row: typeof order.$inferSelect) {
  return {
    type: "order",
    id: row.id,
    // A sell adds what the customer must do next: the deposit instructions (and the payout it leads to).
    attributes: { orderId: row.id, status: row.status, sessionId: row.sessionId, checkout: checkoutOf(row), ...sellInstructions(row) },
  };
}

export const orderApi = {
  /** POST /v1/sessions/:id/order — publishable key + clientSecret. */
  createFromSession: apiEndpoint({
    method: "POST",
    path: "/v1/sessions/{sessionId}/order",
    auth: "clientSecret",
    permission: "sessions:write",
    operation: {
      operationId: "createSessionOrder",
      tag: "Orders",
      summary: "Create an order from a session",
      description:
        "When the customer picks a quote: places the order with the gateway. Exactly one order per session. Open `checkout.url` in the customer's browser.",
      parameters: [sessionIdParameter],
      body: { schema: sessionOrderBody, example: ORDER_EXAMPLES.sessionOrder },
      idempotent: true,
      success: { status: 201, description: "The order and where the customer pays.", object: createdOrderObject },
      errors: [
        ...FIELD_ERRORS,
        "INVALID_GATEWAY",
        ...KEY_ERRORS,
        "FORBIDDEN",
        "NOT_FOUND",
        ...SESSION_STATE_ERRORS,
        ...IDEMPOTENCY_ERRORS,
        "GATEWAY_UNAVAILABLE",
        ...ALWAYS,
      ],
    },
    async handle({ ctx, request, params, requestId }) {
      const raw = await request.text();
      // No enclosing transaction (here and for refunds): the gateway is called mid-request and calls back into this database.
      return withIdempotency(
        ctx,
        request,
        raw,
        async () => {
          const input = parseBody(sessionOrderSchema, parseJsonBody(raw), ORDER_FIELD_CODES);
          const created = await createOrderFromSession(ctx, params.sessionId ?? "", input);
          return json(orderCreated(created), { status: 201 }, requestId);
        },
        { inTransaction: false },
      );
    },
  }),

  /** GET /v1/orders — the project's orders, newest first, filtered and paged as docs/api-contract.md#lists says. */
  list: apiEndpoint({
    method: "GET",
    path: "/v1/orders",
    auth: "secret",
    permission: "orders:read",
    operation: {
      operationId: "listOrders",
      tag: "Orders",
      summary: "List orders",
      description: "The project's orders in the key's mode, newest first, filtered and paged as Stripe's lists are.",
      parameters: listParameters(schema.ORDER_STATUSES, "order", ORDER_TYPES),
      success: { status: 200, description: "A page of orders.", object: orderListObject },
      errors: ["VALIDATION_ERROR", ...SECRET_ERRORS, ...ALWAYS],
    },
    async handle({ ctx, request, requestId }) {
      const query = parseListParams(new URL(request.url).searchParams, { statuses: schema.ORDER_STATUSES, types: ORDER_TYPES });
      const page = await listOrders(ctx, query);
      return json(listBody("/v1/orders", page, serializeOrder), {}, requestId);
    },
  }),

  /** GET /v1/orders/:orderId — one order of the key's project and mode; any other id is 404. */
  get: apiEndpoint({
    method: "GET",
    path: "/v1/orders/{orderId}",
    auth: "secret",
    permission: "orders:read",
    operation: {
      operationId: "getOrder",
      tag: "Orders",
      summary: "Retrieve an order",
      description: "One order of the key's project and mode.",
      parameters: [orderIdParameter],
      success: { status: 200, description: "The order.", object: orderObject },
      errors: [...SECRET_ERRORS, "NOT_FOUND", ...ALWAYS],
    },
    async handle({ ctx, params, requestId }) {
      const orderId = params.orderId ?? "";
      const row = await getOrder(ctx, orderId);
      // The same answer for an unknown id and another project's or mode's: nothing to probe.
      if (!row) throw notFound("Order", orderId);
      return json(serializeOrder(row), {}, requestId);
    },
  }),

  /** POST /v1/orders/:orderId/refund — answers the order, `refunded` once the gateway confirmed. */
  refund: apiEndpoint({
    method: "POST",
    path: "/v1/orders/{orderId}/refund",
    auth: "secret",
    permission: "orders:refund",
    operation: {
      operationId: "refundOrder",
      tag: "Orders",
      summary: "Refund an order",
      description:
        "Asks the order's gateway to give the customer's payment back. Only a completed order can be refunded, once. The order becomes `refunded` (with `refundedAt`) when the gateway confirms, which it may do before answering (the sandbox does): then the answer already shows it; otherwise it still shows `completed` and an `order.refunded` webhook follows the confirmation. The session stays `completed`.",
      parameters: [orderIdParameter],
      body: { schema: refundOrderBody, example: ORDER_EXAMPLES.refundOrder, optional: true },
      idempotent: true,
      success: { status: 200, description: "The order, `refunded` once the gateway has confirmed.", object: orderObject },
      errors: [...SECRET_ERRORS, "NOT_FOUND", "INVALID_STATE", ...IDEMPOTENCY_ERRORS, "GATEWAY_UNAVAILABLE", ...ALWAYS],
    },
    async handle({ ctx, request, params, requestId }) {
      const raw = await request.text();
      return withIdempotency(
        ctx,
        request,
        raw,
        async () => {
          const input = parseBody(refundOrderSchema, parseJsonBody(raw));
          const refunded = await refundOrder(ctx, params.orderId ?? "", input);
          return json(serializeOrder(refunded), {}, requestId);
        },
        { inTransaction: false },
      );
    },
  }),
};
