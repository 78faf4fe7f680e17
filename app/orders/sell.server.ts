/**
 * Sell orders (off-ramp, docs/api-contract.md#sell-orders): the customer sends an exact crypto amount to the
 * gateway's deposit address before a deadline and is paid out in fiat. Placed from an `offramp` session (one
 * per session, however many requests race) or a checkout-intent with `orderType: "sell"`.
 *
 * Statuses on the order model: created = awaiting deposit, processing = deposit received, completed = payout
 * sent, failed, expired = the deposit never arrived in time, refunded = the crypto was returned.
 */
import { and, eq, lte, sql } from "drizzle-orm";
import { checkoutSession, order, type OrderMetadata } from "~db/schema";
import { findOrCreateCustomer } from "~/customers/customers.server";
import { recordEvent } from "~/events/events.server";
import type { AdapterSellOrder } from "~/gateways/adapters/types";
import { CRYPTO_CURRENCIES, gatewayById, sellFiatLimit, sellRoute, unsupportedSellReason, type Gateway } from "~/gateways/catalogue";
import { requireConnection, withHealth } from "~/gateways/connections.server";
import { listEnabledGateways } from "~/gateways/settings.server";
import type { ProjectContext } from "~/lib/context";
import type { Database, Executor } from "~/lib/db.server";
import { DomainError, type ErrorCode, type ErrorDetail } from "~/lib/domain-error";
import { newId } from "~/lib/ids";
import { compareDecimal, priceSell } from "~/quotes/pricing";
import { cryptoAmountPrecisionProblem } from "~/sessions/schemas";
import { isValidWalletAddress } from "~/sessions/wallet-address.server";
import { returnUrlFor, saveSessionOrder } from "./orders.server";
import type { SellCheckoutIntentInput, SessionOrderInput } from "./schemas";
import { webhookOrder } from "./serialize";

type OrderRow = typeof order.$inferSelect;
type SessionRow = typeof checkoutSession.$inferSelect;

export interface SellValues {
  cryptoAmount: string;
  cryptoCurrency: string;
  network: string;
  fiatCurrency: string;
  refundAddress: string;
  country: string | null;
}

function fail(code: ErrorCode, field: string, message: string): never {
  throw new DomainError(code, message, [{ field, message }]);
}

/** A buy session's order takes none of a sell's fields: say so rather than ignore them. */
export function refuseSellFields(input: SessionOrderInput) {
  const details: ErrorDetail[] = (["cryptoAmount", "refundAddress", "payoutMethod"] as const)
    .filter((field) => input[field] !== undefined)
    .map((field) => ({ field, message: `${field} is for sell (offramp) sessions only.` }));
  if (details.length) throw new DomainError("VALIDATION_ERROR", "Missing or invalid fields in the request body.", details);
}

/** Order values from a sell session, with the request's values where the session leaves them open. */
function valuesFromSellSession(session: SessionRow, input: SessionOrderInput): SellValues {
  const details: ErrorDetail[] = (["fiatAmount", "walletAddress", "paymentMethod"] as const)
    .filter((field) => input[field] !== undefined)
    .map((field) => ({
      field,
      message:
        field === "fiatAmount"
          ? "A sell is for an exact crypto amount: send cryptoAmount."
          : field === "walletAddress"
            ? "A sell takes refundAddress (where crypto is returned if the sale fails)."
            : "A sell is paid out: send payoutMethod.",
    }));
  const pairs: [keyof SessionOrderInput, keyof SessionRow, keyof SellValues][] = [
    ["cryptoAmount", "sourceAmount", "cryptoAmount"],
    ["cryptoCurrency", "sourceCurrency", "cryptoCurrency"],
    ["fiatCurrency", "destinationCurrency", "fiatCurrency"],
    ["network", "network", "network"],
    ["refundAddress", "refundAddress", "refundAddress"],
  ];
  const values: Partial<SellValues> = { country: session.country };
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
  // Stored amounts come back from numeric without trailing zeros; compare as numbers.
  const bounds = session.fieldLocks.sourceAmount;
  const amount = values.cryptoAmount!;
  if (
    bounds &&
    ((bounds.min !== undefined && compareDecimal(amount, bounds.min) < 0) || (bounds.max !== undefined && compareDecimal(amount, bounds.max) > 0))
  ) {
    fail("INVALID_AMOUNT", "cryptoAmount", `cryptoAmount must be between ${bounds.min ?? "0"} and ${bounds.max ?? "any amount"}.`);
  }
  return values as SellValues;
}

function checkSellValues(values: SellValues, mode: ProjectContext["mode"]) {
  const crypto = CRYPTO_CURRENCIES.find((c) => c.code === values.cryptoCurrency)!;
  if (!(crypto.networks as readonly string[]).includes(values.network)) {
    fail("INVALID_NETWORK", "network", `${values.cryptoCurrency} is not available on ${values.network}.`);
  }
  const precision = cryptoAmountPrecisionProblem(values.cryptoAmount, values.cryptoCurrency);
  if (precision) fail("INVALID_AMOUNT", "cryptoAmount", precision);
  if (!isValidWalletAddress(values.refundAddress, values.network, mode)) {
    fail("INVALID_WALLET_ADDRESS", "refundAddress", `${values.refundAddress} is not a valid ${values.network} address.`);
  }
}

