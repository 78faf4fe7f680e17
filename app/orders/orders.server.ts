/**
 * Orders: placed from a session (exactly one per session, however many requests race) or
 * from a direct checkout-intent; moved on by the provider's callbacks. The order's events
 * carry a per-order `sequence`, written in the same transaction as the change.
 */
import { and, eq, sql } from "drizzle-orm";
import { checkoutSession, order, type OrderMetadata, type OrderStatus } from "~db/schema";
import { DomainError, notFound, type ErrorCode } from "~/lib/domain-error";
import { findOrCreateCustomer } from "~/customers/customers.server";
import { recordEvent } from "~/events/events.server";
import type { AdapterOrder } from "~/gateways/adapters/types";
import { requireConnection, withHealth } from "~/gateways/connections.server";
import { CRYPTO_CURRENCIES, cryptoRoute, gatewayById, unsupportedReason, type Gateway } from "~/gateways/catalogue";
import { listEnabledGateways } from "~/gateways/settings.server";
import type { ProjectContext } from "~/lib/context";
import type { Mode } from "~db/schema/types";
import type { ProviderUpdate } from "~/gateways/adapters/types";
import type { Database, Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { newId } from "~/lib/ids";
import { logger } from "~/lib/logger.server";
import { priceQuote } from "~/quotes/pricing";
import { clientSecretMatches } from "~/sessions/sessions.server";
import { isValidWalletAddress } from "~/sessions/wallet-address.server";
import type { CheckoutIntentInput, SessionOrderInput } from "./schemas";
import { webhookOrder } from "./serialize";
import { createSellOrderFromSession, expireSellOrder, refuseSellFields } from "./sell.server";

type OrderRow = typeof order.$inferSelect;
type SessionRow = typeof checkoutSession.$inferSelect;

interface OrderValues {
  fiatAmount: string;
  fiatCurrency: string;
  cryptoCurrency: string;
  network: string;
  walletAddress: string;
  country: string | null;
}

function fail(code: ErrorCode, field: string, message: string): never {
  throw new DomainError(code, message, [{ field, message }]);
}

/** The gateway, if it is enabled for this project and mode and can serve these values. */
async function chooseGateway(ctx: ProjectContext, gatewayId: string, values: OrderValues, paymentMethod: string | undefined) {
  const gateway = gatewayById(gatewayId);
  if (!gateway) fail("INVALID_GATEWAY", "gateway", `Unknown gateway ${gatewayId}.`);
  const enabled = await listEnabledGateways(ctx.db, ctx.projectId, ctx.mode);
  if (!enabled.some((g) => g.id === gateway.id)) fail("INVALID_GATEWAY", "gateway", `${gateway.name} is not enabled for this project in ${ctx.mode} mode.`);
  const reason = unsupportedReason(gateway, {
    fiat: values.fiatCurrency,
    fiatAmount: Number(values.fiatAmount),
    crypto: values.cryptoCurrency,
    network: values.network,
    ...(values.country ? { country: values.country } : {}),
    ...(paymentMethod ? { paymentMethod } : {}),
    orderType: "buy",
  });
  if (reason) fail("INVALID_GATEWAY", "gateway", reason);
  const priced = priceQuote(gateway, { fiat: values.fiatCurrency, crypto: values.cryptoCurrency, network: values.network, fiatAmount: values.fiatAmount });
  const route = cryptoRoute(gateway, values.cryptoCurrency, values.network);
  const crypto = Number(priced.cryptoAmount);
  if (route && (crypto < route.min || crypto > route.max)) {
    fail(
      "INVALID_AMOUNT",
      "fiatAmount",
      `${gateway.name} delivers between ${route.min} and ${route.max} ${values.cryptoCurrency} on ${values.network}; this amount gives ${priced.cryptoAmount}.`,
    );
  }
  return { gateway, priced };
}

function checkWallet(values: OrderValues, mode: ProjectContext["mode"]) {
  const crypto = CRYPTO_CURRENCIES.find((c) => c.code === values.cryptoCurrency)!;
  if (!(crypto.networks as readonly string[]).includes(values.network)) {
    fail("INVALID_NETWORK", "network", `${values.cryptoCurrency} is not available on ${values.network}.`);
  }
  if (!isValidWalletAddress(values.walletAddress, values.network, mode)) {
    fail("INVALID_WALLET_ADDRESS", "walletAddress", `${values.walletAddress} is not a valid ${values.network} address.`);
  }
}

/** Order values from the session, with the request's values where the session leaves them open. */
function valuesFromSession(session: SessionRow, input: SessionOrderInput): OrderValues {
  const pairs: [keyof SessionOrderInput, keyof SessionRow, keyof OrderValues][] = [
    ["fiatAmount", "sourceAmount", "fiatAmount"],
    ["fiatCurrency", "sourceCurrency", "fiatCurrency"],
    ["cryptoCurrency", "destinationCurrency", "cryptoCurrency"],
    ["network", "network", "network"],
    ["walletAddress", "destinationAddress", "walletAddress"],
  ];
  const values: Partial<OrderValues> = { country: session.country };
  const details: { field: string; message: string }[] = [];
  for (const [requestField, sessionField, valueField] of pairs) {
    const given = input[requestField] as string | undefined;
    const stored = session[sessionField] as string | null;
    const locked = session.fieldLocks[sessionField as string]?.locked ?? false;
    if (locked && given !== undefined && given !== stored) {
      details.push({ field: requestField, message: `${requestField} is locked by the session to ${stored}.` });
    }
    const value = locked ? stored : (given ?? stored);
    if (value === null || value === undefined) details.push({ field: requestField, message: `${requestField} is required: the session does not set it.` });
    else values[valueField] = value;
  }
  if (details.length) throw new DomainError("VALIDATION_ERROR", "Missing or invalid fields in the request body.", details);
  const bounds = session.fieldLocks.sourceAmount;
  const amount = Number(values.fiatAmount);
  if (bounds && ((bounds.min !== undefined && amount < Number(bounds.min)) || (bounds.max !== undefined && amount > Number(bounds.max)))) {
    fail("INVALID_AMOUNT", "fiatAmount", `fiatAmount must be between ${bounds.min ?? "0"} and ${bounds.max ?? "any amount"}.`);
  }
  return values as OrderValues;
}

function orderRowValues(
  ctx: ProjectContext,
  args: {
    id: string;
    sessionId: string | null;
    customerId: string | null;
    externalCustomerId: string | null;
    values: OrderValues;
    gateway: Gateway;
    provider: AdapterOrder;
    email: string | null;
    paymentMethod: string | null;
    partnerMetadata: Record<string, unknown>;
  },
): typeof order.$inferInsert {
  // System keys first; the partner's data only under partnerMetadata, so it can never overwrite them.
  const metadata: OrderMetadata = {
    provider: args.gateway.id,
    providerOrderId: args.provider.providerOrderId,
    email: args.email,
    paymentMethodId: args.paymentMethod,
    partnerMetadata: args.partnerMetadata,
  };
  return {
    id: args.id,
    projectId: ctx.projectId,
    mode: ctx.mode,
    sessionId: args.sessionId,
    customerId: args.customerId,
    externalCustomerId: args.externalCustomerId,
    type: "buy",
    status: "created",
    gatewayId: args.gateway.id,
    providerOrderId: args.provider.providerOrderId,
    paymentMethod: args.paymentMethod,
    email: args.email,
    sourceCurrency: args.values.fiatCurrency,
    sourceAmount: args.provider.fiatAmount,
    destinationCurrency: args.values.cryptoCurrency,
    destinationAmount: args.provider.cryptoAmount,
    network: args.values.network,
    destinationAddress: args.values.walletAddress,
    rate: args.provider.rate,
    gatewayFee: args.provider.fees.gateway,
    networkFee: args.provider.fees.network,
    metadata,
    checkoutMethod: args.provider.checkoutMethod,
    checkoutUrl: args.provider.checkoutUrl,
    checkoutExpiresAt: new Date(args.provider.expiresAt),
    eventSequence: 1,
  };
}

/** Where the provider sends the customer's browser after paying: our return route. */
export function returnUrlFor(orderId: string) {
  return `${env().BASE_URL}/return/${orderId}`;
}

export function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === "23505";
}

