/**
 * Realistic checkout history for demo projects and benchmarks: sessions over the last
 * N days (growing volume, daily rhythm), their customers, and orders for the share
 * that reached a gateway. Inserted in large batches so 1,000,000 sessions take minutes.
 */
import { checkoutSession, customer, order, sandboxPayment, type FieldLocks, type OrderStatus, type SessionStatus } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { bulkInsert } from "~db/bulk";
import type { Database } from "~/lib/db.server";
import { randomBase62, sha256Hex } from "~/lib/crypto.server";
import { CRYPTO_CURRENCIES, FIAT_USD_RATE, GATEWAYS, PAYMENT_METHODS, gatewayById, gatewaySupports, paymentMethodsFor } from "~/gateways/catalogue";
import { callbackUrl } from "~/gateways/adapter.server";
import { createRandom, type Random } from "./random";

export interface HistoryOptions {
  projectId: string;
  mode: Mode;
  sessions: number;
  days?: number;
  now?: Date;
  seed?: number;
  batchSize?: number;
  /** Batches written at once (default 2; PGlite runs them one after another anyway). */
  concurrency?: number;
  onProgress?: (inserted: number) => void;
  /**
   * Also write the sandbox provider's record of each order (the demo does): without it the
   * provider knows nothing of the order, and refunding a demo order from the console fails.
   */
  sandboxPayments?: boolean;
}

const SANDBOX_STATUS: Partial<Record<OrderStatus, (typeof sandboxPayment.$inferInsert)["status"]>> = {
  processing: "pending",
  completed: "approved",
  failed: "declined",
  refunded: "refunded",
};

