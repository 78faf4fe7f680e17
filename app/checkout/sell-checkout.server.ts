/**
 * The hosted checkout of a sell (offramp) session (docs/decisions/0017-off-ramp.md): the customer sells an exact
 * crypto amount, sees ranked sell quotes (fiat received, net of fees) with each gateway's payout methods, gives a
 * refund address where the session has none, and places the one sell order of the session through the API's own
 * functions (confirmSession, then createOrderFromSession → app/orders/sell.server.ts). After that the page is
 * the order's deposit instructions and live status, read here from the order row on every poll.
 */
import QRCode from "qrcode";
import { and, eq } from "drizzle-orm";
import { order, type OrderStatus } from "~db/schema";
import {
  COUNTRIES,
  gatewayById,
  networkById,
  payoutMethodById,
  type CryptoCode,
  type FiatCode,
  type NetworkId,
  type PayoutMethodId,
} from "~/gateways/catalogue";
import type { ProjectContext } from "~/lib/context";
import { DomainError, isDomainError, validationError, type ErrorDetail } from "~/lib/domain-error";
import type { Database } from "~/lib/db.server";
import { createOrderFromSession } from "~/orders/orders.server";
import { expireSellOrderIfOverdue } from "~/orders/sell.server";
import { isCryptoAmount } from "~/quotes/pricing";
import { getSellQuotes, type SellQuoteResult } from "~/quotes/sell-quotes.server";
import { checkoutPickers, type Supported } from "~/quotes/supported.server";
import { confirmOfframpSessionSchema } from "~/sessions/schemas";
import { confirmSession } from "~/sessions/sessions.server";
import { isValidWalletAddress } from "~/sessions/wallet-address.server";
import { withSessionResult } from "./return-url";
import { SELL_FIELDS, type CheckoutChoices, type PlaceOrderInput, type SellField } from "./schemas";
import type { checkoutSession } from "~db/schema";
import type { CheckoutBranding } from "./checkout.server";
import { effectiveValues, fieldViews, type FieldView } from "./field-views.server";

type SessionRow = typeof checkoutSession.$inferSelect;

/** Sell quotes for the customer's current choices, or why there are none yet. */
export type SellQuoteView = ({ ok: true; refreshedAt: string } & SellQuoteResult) | { ok: false; message: string; field?: SellField };

export interface OpenSellCheckout {
  state: "sell";
  sessionId: string;
  projectId: string;
  testMode: boolean;
  expiresAt: string;
  branding: CheckoutBranding;
  fields: Record<SellField, FieldView>;
  countries: { code: string; name: string }[];
  /** Cryptos bought back, fiats paid out, and payout methods (in `paymentMethods`), for the customer's country. */
  supported: Pick<Supported, "fiats" | "cryptos" | "paymentMethods">;
  quotes: SellQuoteView;
}

/** Where a placed sale stands, as the customer reads it: what to send where by when, and what happened since. */
export interface SellOrderView {
  orderId: string;
  status: OrderStatus;
  gatewayName: string;
  cryptoAmount: string;
  cryptoCurrency: string;
  network: string;
  networkName: string;
  fiatAmount: string;
  fiatCurrency: string;
  payoutMethod: string | null;
  depositAddress: string;
  depositExpiresAt: string;
  /** The deposit address as a QR code (a PNG data: URL: the page's CSP allows img-src data:). */
  qrCode: string;
  refundAddress: string | null;
  /** Test mode: the sandbox page where the tester marks the deposit sent; live: the gateway's page for payout details. */
  gatewayUrl: string | null;
  /** The session's redirectUrl with the result, once the sale has an outcome the partner's page can show. */
  returnUrl: string | null;
  estimatedPayoutTime: string | null;
}

export interface SellOrderPage {
  state: "sell_order";
  sessionId: string;
  testMode: boolean;
  branding: CheckoutBranding;
  order: SellOrderView;
}

