/**
 * The sandbox provider: what a real gateway runs on its side, simulated for test mode
 * (and for every gateway of this demo). Its API creates a payment and answers with a
 * checkout URL; its payment page lets a tester approve or decline; it then calls the
 * platform back, signed, and sends the browser to the return URL. Its refund API returns
 * an approved payment and calls back again.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { order, sandboxPayment } from "~db/schema";
import { gatewayById, type Gateway } from "~/gateways/catalogue";
import { randomBase62 } from "~/lib/crypto.server";
import type { Database } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { DomainError, invalidState, validationError } from "~/lib/domain-error";
import { priceQuote, priceSell } from "~/quotes/pricing";
import { providerFetch } from "./http.server";
import { signCallback } from "./signing.server";

const PAYMENT_TTL_MS = 30 * 60 * 1000;

/**
 * Like a payment provider's test cards: an order for this email makes the sandbox answer
 * 503 (SERVICE_UNAVAILABLE; the platform's adapter reports GATEWAY_UNAVAILABLE), so a tester (and the checkout's end-to-end test) can see how a failing gateway looks.
 */
export const SANDBOX_OUTAGE_EMAIL = /^sandbox-outage(\+[^@]*)?@/i;

/**
 * With SANDBOX_SHORT_DEPOSIT_WINDOW_SECONDS set (never by default), a sandbox sale placed with this email waits that
 * long for its deposit: the hosted checkout's end-to-end test watches a deposit time out.
 */
export const SANDBOX_SHORT_DEPOSIT_EMAIL = /^sandbox-deposit-timeout(\+[^@]*)?@/i;

export const createPaymentSchema = z.object({
  partnerOrderId: z.string().min(1),
  fiatCurrency: z.string(),
  fiatAmount: z.string(),
  cryptoCurrency: z.string(),
  network: z.string(),
  walletAddress: z.string().min(1),
  email: z.string().nullish(),
  callbackUrl: z.string().url(),
  returnUrl: z.string().url().nullish(),
});

/** A sell (off-ramp): the customer will send `cryptoAmount` to the sandbox's deposit address. */
export const createSalePaymentSchema = z.object({
  type: z.literal("sell"),
  partnerOrderId: z.string().min(1),
  fiatCurrency: z.string(),
  cryptoCurrency: z.string(),
  cryptoAmount: z.string(),
  network: z.string(),
  refundAddress: z.string().min(1),
  email: z.string().nullish(),
  payoutMethod: z.string().nullish(),
  callbackUrl: z.string().url(),
  returnUrl: z.string().url().nullish(),
});

export const refundPaymentSchema = z.object({
  /** Our order id: the provider checks it names the same payment, as a second key. */
  partnerOrderId: z.string().min(1),
  reason: z.string().max(500).nullish(),
});

/** A body the sandbox's API can't take: VALIDATION_ERROR, one detail per issue. */
function invalidBody(error: z.ZodError) {
  const details = error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message }));
  return validationError(details, error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
}

const noSuchPayment = () => new DomainError("NOT_FOUND", "No such payment.");

/**
 * The sandbox is test mode only: a payment for (or naming) a live order is refused, whoever asks.
 * Checked against our order table, as the sandbox runs inside the platform; a payment naming
 * no order of ours (a partner's own test) is served as before.
 */
function sandboxRefusesLive() {
  return new DomainError("FORBIDDEN", "The sandbox serves test mode only: it never creates, pays, refunds or calls back for a live order.");
}

async function assertNotLive(db: Database, partnerOrderId: string) {
  const [row] = await db.select({ mode: order.mode }).from(order).where(eq(order.id, partnerOrderId));
  if (row?.mode === "live") throw sandboxRefusesLive();
}

export function sandboxGateway(gatewayId: string): Gateway {
  const gateway = gatewayById(gatewayId);
  if (!gateway) throw new DomainError("NOT_FOUND", `No sandbox gateway ${gatewayId}.`);
  return gateway;
}

/**
 * How long a sandbox sale waits for its deposit: the gateway's window, or SANDBOX_DEPOSIT_WINDOW_SECONDS
 * (tests and demos that want to see a deposit time out).
 */