/** The gateway, if it is enabled for this project and mode and buys this crypto back for this fiat, here. */
async function chooseSellGateway(ctx: ProjectContext, gatewayId: string, values: SellValues, payoutMethod: string | undefined) {
  const gateway = gatewayById(gatewayId);
  if (!gateway) fail("INVALID_GATEWAY", "gateway", `Unknown gateway ${gatewayId}.`);
  const enabled = await listEnabledGateways(ctx.db, ctx.projectId, ctx.mode);
  if (!enabled.some((g) => g.id === gateway.id)) fail("INVALID_GATEWAY", "gateway", `${gateway.name} is not enabled for this project in ${ctx.mode} mode.`);
  const query = {
    crypto: values.cryptoCurrency,
    network: values.network,
    fiat: values.fiatCurrency,
    ...(values.country ? { country: values.country } : {}),
    ...(payoutMethod ? { payoutMethod } : {}),
  };
  const reason = unsupportedSellReason(gateway, query);
  if (reason) fail("INVALID_GATEWAY", "gateway", reason);
  const route = sellRoute(gateway, values.cryptoCurrency, values.network)!;
  if (compareDecimal(values.cryptoAmount, route.min) < 0 || compareDecimal(values.cryptoAmount, route.max) > 0) {
    fail("INVALID_AMOUNT", "cryptoAmount", `${gateway.name} buys between ${route.min} and ${route.max} ${values.cryptoCurrency} on ${values.network}.`);
  }
  const priced = priceSell(gateway, { crypto: values.cryptoCurrency, network: values.network, cryptoAmount: values.cryptoAmount, fiat: values.fiatCurrency });
  const limit = sellFiatLimit(gateway, values.fiatCurrency)!;
  if (compareDecimal(priced.fiatAmount, limit.min) < 0 || compareDecimal(priced.fiatAmount, limit.max) > 0) {
    fail(
      "INVALID_AMOUNT",
      "cryptoAmount",
      `${gateway.name} pays out between ${limit.min} and ${limit.max} ${values.fiatCurrency}; this amount pays ${priced.fiatAmount}.`,
    );
  }
  return gateway;
}

/** Checks, then asks the gateway (test: the sandbox; live: its own API) to open the sale. */
async function placeSellWithProvider(
  ctx: ProjectContext,
  values: SellValues,
  input: { gateway: string; email?: string; payoutMethod?: string; customerReference?: string | null },
) {
  checkSellValues(values, ctx.mode);
  const gateway = await chooseSellGateway(ctx, input.gateway, values, input.payoutMethod);
  const { adapter, conn } = await requireConnection(ctx.db, ctx.projectId, gateway.id, ctx.mode);
  if (!adapter.createSellOrder) fail("INVALID_GATEWAY", "gateway", `${gateway.name} sells are not available in ${ctx.mode} mode yet.`);
  const orderId = newId("ord");
  const provider = await withHealth(ctx.db, ctx.projectId, gateway.id, ctx.mode, () =>
    adapter.createSellOrder!(conn, {
      partnerOrderId: orderId,
      cryptoCurrency: values.cryptoCurrency,
      cryptoAmount: values.cryptoAmount,
      network: values.network,
      fiatCurrency: values.fiatCurrency,
      refundAddress: values.refundAddress,
      email: input.email ?? null,
      country: values.country,
      payoutMethod: input.payoutMethod ?? null,
      returnUrl: returnUrlFor(orderId),
      customerReference: input.customerReference ?? null,
    }),
  );
  return { orderId, gateway, provider };
}