export async function sellQuotesFor(
  ctx: ProjectContext,
  fields: Record<SellField, FieldView>,
  choices: CheckoutChoices,
  supported: OpenSellCheckout["supported"],
): Promise<SellQuoteView> {
  const values = effectiveValues(fields, choices);
  const crypto = supported.cryptos.find((c) => c.code === values.sourceCurrency);
  if (!crypto) return { ok: false, message: "Choose the crypto you want to sell.", field: "sourceCurrency" };
  const amount = values.sourceAmount;
  if (!amount) return { ok: false, message: "Enter an amount.", field: "sourceAmount" };
  if (!isCryptoAmount(amount, crypto.code)) return { ok: false, message: `Enter an amount of ${crypto.code}, like 0.5.`, field: "sourceAmount" };
  const { min, max } = fields.sourceAmount;
  if (min !== undefined && Number(amount) < Number(min)) return { ok: false, message: `The amount must be at least ${min}.`, field: "sourceAmount" };
  if (max !== undefined && Number(amount) > Number(max)) return { ok: false, message: `The amount can be at most ${max}.`, field: "sourceAmount" };
  if (!values.network || !crypto.networks.some((n) => n.id === values.network)) {
    return { ok: false, message: `Choose a network for ${crypto.code}.`, field: "network" };
  }
  if (!values.destinationCurrency || !supported.fiats.some((f) => f.code === values.destinationCurrency)) {
    return { ok: false, message: "Choose the currency you want to receive.", field: "destinationCurrency" };
  }
  const result = await getSellQuotes(ctx.db, {
    projectId: ctx.projectId,
    mode: ctx.mode,
    cryptoCurrency: crypto.code as CryptoCode,
    network: values.network as NetworkId,
    cryptoAmount: amount,
    fiatCurrency: values.destinationCurrency as FiatCode,
    ...(values.country ? { country: values.country } : {}),
    ...(choices.payoutMethod ? { payoutMethod: choices.payoutMethod as PayoutMethodId } : {}),
  });
  // Gateways the project never enabled are the partner's business, not the customer's.
  const unavailable = result.unavailable.filter((u) => u.code !== "NOT_ENABLED");
  return { ok: true, refreshedAt: new Date().toISOString(), ...result, unavailable };
}

/** The open sell checkout with its first quotes; sensible first choices where the partner left a field open. */
export async function openSellCheckout(
  ctx: ProjectContext,
  session: SessionRow,
  branding: CheckoutBranding,
  detectedCountry: string | null,
): Promise<OpenSellCheckout> {
  const fields = fieldViews(session, SELL_FIELDS);
  if (!fields.country.value) fields.country.value = detectedCountry;
  const supported = await checkoutPickers(ctx.db, ctx, "sell", fields.country.value ?? undefined);
  const firstCrypto = supported.cryptos.find((c) => c.code === fields.sourceCurrency.value) ?? supported.cryptos[0];
  fields.sourceCurrency.value ??= firstCrypto?.code ?? null;
  fields.network.value ??= firstCrypto?.networks.find((n) => n.isDefault)?.id ?? null;
  fields.destinationCurrency.value ??= supported.fiats[0]?.code ?? null;
  return {
    state: "sell",
    sessionId: session.id,
    projectId: session.projectId,
    testMode: session.mode === "test",
    expiresAt: session.expiresAt.toISOString(),
    branding,
    fields,
    countries: Object.entries(COUNTRIES).map(([code, name]) => ({ code, name })),
    supported,
    quotes: await sellQuotesFor(ctx, fields, {}, supported),
  };
}

export async function refreshSellQuotes(ctx: ProjectContext, session: SessionRow, choices: CheckoutChoices) {
  const fields = fieldViews(session, SELL_FIELDS);
  const supported = await checkoutPickers(ctx.db, ctx, "sell", effectiveValues(fields, choices).country);
  return { quotes: await sellQuotesFor(ctx, fields, choices, supported), supported };
}

type OrderRow = typeof order.$inferSelect;

async function qrCodeOf(address: string) {
  // Dark on white whatever the page's scheme: wallets' scanners read that best.
  return QRCode.toDataURL(address, { margin: 2, width: 192, errorCorrectionLevel: "M", color: { dark: "#000000", light: "#ffffff" } });
}

function returnUrlOf(session: SessionRow, status: OrderStatus) {
  if (!session.redirectUrl) return null;
  if (status === "completed") return withSessionResult(session.redirectUrl, session.id, "completed");
  if (status === "failed" || status === "refunded") return withSessionResult(session.redirectUrl, session.id, "failed");
  if (status === "processing") return withSessionResult(session.redirectUrl, session.id, "processing");
  return null;
}