export function sandboxDepositWindowMs(gateway: Gateway, email: string | null = null) {
  // Off unless set: a browser suite gives one sale (by its email) a short window without shortening all of them.
  const short = Number(process.env.SANDBOX_SHORT_DEPOSIT_WINDOW_SECONDS);
  if (email && SANDBOX_SHORT_DEPOSIT_EMAIL.test(email) && Number.isFinite(short) && short > 0) return short * 1000;
  const override = Number(process.env.SANDBOX_DEPOSIT_WINDOW_SECONDS);
  if (Number.isFinite(override) && override > 0) return override * 1000;
  return (gateway.sell?.depositWindowMinutes ?? 30) * 60 * 1000;
}

/** A deposit address of the sandbox on a network: well-formed, owned by nobody. */
function sandboxDepositAddress(network: string) {
  if (network === "bitcoin") return "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
  if (network === "solana") return "So11111111111111111111111111111111111111112";
  return `0x${Buffer.from(randomBase62(20)).toString("hex").slice(0, 40)}`;
}

/** What every payment request passes first: a valid body, an order of test mode, no simulated outage. */
async function acceptPaymentRequest<T extends { partnerOrderId: string; email?: string | null }>(
  db: Database,
  schema: z.ZodType<T>,
  body: unknown,
): Promise<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidBody(parsed.error);
  await assertNotLive(db, parsed.data.partnerOrderId);
  if (parsed.data.email && SANDBOX_OUTAGE_EMAIL.test(parsed.data.email))
    throw new DomainError("SERVICE_UNAVAILABLE", "Simulated outage (sandbox-outage@ email).");
  return parsed.data;
}

/** The catalogue's price, or the request's fault (an amount outside the limits, a pair not offered). */
function priceOrRefuse<T>(what: "order" | "sale", price: () => T): T {
  try {
    return price();
  } catch (error) {
    throw new DomainError("VALIDATION_ERROR", error instanceof Error ? error.message : `Cannot price this ${what}.`);
  }
}

async function createSandboxSale(db: Database, gateway: Gateway, body: unknown) {
  const input = await acceptPaymentRequest(db, createSalePaymentSchema, body);
  const priced = priceOrRefuse("sale", () =>
    priceSell(gateway, { crypto: input.cryptoCurrency, network: input.network, cryptoAmount: input.cryptoAmount, fiat: input.fiatCurrency }),
  );
  const id = `${gateway.id}-${randomBase62(12).slice(0, 16)}`;
  const now = Date.now();
  const depositExpiresAt = new Date(now + sandboxDepositWindowMs(gateway, input.email ?? null));
  const depositAddress = sandboxDepositAddress(input.network);
  await db.insert(sandboxPayment).values({
    id,
    gatewayId: gateway.id,
    type: "sell",
    partnerOrderId: input.partnerOrderId,
    fiatCurrency: input.fiatCurrency,
    fiatAmount: priced.fiatAmount,
    cryptoCurrency: input.cryptoCurrency,
    cryptoAmount: priced.cryptoAmount,
    network: input.network,
    // The customer's own wallet: for a sale, where the crypto goes back if the payout is declined.
    walletAddress: input.refundAddress,
    email: input.email ?? null,
    callbackUrl: input.callbackUrl,
    returnUrl: input.returnUrl ?? null,
    depositAddress,
    depositExpiresAt,
    expiresAt: depositExpiresAt,
  });
  return {
    providerOrderId: id,
    status: "pending",
    checkoutMethod: gateway.checkoutMethod,
    checkoutUrl: `${env().BASE_URL}/sandbox/${gateway.id}/pay/${id}`,
    expiresAt: depositExpiresAt.toISOString(),
    depositAddress,
    depositExpiresAt: depositExpiresAt.toISOString(),
    rate: priced.rate,
    cryptoAmount: priced.cryptoAmount,
    fiatAmount: priced.fiatAmount,
    fees: priced.fees,
  };
}