/**
 * The steps every new order takes before it is written: the wallet fits the network, the
 * gateway is enabled and serves the request, and the provider accepts the order.
 */
async function placeWithProvider(
  ctx: ProjectContext,
  values: OrderValues,
  input: { gateway: string; email?: string; paymentMethod?: string; customerReference?: string | null },
) {
  checkWallet(values, ctx.mode);
  const { gateway } = await chooseGateway(ctx, input.gateway, values, input.paymentMethod);
  // Test: the sandbox; live: the gateway's own API with the project's credentials (never the sandbox).
  const { adapter, conn } = await requireConnection(ctx.db, ctx.projectId, gateway.id, ctx.mode);
  const orderId = newId("ord");
  const provider = await withHealth(ctx.db, ctx.projectId, gateway.id, ctx.mode, () =>
    adapter.createOrder(conn, {
      partnerOrderId: orderId,
      fiatCurrency: values.fiatCurrency,
      fiatAmount: values.fiatAmount,
      cryptoCurrency: values.cryptoCurrency,
      network: values.network,
      walletAddress: values.walletAddress,
      email: input.email ?? null,
      country: values.country,
      paymentMethod: input.paymentMethod ?? null,
      returnUrl: returnUrlFor(orderId),
      customerReference: input.customerReference ?? null,
      // The browser that will open the checkout when it is the caller (Mercuryo signs its widget URL for that IP).
      customerIp: ctx.actor.ipAddress ?? null,
    }),
  );
  return { orderId, gateway, provider };
}