async function sellOrderView(session: SessionRow, row: OrderRow): Promise<SellOrderView> {
  const gateway = gatewayById(row.gatewayId);
  const depositAddress = row.depositAddress ?? "";
  const payout = gateway?.sell?.payoutMinutes;
  return {
    orderId: row.id,
    status: row.status,
    gatewayName: gateway?.name ?? row.gatewayId,
    cryptoAmount: row.sourceAmount,
    cryptoCurrency: row.sourceCurrency,
    network: row.network,
    networkName: networkById(row.network)?.name ?? row.network,
    fiatAmount: row.destinationAmount ?? "",
    fiatCurrency: row.destinationCurrency,
    payoutMethod: row.paymentMethod ? (payoutMethodById(row.paymentMethod)?.name ?? row.paymentMethod) : null,
    depositAddress,
    depositExpiresAt: (row.depositExpiresAt ?? row.createdAt).toISOString(),
    qrCode: depositAddress ? await qrCodeOf(depositAddress) : "",
    refundAddress: row.refundAddress,
    gatewayUrl: row.checkoutUrl,
    returnUrl: returnUrlOf(session, row.status),
    estimatedPayoutTime: payout ? (payout.min === payout.max ? `${payout.min} min` : `${payout.min}–${payout.max} min`) : null,
  };
}

/**
 * The session's sell order as the page shows it, or null before one is placed. An order past its deposit
 * deadline is expired first (with its order.expired event), so the page shows it as the countdown ends.
 */
export async function sellOrderPage(ctx: ProjectContext, session: SessionRow, branding: () => Promise<CheckoutBranding>): Promise<SellOrderPage | null> {
  const scope = and(eq(order.sessionId, session.id), eq(order.projectId, session.projectId), eq(order.mode, session.mode));
  let [row] = await ctx.db.select().from(order).where(scope);
  if (!row) return null;
  if (row.status === "created" && row.depositExpiresAt && row.depositExpiresAt <= new Date()) {
    await expireSellOrderIfOverdue(ctx.db as Database, row.id);
    [row] = await ctx.db.select().from(order).where(scope);
  }
  return {
    state: "sell_order",
    sessionId: session.id,
    testMode: session.mode === "test",
    branding: await branding(),
    order: await sellOrderView(session, row!),
  };
}

/** The API's names of a sell order's fields → the sell checkout's field names, for errors beside the inputs. */
const SELL_FIELD_OF: Record<string, string> = { cryptoAmount: "sourceAmount", cryptoCurrency: "sourceCurrency", fiatCurrency: "destinationCurrency" };

function asCheckoutFields(error: DomainError) {
  if (!error.details?.length) return error;
  const details: ErrorDetail[] = error.details.map((d) => ({ ...d, field: SELL_FIELD_OF[d.field] ?? d.field }));
  return new DomainError(error.code, error.message, details);
}

/**
 * The customer places the sale: the session takes the customer's values for unlocked fields (confirmSession
 * checks locks, bounds and the refund address for the network), then createOrderFromSession places the one sell
 * order of the session (app/orders/sell.server.ts). Refusals are DomainErrors named by the form's fields.
 */
export async function placeSellCheckoutOrder(ctx: ProjectContext, session: SessionRow, input: PlaceOrderInput) {
  const fields = fieldViews(session, SELL_FIELDS);
  const values = effectiveValues(fields, input);
  // Friendly words for what the API would refuse anyway.
  const problems: ErrorDetail[] = [];
  if (!values.refundAddress) problems.push({ field: "refundAddress", message: "Enter your wallet address, so the crypto can be returned if the sale fails." });
  else if (values.network && networkById(values.network) && !isValidWalletAddress(values.refundAddress, values.network, ctx.mode)) {
    problems.push({ field: "refundAddress", message: `Enter a valid ${networkById(values.network)!.name} address.` });
  }
  if (problems.length) throw validationError(problems, "Please check the highlighted fields.");

  const changes: Partial<Record<SellField, string>> = {};
  for (const field of SELL_FIELDS) {
    const value = input[field];
    if (value !== undefined && !fields[field].locked && value !== session[field]) changes[field] = value;
  }
  const confirmation = confirmOfframpSessionSchema.safeParse({ clientSecret: input.clientSecret, ...changes });
  if (!confirmation.success) {
    throw validationError(
      confirmation.error.issues.map((issue) => ({ field: String(issue.path[0] ?? "form"), message: issue.message })),
      "Please check the highlighted fields.",
    );
  }
  try {
    await confirmSession(ctx, session.id, confirmation.data);
    return await createOrderFromSession(ctx, session.id, {
      clientSecret: input.clientSecret,
      gateway: input.gateway,
      email: input.email.toLowerCase(),
      ...(input.payoutMethod ? { payoutMethod: input.payoutMethod } : {}),
    });
  } catch (error) {
    if (isDomainError(error)) throw asCheckoutFields(error);
    throw error;
  }
}