export async function createSandboxPayment(db: Database, gatewayId: string, body: unknown) {
  const gateway = sandboxGateway(gatewayId);
  if ((body as { type?: unknown } | null)?.type === "sell") return createSandboxSale(db, gateway, body);
  const input = await acceptPaymentRequest(db, createPaymentSchema, body);
  const priced = priceOrRefuse("order", () =>
    priceQuote(gateway, { fiat: input.fiatCurrency, crypto: input.cryptoCurrency, network: input.network, fiatAmount: input.fiatAmount }),
  );
  const id = `${gateway.id}-${randomBase62(12).slice(0, 16)}`;
  const expiresAt = new Date(Date.now() + PAYMENT_TTL_MS);
  await db.insert(sandboxPayment).values({
    id,
    gatewayId: gateway.id,
    partnerOrderId: input.partnerOrderId,
    fiatCurrency: input.fiatCurrency,
    fiatAmount: priced.fiatAmount,
    cryptoCurrency: input.cryptoCurrency,
    cryptoAmount: priced.cryptoAmount,
    network: input.network,
    walletAddress: input.walletAddress,
    email: input.email ?? null,
    callbackUrl: input.callbackUrl,
    returnUrl: input.returnUrl ?? null,
    expiresAt,
  });
  return {
    providerOrderId: id,
    status: "pending",
    checkoutMethod: gateway.checkoutMethod,
    checkoutUrl: `${env().BASE_URL}/sandbox/${gateway.id}/pay/${id}`,
    expiresAt: expiresAt.toISOString(),
    rate: priced.rate,
    fiatAmount: priced.fiatAmount,
    cryptoAmount: priced.cryptoAmount,
    fees: priced.fees,
  };
}

export async function getSandboxPayment(db: Database, gatewayId: string, paymentId: string) {
  const [row] = await db
    .select()
    .from(sandboxPayment)
    .where(and(eq(sandboxPayment.id, paymentId), eq(sandboxPayment.gatewayId, gatewayId)));
  return row ?? null;
}

/** A payment with its gateway, for the payment page: NOT_FOUND for an unknown gateway or payment. */
export async function findSandboxPayment(db: Database, gatewayId: string, paymentId: string) {
  const gateway = sandboxGateway(gatewayId);
  const payment = await getSandboxPayment(db, gateway.id, paymentId);
  if (!payment) throw noSuchPayment();
  await assertNotLive(db, payment.partnerOrderId);
  return { gateway, payment };
}

function fakeTransactionHash(network: string) {
  const hex = Buffer.from(randomBase62(48)).toString("hex").slice(0, 64);
  if (network === "bitcoin") return hex;
  if (network === "solana") return randomBase62(64).slice(0, 88);
  return `0x${hex}`;
}

/**
 * The tester's decision on the payment page. Calls the platform back (signed) and returns
 * where to send the browser. A second decision on the same payment changes nothing.
 */
export type SandboxDecision = "approve" | "decline" | "sent";

export async function decideSandboxPayment(db: Database, gatewayId: string, paymentId: string, decision: SandboxDecision) {
  const payment = await getSandboxPayment(db, gatewayId, paymentId);
  if (!payment) throw noSuchPayment();
  await assertNotLive(db, payment.partnerOrderId);
  if (payment.type === "sell") return decideSandboxSale(db, payment, decision);
  if (decision === "sent") throw invalidState("Only a sale waits for a deposit.");
  if (payment.status === "pending") {
    if (payment.expiresAt < new Date()) throw new DomainError("EXPIRED", "This payment has expired. Start again from the checkout.");
    const status = decision === "approve" ? "approved" : "declined";
    const transactionHash = decision === "approve" ? fakeTransactionHash(payment.network) : null;
    await db
      .update(sandboxPayment)
      .set({ status, transactionHash, updatedAt: new Date() })
      .where(and(eq(sandboxPayment.id, payment.id), eq(sandboxPayment.status, "pending")));
    await sendCallback({ ...payment, status, transactionHash });
  }
  return payment.returnUrl;
}

/**
 * A sale's steps on the sandbox page: the tester marks the deposit **Sent** (pending → deposited, before the
 * deadline; the platform hears `processing`), then **Approve payout** (→ approved: `completed`) or **Decline
 * payout** (→ refunded: the crypto goes back to the customer, `refunded`). Repeating a step changes nothing.
 * The browser goes back only once the sale has ended.
 */