/** POST /v1/sessions/:id/order. */
export async function createOrderFromSession(ctx: ProjectContext, sessionId: string, input: SessionOrderInput) {
  const scope = and(eq(checkoutSession.id, sessionId), eq(checkoutSession.projectId, ctx.projectId), eq(checkoutSession.mode, ctx.mode));
  const [session] = await ctx.db.select().from(checkoutSession).where(scope);
  if (!session) throw new DomainError("NOT_FOUND", `Session ${sessionId} does not exist.`);
  if (!clientSecretMatches(session, input.clientSecret)) throw new DomainError("FORBIDDEN", "Invalid clientSecret.");
  assertOrderable(session);
  if (session.type === "offramp") return createSellOrderFromSession(ctx, session, input);
  refuseSellFields(input);
  const values = valuesFromSession(session, input);
  const { orderId, gateway, provider } = await placeWithProvider(ctx, values, { ...input, customerReference: session.externalCustomerId });
  return saveSessionOrder(
    ctx,
    session,
    orderRowValues(ctx, {
      id: orderId,
      sessionId: session.id,
      customerId: session.customerId,
      externalCustomerId: session.externalCustomerId,
      values,
      gateway,
      provider,
      email: input.email ?? null,
      paymentMethod: input.paymentMethod ?? null,
      partnerMetadata: session.metadata,
    }),
  );
}

/**
 * Saves the order placed at the gateway for a session (a buy or a sell), once: the session open under its row lock
 * (of racing requests only the first finds it so), then processing, and the order's first event.
 */
export async function saveSessionOrder(ctx: ProjectContext, session: SessionRow, row: typeof order.$inferInsert) {
  const scope = and(eq(checkoutSession.id, session.id), eq(checkoutSession.projectId, ctx.projectId), eq(checkoutSession.mode, ctx.mode));
  try {
    return await ctx.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(checkoutSession).where(scope).for("update");
      assertOrderable(locked!);
      const [created] = await tx.insert(order).values(row).returning();
      const now = new Date();
      await tx.update(checkoutSession).set({ status: "processing", processingAt: now, updatedAt: now }).where(eq(checkoutSession.id, session.id));
      await recordEvent(tx, {
        projectId: ctx.projectId,
        mode: ctx.mode,
        type: "order.created",
        orderId: created!.id,
        sessionId: session.id,
        sequence: 1,
        data: { order: webhookOrder(created!) },
      });
      return created!;
    });
  } catch (error) {
    // The unique index on order.session_id is the last word on "one order per session".
    if (isUniqueViolation(error)) throw alreadyUsed();
    throw error;
  }
}

export const alreadyUsed = () => new DomainError("SESSION_ALREADY_USED", "An order was already created from this session.");

export function assertOrderable(session: SessionRow) {
  if ((session.status === "pending" || session.status === "confirmed") && session.expiresAt <= new Date()) {
    throw new DomainError("SESSION_EXPIRED", "Session has expired. Create a new one.");
  }
  if (session.status === "expired") throw new DomainError("SESSION_EXPIRED", "Session has expired. Create a new one.");
  if (session.status === "cancelled") throw new DomainError("INVALID_STATE", "This session was cancelled by the partner.");
  if (session.status !== "pending" && session.status !== "confirmed") throw alreadyUsed();
}