function sellRowValues(
  ctx: ProjectContext,
  args: {
    id: string;
    sessionId: string | null;
    customerId: string | null;
    externalCustomerId: string | null;
    values: SellValues;
    gateway: Gateway;
    provider: AdapterSellOrder;
    email: string | null;
    payoutMethod: string | null;
    partnerMetadata: Record<string, unknown>;
  },
): typeof order.$inferInsert {
  const metadata: OrderMetadata = {
    provider: args.gateway.id,
    providerOrderId: args.provider.providerOrderId,
    email: args.email,
    paymentMethodId: args.payoutMethod,
    partnerMetadata: args.partnerMetadata,
  };
  return {
    id: args.id,
    projectId: ctx.projectId,
    mode: ctx.mode,
    sessionId: args.sessionId,
    customerId: args.customerId,
    externalCustomerId: args.externalCustomerId,
    type: "sell",
    status: "created",
    gatewayId: args.gateway.id,
    providerOrderId: args.provider.providerOrderId,
    paymentMethod: args.payoutMethod,
    email: args.email,
    sourceCurrency: args.values.cryptoCurrency,
    sourceAmount: args.provider.cryptoAmount,
    destinationCurrency: args.values.fiatCurrency,
    destinationAmount: args.provider.fiatAmount,
    network: args.values.network,
    destinationAddress: null,
    depositAddress: args.provider.depositAddress,
    depositExpiresAt: new Date(args.provider.depositExpiresAt),
    refundAddress: args.values.refundAddress,
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

/** POST /v1/sessions/:id/order on an offramp session (the caller checked the clientSecret and that it is open). */
export async function createSellOrderFromSession(ctx: ProjectContext, session: SessionRow, input: SessionOrderInput) {
  const values = valuesFromSellSession(session, input);
  const { orderId, gateway, provider } = await placeSellWithProvider(ctx, values, { ...input, customerReference: session.externalCustomerId });
  return saveSessionOrder(
    ctx,
    session,
    sellRowValues(ctx, {
      id: orderId,
      sessionId: session.id,
      customerId: session.customerId,
      externalCustomerId: session.externalCustomerId,
      values,
      gateway,
      provider,
      email: input.email ?? null,
      payoutMethod: input.payoutMethod ?? null,
      partnerMetadata: session.metadata,
    }),
  );
}

/** POST /public/v1/onramp/checkout-intent with `orderType: "sell"`: a sell without a session. */
export async function createSellCheckoutIntentOrder(ctx: ProjectContext, input: SellCheckoutIntentInput) {
  const values: SellValues = {
    cryptoAmount: input.cryptoAmount,
    cryptoCurrency: input.cryptoCurrency,
    network: input.network,
    fiatCurrency: input.fiatCurrency,
    refundAddress: input.refundAddress,
    country: null,
  };
  const { orderId, gateway, provider } = await placeSellWithProvider(ctx, values, { ...input, customerReference: input.externalCustomerId ?? null });
  return ctx.db.transaction(async (tx) => {
    const customer = input.externalCustomerId ? await findOrCreateCustomer(tx, { projectId: ctx.projectId, mode: ctx.mode }, input.externalCustomerId) : null;
    const [created] = await tx
      .insert(order)
      .values(
        sellRowValues(ctx, {
          id: orderId,
          sessionId: null,
          customerId: customer?.id ?? null,
          externalCustomerId: customer?.externalId ?? null,
          values,
          gateway,
          provider,
          email: input.email ?? null,
          payoutMethod: input.payoutMethod ?? null,
          partnerMetadata: input.partnerMetadata ?? {},
        }),
      )
      .returning();
    await recordEvent(tx, { projectId: ctx.projectId, mode: ctx.mode, type: "order.created", orderId, sequence: 1, data: { order: webhookOrder(created!) } });
    return created!;
  });
}

/** Marks one sell order expired with its `order.expired` event; its session follows. Null when it had moved on. */
export async function expireSellOrder(tx: Executor, row: OrderRow, now: Date, sequence: number) {
  const [expired] = await tx
    .update(order)
    .set({ status: "expired", expiredAt: now, updatedAt: now, eventSequence: sequence })
    .where(and(eq(order.id, row.id), eq(order.status, "created")))
    .returning();
  if (!expired) return null;
  if (row.sessionId) {
    await tx
      .update(checkoutSession)
      .set({ status: "expired", expiredAt: now, updatedAt: now })
      .where(and(eq(checkoutSession.id, row.sessionId), eq(checkoutSession.status, "processing")));
  }
  await recordEvent(tx, {
    projectId: row.projectId,
    mode: row.mode,
    type: "order.expired",
    orderId: row.id,
    sessionId: row.sessionId,
    sequence,
    data: { order: webhookOrder(expired) },
  });
  return expired;
}

/**
 * The deposit-deadline sweep: sell orders still awaiting their deposit past `depositExpiresAt` expire
 * (a gateway would stop watching the address; we do not wait for it to say so). SKIP LOCKED lets
 * several instances sweep at once.
 */
export async function expireOverdueSellOrders(db: Database, options: { now?: Date; batchSize?: number } = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(order)
      .where(and(eq(order.type, "sell"), eq(order.status, "created"), lte(order.depositExpiresAt, sql`${sql.param(now, order.depositExpiresAt)}`)))
      .limit(options.batchSize ?? 500)
      .for("update", { skipLocked: true });
    for (const row of due) await expireSellOrder(tx, row, now, row.eventSequence + 1);
    return due.length;
  });
}

/**
 * One sell order past its deposit deadline, expired now rather than at the next sweep: the hosted checkout asks
 * while the customer watches its countdown reach zero. Null when it is not overdue or had moved on.
 */
export async function expireSellOrderIfOverdue(db: Database, orderId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(order)
      .where(
        and(
          eq(order.id, orderId),
          eq(order.type, "sell"),
          eq(order.status, "created"),
          lte(order.depositExpiresAt, sql`${sql.param(now, order.depositExpiresAt)}`),
        ),
      )
      .for("update", { skipLocked: true });
    return row ? expireSellOrder(tx, row, now, row.eventSequence + 1) : null;
  });
}