async function decideSandboxSale(db: Database, payment: typeof sandboxPayment.$inferSelect, decision: SandboxDecision) {
  const move = async (from: "pending" | "deposited", to: "deposited" | "approved" | "refunded", transactionHash: string | null) => {
    const [moved] = await db
      .update(sandboxPayment)
      .set({ status: to, transactionHash, updatedAt: new Date() })
      .where(and(eq(sandboxPayment.id, payment.id), eq(sandboxPayment.status, from)))
      .returning();
    if (moved) await sendCallback(moved, to === "refunded" ? "payout_declined" : null);
  };
  if (decision === "sent") {
    if (payment.status !== "pending") return null;
    if (payment.depositExpiresAt && payment.depositExpiresAt < new Date()) {
      throw new DomainError("EXPIRED", "The deposit window has closed: this sale has expired. Start again from the checkout.");
    }
    // The deposit's on-chain hash, kept as the sale's transaction hash.
    await move("pending", "deposited", fakeTransactionHash(payment.network));
    return null;
  }
  if (payment.status === "pending") throw invalidState("Mark the deposit as sent first.");
  if (payment.status === "deposited") await move("deposited", decision === "approve" ? "approved" : "refunded", payment.transactionHash);
  return payment.returnUrl;
}

/**
 * The provider's refund API: an approved payment is refunded once. Asking again answers the
 * same refund and repeats the callback (so a callback that got lost heals on a retry). The
 * callback goes out before the answer, as some gateways do; the platform copes with either order.
 */
export async function refundSandboxPayment(db: Database, gatewayId: string, paymentId: string, body: unknown) {
  const gateway = sandboxGateway(gatewayId);
  const parsed = refundPaymentSchema.safeParse(body);
  if (!parsed.success) throw invalidBody(parsed.error);
  const payment = await getSandboxPayment(db, gateway.id, paymentId);
  if (!payment || payment.partnerOrderId !== parsed.data.partnerOrderId) throw noSuchPayment();
  await assertNotLive(db, payment.partnerOrderId);
  // Conditional, so of two racing refunds only one changes the payment.
  await db
    .update(sandboxPayment)
    .set({ status: "refunded", updatedAt: new Date() })
    .where(and(eq(sandboxPayment.id, payment.id), eq(sandboxPayment.status, "approved")));
  const current = (await getSandboxPayment(db, gateway.id, payment.id))!;
  if (current.status !== "refunded") throw invalidState(`Only an approved payment can be refunded; this one is ${current.status}.`);
  await sendCallback(current, parsed.data.reason ?? null);
  return { providerOrderId: current.id, status: "refunded" as const, refundedAt: current.updatedAt.toISOString() };
}

const CALLBACK_STATUS = { deposited: "processing", approved: "completed", declined: "failed", refunded: "refunded" } as const;

async function sendCallback(payment: typeof sandboxPayment.$inferSelect, refundReason: string | null = null) {
  if (payment.status === "pending") return;
  const body = JSON.stringify({
    type: payment.type,
    providerOrderId: payment.id,
    partnerOrderId: payment.partnerOrderId,
    status: CALLBACK_STATUS[payment.status],
    fiatAmount: payment.fiatAmount,
    fiatCurrency: payment.fiatCurrency,
    cryptoAmount: payment.cryptoAmount,
    cryptoCurrency: payment.cryptoCurrency,
    network: payment.network,
    walletAddress: payment.walletAddress,
    transactionHash: payment.transactionHash,
    ...(payment.type === "sell" ? { depositAddress: payment.depositAddress } : {}),
    failureReason: payment.status === "declined" ? "payment_declined" : null,
    ...(payment.status === "refunded" ? { refundReason } : {}),
  });
  try {
    const response = await providerFetch(payment.callbackUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...signCallback(body) },
      body,
    });
    if (!response.ok) logger.warn("sandbox.callback_refused", { paymentId: payment.id, status: response.status });
  } catch (error) {
    logger.warn("sandbox.callback_failed", { paymentId: payment.id, error: error instanceof Error ? error.message : String(error) });
  }
}