/** POST /public/v1/onramp/checkout-intent: an order without a session. */
export async function createCheckoutIntentOrder(ctx: ProjectContext, input: CheckoutIntentInput) {
  const values: OrderValues = {
    fiatAmount: input.fiatAmount,
    fiatCurrency: input.fiatCurrency,
    cryptoCurrency: input.cryptoCurrency,
    network: input.network,
    walletAddress: input.walletAddress,
    country: null,
  };
  const { orderId, gateway, provider } = await placeWithProvider(ctx, values, { ...input, customerReference: input.externalCustomerId ?? null });
  return ctx.db.transaction(async (tx) => {
    const customer = input.externalCustomerId ? await findOrCreateCustomer(tx, { projectId: ctx.projectId, mode: ctx.mode }, input.externalCustomerId) : null;
    const [created] = await tx
      .insert(order)
      .values(
        orderRowValues(ctx, {
          id: orderId,
          sessionId: null,
          customerId: customer?.id ?? null,
          externalCustomerId: customer?.externalId ?? null,
          values,
          gateway,
          provider,
          email: input.email ?? null,
          paymentMethod: input.paymentMethod ?? null,
          partnerMetadata: input.partnerMetadata ?? {},
        }),
      )
      .returning();
    await recordEvent(tx, { projectId: ctx.projectId, mode: ctx.mode, type: "order.created", orderId, sequence: 1, data: { order: webhookOrder(created!) } });
    return created!;
  });
}

/** Which orders a callback may touch: the sandbox's only test orders; a live gateway's only its project's live orders. */
export interface CallbackScope {
  mode: Mode;
  projectId?: string;
}

/** Next per-order event number, in the same transaction as the change it numbers. */
async function nextSequence(tx: Executor, orderId: string) {
  const [row] = await tx
    .update(order)
    .set({ eventSequence: sql`${order.eventSequence} + 1` })
    .where(eq(order.id, orderId))
    .returning({ sequence: order.eventSequence });
  return row!.sequence;
}

const FINAL: OrderStatus[] = ["completed", "failed", "refunded", "expired"];

/**
 * A provider's word on an order: it moves to completed (with its transaction) or failed, and
 * its session follows; a completed order moves to refunded (its session stays completed).
 * Repeated or late callbacks change nothing (providers retry). A refund of an order that never
 * completed here is not applied (`refusedRefund`): the callback is answered 409 so the provider
 * retries, which heals a refund that overtook its own "completed" callback.
 */