/** The sandbox provider's side of a generated order, as createSandboxPayment would have kept it. */
function sandboxPaymentOf(row: typeof order.$inferInsert): typeof sandboxPayment.$inferInsert {
  return {
    id: row.providerOrderId!,
    gatewayId: row.gatewayId,
    partnerOrderId: row.id!,
    fiatCurrency: row.sourceCurrency,
    fiatAmount: row.sourceAmount,
    cryptoCurrency: row.destinationCurrency,
    cryptoAmount: row.destinationAmount!,
    network: row.network,
    walletAddress: row.destinationAddress!,
    email: row.email ?? null,
    status: SANDBOX_STATUS[row.status!] ?? "pending",
    callbackUrl: callbackUrl(gatewayById(row.gatewayId)!),
    transactionHash: row.transactionHash ?? null,
    expiresAt: row.checkoutExpiresAt!,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const HEX = "0123456789abcdef";
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const PAIRS = CRYPTO_CURRENCIES.flatMap((c) => c.networks.map((network) => ({ currency: c, network })));
const PAIR_WEIGHTS = PAIRS.map((p) => {
  const weight = p.currency.code === "USDC" ? 5 : p.currency.code === "ETH" ? 4 : p.currency.code === "BTC" ? 6 : p.currency.code === "SOL" ? 3 : 1.5;
  return [p, weight] as const;
});

function address(random: Random, network: string): string {
  if (network === "bitcoin") return `bc1q${random.chars("023456789acdefghjklmnpqrstuvwxyz", 38)}`;
  if (network === "solana") return random.chars(BASE58, 44);
  return `0x${random.chars(HEX, 40)}`;
}

function txHash(random: Random, network: string): string {
  if (network === "bitcoin") return random.chars(HEX, 64);
  if (network === "solana") return random.chars(BASE58, 88);
  return `0x${random.chars(HEX, 64)}`;
}

/** A time in the window, denser towards `now` (the business is growing) and by day. */
function createdAtIn(random: Random, now: number, days: number): Date {
  const span = days * 86_400_000;
  // Inverse-CDF of a ramp: more sessions recently.
  const age = span * (1 - Math.sqrt(random.next()));
  const t = new Date(now - age);
  // Fold night hours (UTC 0–6) into the afternoon half the time: a daily rhythm.
  if (t.getUTCHours() < 6 && random.next() < 0.5) t.setUTCHours(t.getUTCHours() + 12);
  return t.getTime() > now ? new Date(now - random.int(1, 60_000)) : t;
}

function sessionStatusFor(random: Random, ageMs: number): SessionStatus {
  if (ageMs < 30 * 60_000) {
    return random.weighted([
      ["pending", 5],
      ["confirmed", 2],
      ["processing", 3],
      ["completed", 4],
      ["cancelled", 0.3],
    ] as const);
  }
  if (ageMs < 3 * 3_600_000) {
    return random.weighted([
      ["processing", 1],
      ["completed", 12],
      ["expired", 5],
      ["failed", 2],
      ["cancelled", 1],
    ] as const);
  }
  return random.weighted([
    ["completed", 48],
    ["expired", 24],
    ["failed", 9],
    ["cancelled", 6],
  ] as const);
}

/** Rough market share of each gateway in the demo history. */
const GATEWAY_SHARE: Record<string, number> = { banxa: 5, moonpay: 3, transak: 3, mercuryo: 2 };

const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

/**
 * The wanted status, stepped back until every step it implies has happened by `now`
 * (a session created a minute ago cannot be completed yet), so no timestamp is in the future.
 */
function reachableStatus(
  wanted: SessionStatus,
  now: number,
  at: { confirmed: Date; processing: Date; finished: Date; expiresAt: Date; cancelled: Date },
): SessionStatus {
  const past = (date: Date) => date.getTime() <= now;
  let status = wanted;
  if ((status === "completed" || status === "failed") && !past(at.finished)) status = "processing";
  if (status === "processing" && !past(at.processing)) status = "confirmed";
  if (status === "confirmed" && !past(at.confirmed)) status = "pending";
  if (status === "expired" && !past(at.expiresAt)) status = "pending";
  if (status === "cancelled" && !past(at.cancelled)) status = "pending";
  return status;
}

export async function generateHistory(db: Database, options: HistoryOptions) {
  const random = createRandom(options.seed ?? Date.now());
  const now = (options.now ?? new Date()).getTime();
  const days = options.days ?? 90;
  const batchSize = options.batchSize ?? 2000;
  const customerCount = Math.max(20, Math.round(options.sessions / 4));
  // Customer ids and external ids must not collide with an earlier run's.
  const runTag = randomBase62(8).slice(0, 6);

  // Customers first: sessions reference them.
  const customers: { id: string; externalId: string; email: string }[] = [];
  for (let i = 0; i < customerCount; i++) {
    customers.push({
      id: `cust_${runTag}${random.chars(ID_CHARS, 18)}`,
      externalId: `player_${runTag}_${i + 1}`,
      email: `player${i + 1}.${runTag.toLowerCase()}@example.com`,
    });
  }
  for (let i = 0; i < customers.length; i += 5000) {
    const slice = customers.slice(i, i + 5000);
    await bulkInsert(
      db,
      customer,
      slice.map((c) => ({
        id: c.id,
        projectId: options.projectId,
        mode: options.mode,
        externalId: c.externalId,
        email: c.email,
        createdAt: new Date(now - days * 86_400_000),
      })),
    );
  }

  let generated = 0;
  let inserted = 0;
  // Generate the next batch while the database writes earlier ones: on PostgreSQL two
  // batches are written at once on two connections (index upkeep is the bottleneck).
  const maxInFlight = options.concurrency ?? 2;
  const writing: Promise<void>[] = [];
  let failure: unknown = null;
  while (generated < options.sessions) {
    const count = Math.min(batchSize, options.sessions - generated);
    generated += count;
    const sessionRows: (typeof checkoutSession.$inferInsert)[] = [];
    const orderRows: (typeof order.$inferInsert)[] = [];
    for (let i = 0; i < count; i++) {
      // Let the previous batch's queries make progress on the event loop meanwhile.
      if (i % 250 === 0) await new Promise((resolve) => setImmediate(resolve));
      const createdAt = createdAtIn(random, now, days);
      const ageMs = now - createdAt.getTime();
      const wanted = sessionStatusFor(random, ageMs);
      const owner = random.pick(customers);
      const pair = random.weighted(PAIR_WEIGHTS);
      const fiat = random.weighted([
        ["USD", 55],
        ["EUR", 30],
        ["GBP", 15],
      ] as const);
      // Log-normal-ish amounts between 30 and ~5000, rounded like people type them.
      const raw = Math.exp(3.4 + random.next() * 2.2 + random.next() * 1.6);
      const amount = Math.max(30, Math.min(15000, raw < 200 ? Math.round(raw / 5) * 5 : Math.round(raw / 50) * 50));
      const wallet = address(random, pair.network);
      const sessionId = `sess_${runTag}${random.chars(ID_CHARS, 18)}`;
      const withMetadata = random.next() < 0.6;
      const metadata = withMetadata
        ? { partnerOrderId: `game_purchase_${random.int(100, 999999)}`, itemId: random.pick(["sword_of_destiny", "gold_pack_500", "season_pass", "skin_neon"]) }
        : {};
      const lockAmount = random.next() < 0.8;
      const fieldLocks: FieldLocks = {
        sourceCurrency: { locked: true },
        destinationCurrency: { locked: true },
        network: { locked: true },
        destinationAddress: { locked: true },
        ...(lockAmount ? { sourceAmount: { locked: true } } : { sourceAmount: { locked: false, min: "30", max: "5000" } }),
      };
      const ttl = 1800_000;
      const expiresAt = plus(createdAt, ttl);
      const stamps: Partial<typeof checkoutSession.$inferInsert> = {};
      const confirmed = plus(createdAt, random.int(20, 300) * 1000);
      const processing = plus(confirmed, random.int(10, 240) * 1000);
      const finished = plus(processing, random.int(120, 1800) * 1000);
      const cancelled = plus(createdAt, random.int(30, 1200) * 1000);
      const status = reachableStatus(wanted, now, { confirmed, processing, finished, expiresAt, cancelled });
      if (status !== "pending" && status !== "expired" && status !== "cancelled") stamps.confirmedAt = confirmed;
      if (["processing", "completed", "failed"].includes(status)) stamps.processingAt = processing;
      if (status === "completed") stamps.completedAt = finished;
      if (status === "failed") stamps.failedAt = finished;
      if (status === "expired") stamps.expiredAt = expiresAt;
      if (status === "cancelled") stamps.cancelledAt = cancelled;

      const country = random.weighted([
        ["US", 40],
        ["GB", 15],
        ["DE", 15],
        ["FR", 10],
        ["ES", 8],
        ["NL", 7],
        ["CA", 5],
      ] as const);
      sessionRows.push({
        id: sessionId,
        projectId: options.projectId,
        mode: options.mode,
        type: "onramp",
        status,
        customerId: owner.id,
        externalCustomerId: owner.externalId,
        sourceAmount: String(amount),
        sourceCurrency: fiat,
        destinationCurrency: pair.currency.code,
        network: pair.network,
        destinationAddress: wallet,
        redirectUrl: "https://acme-games.example/payment-complete",
        country,
        fieldLocks,
        metadata,
        clientSecretHash: sha256Hex(`${sessionId}_demo`),
        expiresAt,
        createdAt,
        updatedAt: stamps.completedAt ?? stamps.failedAt ?? stamps.cancelledAt ?? stamps.expiredAt ?? createdAt,
        ...stamps,
      });

      if (status === "processing" || status === "completed" || status === "failed") {
        // Only gateways that really serve this route and country, as the quote engine would pick.
        const able = GATEWAYS.filter((g) => gatewaySupports(g, { fiat, crypto: pair.currency.code, network: pair.network, country }));
        const candidates = able.length ? able : GATEWAYS;
        const gateway = random.weighted(candidates.map((g) => [g, GATEWAY_SHARE[g.id] ?? 1] as const));
        const methods = paymentMethodsFor(gateway, fiat);
        const fiatUsd = amount * FIAT_USD_RATE[fiat]!;
        const gatewayFee = +(amount * (gateway.feePercent / 100)).toFixed(2);
        const networkFee = pair.network === "ethereum" ? 2.5 : pair.network === "bitcoin" ? 3.1 : 0.1;
        const price = pair.currency.usdPrice * (0.97 + random.next() * 0.06);
        const rate = FIAT_USD_RATE[fiat]! / price;
        const cryptoAmount = ((fiatUsd - (gatewayFee + networkFee) * FIAT_USD_RATE[fiat]!) / price).toFixed(pair.currency.code === "BTC" ? 8 : 6);
        const refunded = status === "completed" && random.next() < 0.03;
        const orderStatus: OrderStatus = status === "processing" ? "processing" : status === "failed" ? "failed" : refunded ? "refunded" : "completed";
        const orderId = `ord_${runTag}${random.chars(ID_CHARS, 18)}`;
        const providerOrderId = `${gateway.id}-${random.chars(HEX, 16)}`;
        orderRows.push({
          id: orderId,
          projectId: options.projectId,
          mode: options.mode,
          sessionId,
          customerId: owner.id,
          externalCustomerId: owner.externalId,
          type: "buy",
          status: orderStatus,
          gatewayId: gateway.id,
          providerOrderId,
          paymentMethod: methods.length ? random.pick(methods) : random.pick(PAYMENT_METHODS).id,
          email: owner.email,
          sourceCurrency: fiat,
          sourceAmount: String(amount),
          destinationCurrency: pair.currency.code,
          destinationAmount: cryptoAmount,
          network: pair.network,
          destinationAddress: wallet,
          rate: rate.toFixed(10),
          gatewayFee: gatewayFee.toFixed(2),
          networkFee: networkFee.toFixed(2),
          metadata: {
            provider: gateway.id,
            providerOrderId,
            email: owner.email,
            paymentMethodId: null,
            partnerMetadata: metadata,
          },
          checkoutMethod: "redirect",
          // Test orders were paid on the sandbox's page; live ones at the gateway, long expired (not kept).
          checkoutUrl: options.mode === "test" ? `/sandbox/${gateway.id}/pay/${providerOrderId}` : null,
          checkoutExpiresAt: plus(processing, 1800_000),
          transactionId: orderStatus === "completed" || orderStatus === "refunded" ? `txn_${runTag}${random.chars(ID_CHARS, 18)}` : null,
          transactionHash: orderStatus === "completed" || orderStatus === "refunded" ? txHash(random, pair.network) : null,
          failureReason: orderStatus === "failed" ? random.pick(["card_declined", "kyc_rejected", "insufficient_funds", "risk_check_failed"]) : null,
          eventSequence: orderStatus === "processing" ? 2 : 3,
          processingAt: processing,
          completedAt: orderStatus === "completed" || orderStatus === "refunded" ? finished : null,
          failedAt: orderStatus === "failed" ? finished : null,
          refundedAt: refunded ? new Date(Math.min(now, finished.getTime() + 86_400_000)) : null,
          createdAt: processing,
          updatedAt: orderStatus === "processing" ? processing : finished,
        });
      }
    }
    while (writing.length >= maxInFlight) await writing.shift();
    if (failure) throw failure;
    writing.push(
      db
        .transaction(async (tx) => {
          await bulkInsert(tx, checkoutSession, sessionRows);
          await bulkInsert(tx, order, orderRows);
          // Never for live orders: the sandbox serves test mode only.
          if (options.sandboxPayments && options.mode === "test") await bulkInsert(tx, sandboxPayment, orderRows.map(sandboxPaymentOf));
        })
        .then(() => {
          inserted += count;
          options.onProgress?.(inserted);
        })
        .catch((error: unknown) => {
          failure ??= error;
        }),
    );
  }
  await Promise.all(writing);
  if (failure) throw failure;
  return { sessions: inserted, customers: customers.length };
}
