/**
 * The public order endpoints (no key; a publishable key picks the mode): a checkout intent,
 * which places an order without a session, and a transaction's status.
 */
import { eq, or } from "drizzle-orm";
import { order } from "~db/schema";
import { DomainError } from "~/lib/domain-error";
import { apiEndpoint } from "~/api/endpoint.server";
import { withIdempotency } from "~/api/idempotency.server";
import { ALWAYS, FIELD_ERRORS, PUBLIC_KEY_ERRORS } from "~/api/openapi/operation";
import { EXAMPLE_IDS, pathParameter } from "~/api/openapi/schema";
import { resolvePublicCaller, resolvePublicProject } from "~/api/public.server";
import { json, parseBody, parseJsonBody, type ApiContext } from "~/api/respond.server";
import { SYSTEM_ACTOR } from "~/lib/context";
import { noteCaller } from "~/request-logs/record.server";
import { checkoutIntentBody, checkoutIntentObject, ORDER_EXAMPLES, transactionObject } from "./openapi.server";
import { createCheckoutIntentOrder } from "./orders.server";
import { checkoutIntentSchemaFor, ORDER_FIELD_CODES, type CheckoutIntentInput } from "./schemas";
import { createSellCheckoutIntentOrder } from "./sell.server";
import { checkoutOf, sellInstructions } from "./serialize";

export const publicOrderApi = {
  /** POST /public/v1/onramp/checkout-intent — an order straight from a quote. */
  checkoutIntent: apiEndpoint({
    method: "POST",
    path: "/public/v1/onramp/checkout-intent",
    auth: "public",
    operation: {
      operationId: "createCheckoutIntent",
      tag: "Public onramp",
      summary: "Create a checkout intent",
      description: "An order without a session, straight from a quote. No key needed; `partnerMetadata` is kept under the order's metadata.",
      body: { schema: checkoutIntentBody, example: ORDER_EXAMPLES.checkoutIntent },
      idempotent: true,
      success: { status: 201, description: "The order and where the customer pays.", object: checkoutIntentObject },
      errors: [
        ...FIELD_ERRORS,
        "INVALID_GATEWAY",
        ...PUBLIC_KEY_ERRORS,
        "NOT_FOUND",
        "IDEMPOTENCY_KEY_REUSED",
        "IDEMPOTENCY_KEY_IN_USE",
        "GATEWAY_UNAVAILABLE",
        ...ALWAYS,
      ],
    },
    async handle({ request, db, requestId }) {
      const raw = await request.text();
      const body = parseJsonBody(raw);
      const input = parseBody(checkoutIntentSchemaFor(body), body, ORDER_FIELD_CODES);
      const target = await resolvePublicProject(db, request, input.projectId);
      const ctx: ApiContext = {
        db,
        organizationId: target.organizationId,
        projectId: target.projectId,
        mode: target.mode,
        role: "admin",
        actor: SYSTEM_ACTOR,
        key: {
          keyId: target.publishableKeyId ?? "",
          kind: "publishable",
          mode: target.mode,
          projectId: target.projectId,
          organizationId: target.organizationId,
          permissions: null,
        },
        requestId,
      };
      // No enclosing transaction: the gateway is called mid-request and calls back into this database.
      return withIdempotency(
        ctx,
        request,
        raw,
        async () => {
          const created =
            "orderType" in input && input.orderType === "sell"
              ? await createSellCheckoutIntentOrder(ctx, input)
              : await createCheckoutIntentOrder(ctx, input as CheckoutIntentInput);
          return json(
            {
              success: true,
              data: {
                orderId: created.id,
                status: created.status,
                gateway: created.gatewayId,
                checkout: checkoutOf(created),
                ...sellInstructions(created),
                livemode: created.mode === "live",
              },
            },
            { status: 201 },
            requestId,
          );
        },
        { inTransaction: false },
      );
    },
  }),

  /** GET /public/v1/onramp/transactions/:id — by order id or transaction id; nothing personal. */
  transaction: apiEndpoint({
    method: "GET",
    path: "/public/v1/onramp/transactions/{transactionId}",
    auth: "public",
    operation: {
      operationId: "getTransaction",
      tag: "Public onramp",
      summary: "Transaction status",
      description: "Polls an order's status by order id (`ord_…`) or transaction id (`txn_…`). No key needed; nothing personal is returned.",
      parameters: [pathParameter("transactionId", "An order id (`ord_…`) or transaction id (`txn_…`).", EXAMPLE_IDS.orderId)],
      success: { status: 200, description: "The transaction's status and amounts.", object: transactionObject },
      // A publishable key, when sent, must be valid and of the order's project (resolvePublicCaller).
      errors: [...PUBLIC_KEY_ERRORS, "NOT_FOUND", ...ALWAYS],
    },
    async handle({ request, db, requestId, params }) {
      // Same refusals and rate limits as the other public endpoints (no sk; a pk of the right project).
      const caller = await resolvePublicCaller(db, request);
      const id = params.transactionId ?? "";
      if (!/^(ord|txn)_[0-9A-Za-z]{10,40}$/.test(id)) throw new DomainError("NOT_FOUND", `Transaction ${id} does not exist.`);
      const [row] = await db
        .select()
        .from(order)
        .where(or(eq(order.id, id), eq(order.transactionId, id)));
      if (!row) throw new DomainError("NOT_FOUND", `Transaction ${id} does not exist.`);
      if (caller && caller.projectId !== row.projectId) throw new DomainError("FORBIDDEN", "This publishable key belongs to another project.");
      // Modes are separate (docs/api-contract.md#conventions): a live key does not see a test order, nor the reverse.
      if (caller && caller.mode !== row.mode) throw new DomainError("NOT_FOUND", `Transaction ${id} does not exist.`);
      // Keyless: the order's project is the one asked about (its request log shows the poll).
      if (!caller) noteCaller(request, { projectId: row.projectId, mode: row.mode });
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
    },
  }),
};