export async function applyProviderCallback(db: Database, gatewayId: string, update: ProviderUpdate, scope: CallbackScope) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(order)
      .where(
        and(
          eq(order.gatewayId, gatewayId),
          eq(order.providerOrderId, update.providerOrderId),
          eq(order.mode, scope.mode),
          scope.projectId ? eq(order.projectId, scope.projectId) : undefined,
          update.partnerOrderId ? eq(order.id, update.partnerOrderId) : undefined,
        ),
      )
      .for("update");
    if (!row) return { found: false as const };
    const now = new Date();
    const emit = async (type: "order.processing" | "order.completed" | "order.failed" | "order.refunded", current: OrderRow) =>
      recordEvent(tx, {
        projectId: row.projectId,
        mode: row.mode,
        type,
        orderId: row.id,
        sessionId: row.sessionId,
        sequence: await nextSequence(tx, row.id),
        data: { order: webhookOrder(current) },
      });

    // A sell's refund returns the crypto: it may follow the deposit (payout declined) as well as a payout.
    const refundable: OrderStatus[] = row.type === "sell" ? ["processing", "completed"] : ["completed"];
    if (update.status === "refunded") {
      if (row.status === "refunded") return { found: true as const, order: row, changed: false };
      if (!refundable.includes(row.status)) {
        logger.warn("provider_callback.refund_not_applied", { orderId: row.id, gateway: gatewayId, status: row.status });
        return { found: true as const, order: row, changed: false, refusedRefund: true };
      }
      const [refunded] = (await tx
        .update(order)
        // The partner's own reason (sent with its request) wins over the provider's wording.
        .set({ status: "refunded", refundedAt: now, updatedAt: now, refundReason: row.refundReason ?? update.refundReason ?? null })
        .where(eq(order.id, row.id))
        .returning()) as [OrderRow];
      await emit("order.refunded", refunded);
      if (row.sessionId && row.status === "processing") {
        await tx
          .update(checkoutSession)
          .set({ status: "failed", failedAt: now, updatedAt: now })
          .where(and(eq(checkoutSession.id, row.sessionId), eq(checkoutSession.status, "processing")));
      }
      return { found: true as const, order: refunded, changed: true };
    }
    if (FINAL.includes(row.status)) return { found: true as const, order: row, changed: false };

    // A sell's deposit address arriving after the order was placed (the gateway gives it after KYC): kept, no event.
    if (update.status === "created") {
      if (row.type !== "sell" || row.status !== "created" || !update.depositAddress || update.depositAddress === row.depositAddress) {
        return { found: true as const, order: row, changed: false };
      }
      const [addressed] = (await tx.update(order).set({ depositAddress: update.depositAddress, updatedAt: now }).where(eq(order.id, row.id)).returning()) as [
        OrderRow,
      ];
      return { found: true as const, order: addressed, changed: true };
    }

    // Still on its way: created → processing, once. Never backwards.
    if (update.status === "processing") {
      if (row.status !== "created") return { found: true as const, order: row, changed: false };
      const [processing] = (await tx
        .update(order)
        .set({
          status: "processing",
          processingAt: now,
          updatedAt: now,
          ...(update.depositAddress && row.type === "sell" ? { depositAddress: update.depositAddress } : {}),
        })
        .where(eq(order.id, row.id))
        .returning()) as [OrderRow];
      await emit("order.processing", processing);
      return { found: true as const, order: processing, changed: true };
    }
    // A sell's deposit never arrived: order.expired tells the partner (a buy's expiry stays silent, as before).
    if (update.status === "expired" && row.type === "sell") {
      if (row.status !== "created") return { found: true as const, order: row, changed: false };
      const expired = await expireSellOrder(tx, row, now, await nextSequence(tx, row.id));
      return { found: true as const, order: expired ?? row, changed: !!expired };
    }
    // The customer never paid: the order expires (no event for a buy), its session too.
    if (update.status === "expired") {
      const [expired] = (await tx.update(order).set({ status: "expired", expiredAt: now, updatedAt: now }).where(eq(order.id, row.id)).returning()) as [
        OrderRow,
      ];
      if (row.sessionId) {
        await tx
          .update(checkoutSession)
          .set({ status: "expired", expiredAt: now, updatedAt: now })
          .where(and(eq(checkoutSession.id, row.sessionId), eq(checkoutSession.status, "processing")));
      }
      return { found: true as const, order: expired, changed: true };
    }

    let current = row;
    if (update.status === "completed") {
      if (current.status === "created") {
        [current] = (await tx.update(order).set({ status: "processing", processingAt: now, updatedAt: now }).where(eq(order.id, row.id)).returning()) as [
          OrderRow,
        ];
        await emit("order.processing", current);
      }
      [current] = (await tx
        .update(order)
        .set({
          status: "completed",
          completedAt: now,
          updatedAt: now,
          transactionId: newId("txn"),
          transactionHash: update.transactionHash ?? null,
          // What the customer got: crypto for a buy, the fiat payout for a sell.
          destinationAmount: (row.type === "sell" ? update.fiatAmount : update.cryptoAmount) ?? row.destinationAmount,
          // A sell whose address-bearing callback never came: the completing one may carry it.
          ...(row.type === "sell" && !row.depositAddress && update.depositAddress ? { depositAddress: update.depositAddress } : {}),
        })
        .where(eq(order.id, row.id))
        .returning()) as [OrderRow];
      await emit("order.completed", current);
      await recordEvent(tx, {
        projectId: row.projectId,
        mode: row.mode,
        type: "transaction.completed",
        orderId: row.id,
        sessionId: row.sessionId,
        sequence: await nextSequence(tx, row.id),
        data: {
          transaction: {
            id: current.transactionId,
            orderId: current.id,
            status: "completed",
            ...(current.type === "sell"
              ? { type: "sell", fiatAmount: current.destinationAmount, cryptoAmount: current.sourceAmount }
              : { fiatAmount: current.sourceAmount, cryptoAmount: current.destinationAmount }),
            transactionHash: current.transactionHash,
          },
        },
      });
    } else {
      [current] = (await tx
        .update(order)
        .set({ status: "failed", failedAt: now, updatedAt: now, failureReason: update.failureReason ?? "payment_failed" })
        .where(eq(order.id, row.id))
        .returning()) as [OrderRow];
      await emit("order.failed", current);
    }
    if (row.sessionId) {
      const sessionStatus = update.status === "completed" ? "completed" : "failed";
      await tx
        .update(checkoutSession)
        .set({ status: sessionStatus, ...(sessionStatus === "completed" ? { completedAt: now } : { failedAt: now }), updatedAt: now })
        .where(and(eq(checkoutSession.id, row.sessionId), eq(checkoutSession.status, "processing")));
    }
    return { found: true as const, order: current, changed: true };
  });
}

/** The order a provider's browser return is about, with its session's redirect, by order id (NOT_FOUND if none). */
export async function findOrderForReturn(db: Database, orderId: string) {
  const [row] = await db
    .select({ order, redirectUrl: checkoutSession.redirectUrl })
    .from(order)
    .leftJoin(checkoutSession, eq(checkoutSession.id, order.sessionId))
    .where(eq(order.id, orderId));
  if (!row) throw notFound("Order", orderId);
  return row;
}
