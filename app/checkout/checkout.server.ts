/**
 * The hosted checkout (docs/api-contract.md#hosted-checkout): a customer arrives with the
 * partner's link `?sessionId&clientSecret&projectId`. The clientSecret is the only credential,
 * so every call here starts by checking it (in constant time, with the same answer for a
 * wrong secret and an unknown session). Then the page shows the session with its locks,
 * quotes from the project's enabled gateways, and places the order through the same session
 * confirm and order functions the API uses: the checkout is one more client of them.
 */
import { and, eq } from "drizzle-orm";
import { checkoutSession, order, project } from "~db/schema";
import { DomainError, isDomainError, validationError } from "~/lib/domain-error";
import { getBranding } from "~/branding/branding.server";
import { COUNTRIES, type CryptoCode, type FiatCode, type NetworkId, type PaymentMethodId } from "~/gateways/catalogue";
import { SYSTEM_ACTOR, type ProjectContext } from "~/lib/context";
import type { Database } from "~/lib/db.server";
import { createOrderFromSession } from "~/orders/orders.server";
import { getQuotes, type QuoteResult } from "~/quotes/quotes.server";
import { checkoutPickers, type Supported } from "~/quotes/supported.server";
import { isDecimalAmount } from "~/quotes/pricing";
import { confirmSessionSchema } from "~/sessions/schemas";
import { clientSecretMatches, confirmSession, getSession } from "~/sessions/sessions.server";
import { effectiveValues, fieldViews, type FieldView } from "./field-views.server";
import { withSessionResult } from "./return-url";
import {
  openSellCheckout,
  placeSellCheckoutOrder,
  refreshSellQuotes,
  sellOrderPage,
  type OpenSellCheckout,
  type SellOrderPage,
  type SellQuoteView,
} from "./sell-checkout.server";
import {
  checkoutCredentialsSchema,
  EDITABLE_FIELDS,
  type CheckoutChoices,
  type CheckoutCredentials,
  type EditableField,
  type PlaceOrderInput,
} from "./schemas";

type SessionRow = typeof checkoutSession.$inferSelect;

/** What the page shows the customer about the partner (public values only). */
export interface CheckoutBranding {
  displayName: string;
  primaryColor: string;
  backgroundColor: string;
  cornerRadius: number;
  logoUrl: string | null;
}

export type { FieldView } from "./field-views.server";

export interface OpenCheckout {
  state: "open";
  sessionId: string;
  projectId: string;
  testMode: boolean;
  expiresAt: string;
  branding: CheckoutBranding;
  fields: Record<EditableField, FieldView>;
  /** Countries the customer can pick when the partner left `country` open. */
  countries: { code: string; name: string }[];
  supported: Pick<Supported, "fiats" | "cryptos" | "paymentMethods">;
  quotes: QuoteView;
}

/** The states in which the page tells the customer why they can't pay here. */
export type ClosedCheckout =
  | { state: "invalid" }
  | { state: "expired" | "cancelled" | "failed" | "completed"; branding: CheckoutBranding; testMode: boolean; returnUrl: string | null }
  | { state: "in_progress"; branding: CheckoutBranding; testMode: boolean; continueUrl: string | null; returnUrl: string | null };

/** A buy's open form, a sell's open form, a placed sale's deposit instructions and status, or closed. */
export type CheckoutPage = OpenCheckout | OpenSellCheckout | SellOrderPage | ClosedCheckout;

/** Quotes for the customer's current choices, or why there are none yet. */
export type QuoteView = ({ ok: true; refreshedAt: string } & QuoteResult) | { ok: false; message: string; field?: EditableField };

// A hash of nothing: an unknown session is compared against it, so it costs what a wrong secret costs.
const NO_SESSION = { clientSecretHash: "0".repeat(64) };

interface Authenticated {
  ctx: ProjectContext;
  session: SessionRow;
}

/**
 * The session the link names, if the clientSecret matches. Null for every kind of wrong
 * link (malformed, unknown session, another project's session, wrong secret, archived
 * project): the customer and an attacker learn the same thing.
 */
export async function authenticateCheckout(db: Database, raw: Partial<Record<keyof CheckoutCredentials, unknown>>): Promise<Authenticated | null> {
  const parsed = checkoutCredentialsSchema.safeParse(raw);
  const credentials = parsed.success ? parsed.data : null;
  const [row] = credentials
    ? await db
        .select({ session: checkoutSession, organizationId: project.organizationId, archivedAt: project.archivedAt })
        .from(checkoutSession)
        .innerJoin(project, eq(project.id, checkoutSession.projectId))
        .where(and(eq(checkoutSession.id, credentials.sessionId), eq(checkoutSession.projectId, credentials.projectId)))
    : [];
  const matches = clientSecretMatches(row?.session ?? NO_SESSION, credentials?.clientSecret ?? "");
  if (!row || !matches || row.archivedAt) return null;
  const ctx: ProjectContext = {
    db,
    organizationId: row.organizationId,
    projectId: row.session.projectId,
    mode: row.session.mode,
    // The customer acts through the session's credential, not as a member of the organization.
    role: "support",
    actor: SYSTEM_ACTOR,
  };
  return { ctx, session: row.session };
}

export async function brandingFor(ctx: ProjectContext): Promise<CheckoutBranding> {
  const branding = await getBranding(ctx);
  return {
    displayName: branding.displayName,
    primaryColor: branding.primaryColor,
    backgroundColor: branding.backgroundColor,
    cornerRadius: branding.cornerRadius,
    logoUrl: branding.logo?.url ?? null,
  };
}

/** The session as it is now: a session found past its expiry is marked expired first. */
async function currentSession(auth: Authenticated): Promise<SessionRow> {
  try {
    return await getSession(auth.ctx, auth.session.id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "SESSION_EXPIRED") return { ...auth.session, status: "expired" };
    throw error;
  }
}

async function closedState(auth: Authenticated, session: SessionRow): Promise<ClosedCheckout | null> {
  const base = { branding: await brandingFor(auth.ctx), testMode: session.mode === "test" };
  const back = (status: string) => (session.redirectUrl ? withSessionResult(session.redirectUrl, session.id, status) : null);
  switch (session.status) {
    case "pending":
    case "confirmed":
      return null;
    case "processing": {
      const [placed] = await auth.ctx.db
        .select({ status: order.status, url: order.checkoutUrl, expiresAt: order.checkoutExpiresAt })
        .from(order)
        .where(and(eq(order.sessionId, session.id), eq(order.projectId, session.projectId), eq(order.mode, session.mode)));
      const payable = placed && placed.status === "created" && placed.url && (!placed.expiresAt || placed.expiresAt > new Date());
      return { state: "in_progress", ...base, continueUrl: payable ? placed.url : null, returnUrl: back("processing") };
    }
    case "completed":
      return { state: "completed", ...base, returnUrl: back("completed") };
    case "failed":
      return { state: "failed", ...base, returnUrl: back("failed") };
    case "expired":
      return { state: "expired", ...base, returnUrl: null };
    case "cancelled":
      return { state: "cancelled", ...base, returnUrl: null };
  }
}

/** The buyer's country from Accept-Language ("en-GB,en;q=0.9" → GB), when we know it. */
export function countryFromAcceptLanguage(header: string | null): string | null {
  for (const part of (header ?? "").split(",")) {
    const region = /^[a-z]{2,3}-([a-z]{2})\b/i.exec(part.trim())?.[1]?.toUpperCase();
    if (region && region in COUNTRIES) return region;
  }
  return null;
}

/** The partner's amount bounds, in words, or null when the amount fits. */
function amountProblem(fields: Record<EditableField, FieldView>, amount: string | undefined): string | null {
  if (!amount) return "Enter an amount.";
  if (!isDecimalAmount(amount)) return "Enter an amount like 100 or 99.95.";
  const { min, max } = fields.sourceAmount;
  if (min !== undefined && Number(amount) < Number(min)) return `The amount must be at least ${min}.`;
  if (max !== undefined && Number(amount) > Number(max)) return `The amount can be at most ${max}.`;
  return null;
}

async function quotesFor(
  ctx: ProjectContext,
  fields: Record<EditableField, FieldView>,
  choices: CheckoutChoices,
  supported: OpenCheckout["supported"],
): Promise<QuoteView> {
  const values = effectiveValues(fields, choices);
  const problem = amountProblem(fields, values.sourceAmount);
  if (problem) return { ok: false, message: problem, field: "sourceAmount" };
  if (!values.sourceCurrency || !supported.fiats.some((f) => f.code === values.sourceCurrency)) {
    return { ok: false, message: "Choose a currency to pay with.", field: "sourceCurrency" };
  }
  const crypto = supported.cryptos.find((c) => c.code === values.destinationCurrency);
  if (!crypto) return { ok: false, message: "Choose the crypto you want to buy.", field: "destinationCurrency" };
  if (!values.network || !crypto.networks.some((n) => n.id === values.network)) {
    return { ok: false, message: `Choose a network for ${crypto.code}.`, field: "network" };
  }
  const result = await getQuotes(ctx.db, {
    projectId: ctx.projectId,
    mode: ctx.mode,
    fiatCurrency: values.sourceCurrency as FiatCode,
    cryptoCurrency: crypto.code as CryptoCode,
    network: values.network as NetworkId,
    fiatAmount: values.sourceAmount!,
    orderType: "buy",
    ...(values.country ? { country: values.country } : {}),
    ...(choices.paymentMethod ? { paymentMethod: choices.paymentMethod as PaymentMethodId } : {}),
  });
  // Gateways the project never enabled are the partner's business, not the customer's.
  const unavailable = result.unavailable.filter((u) => u.code !== "NOT_ENABLED");
  return { ok: true, refreshedAt: new Date().toISOString(), ...result, unavailable };
}

/** The whole page for a link: the open checkout with its first quotes, or why it is closed. */
export async function loadCheckout(
  db: Database,
  credentials: Partial<CheckoutCredentials>,
  options: { acceptLanguage?: string | null } = {},
): Promise<CheckoutPage> {
  const auth = await authenticateCheckout(db, credentials);
  if (!auth) return { state: "invalid" };
  const session = await currentSession(auth);
  if (session.type === "offramp") {
    // A placed sale is its deposit instructions and status, whatever the session's status became since.
    const placed = await sellOrderPage(auth.ctx, session, () => brandingFor(auth.ctx));
    if (placed) return placed;
  }
  const closed = await closedState(auth, session);
  if (closed) return closed;
  if (session.type === "offramp") {
    return openSellCheckout(auth.ctx, session, await brandingFor(auth.ctx), countryFromAcceptLanguage(options.acceptLanguage ?? null));
  }

  const fields = fieldViews(session, EDITABLE_FIELDS);
  if (!fields.country.value) fields.country.value = countryFromAcceptLanguage(options.acceptLanguage ?? null);
  const supported = await checkoutPickers(auth.ctx.db, auth.ctx, "buy", fields.country.value ?? undefined);
  // Sensible first choices where the partner left a field empty.
  const firstCrypto = supported.cryptos.find((c) => c.code === fields.destinationCurrency.value) ?? supported.cryptos[0];
  fields.sourceCurrency.value ??= supported.fiats[0]?.code ?? null;
  fields.destinationCurrency.value ??= firstCrypto?.code ?? null;
  fields.network.value ??= firstCrypto?.networks.find((n) => n.isDefault)?.id ?? null;
  return {
    state: "open",
    sessionId: session.id,
    projectId: session.projectId,
    testMode: session.mode === "test",
    expiresAt: session.expiresAt.toISOString(),
    branding: await brandingFor(auth.ctx),
    fields,
    countries: Object.entries(COUNTRIES).map(([code, name]) => ({ code, name })),
    supported,
    quotes: await quotesFor(auth.ctx, fields, {}, supported),
  };
}

export type QuoteRefresh =
  | { ok: true; quotes: QuoteView; supported: OpenCheckout["supported"] }
  | { ok: true; sell: true; quotes: SellQuoteView; supported: OpenSellCheckout["supported"] }
  | { ok: false; closed: ClosedCheckout };

/** Fresh quotes (and the offer for the chosen country) while the page is open. */
export async function refreshQuotes(db: Database, credentials: Partial<CheckoutCredentials>, choices: CheckoutChoices): Promise<QuoteRefresh> {
  const auth = await authenticateCheckout(db, credentials);
  if (!auth) return { ok: false, closed: { state: "invalid" } };
  const session = await currentSession(auth);
  const closed = await closedState(auth, session);
  if (closed) return { ok: false, closed };
  if (session.type === "offramp") return { ok: true, sell: true, ...(await refreshSellQuotes(auth.ctx, session, choices)) };
  const fields = fieldViews(session, EDITABLE_FIELDS);
  const country = effectiveValues(fields, choices).country;
  const supported = await checkoutPickers(auth.ctx.db, auth.ctx, "buy", country);
  return { ok: true, quotes: await quotesFor(auth.ctx, fields, choices, supported), supported };
}

export type PlaceOrderResult =
  | { ok: true; orderId: string; checkout: { method: "redirect" | "iframe" | "widget"; url: string } }
  /** A sale: the page shows its deposit instructions next. */
  | { ok: true; orderId: string; sellOrder: SellOrderPage }
  /** Not an error: the checkout closed (a bad link, or the session moved on); the page shows why. */
  | { ok: false; closed: ClosedCheckout };

/**
 * The customer confirms: the session takes the customer's values for unlocked fields
 * (confirmSession checks locks and bounds), then the order is placed with the chosen gateway
 * (createOrderFromSession: one order per session, the gateway's limits, the provider call).
 * A refusal is a thrown DomainError, with the API's field names in its details
 * (app/checkout/edge.server.ts shows it beside the form's fields).
 */
export async function placeCheckoutOrder(db: Database, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  const auth = await authenticateCheckout(db, input);
  if (!auth) return { ok: false, closed: { state: "invalid" } };
  const { ctx, session } = auth;
  if (session.type === "offramp") {
    try {
      const created = await placeSellCheckoutOrder(ctx, session, input);
      const placed = await sellOrderPage(ctx, session, () => brandingFor(ctx));
      return { ok: true, orderId: created.id, sellOrder: placed! };
    } catch (error) {
      // Placed meanwhile (a second click, another tab): the customer lands on that sale's instructions.
      const existing = isDomainError(error) ? await sellOrderPage(ctx, session, () => brandingFor(ctx)) : null;
      if (existing) return { ok: true, orderId: existing.order.orderId, sellOrder: existing };
      const closed = await closedAfterRefusal(auth, error);
      if (closed) return { ok: false, closed };
      throw error;
    }
  }
  const changes: Partial<Record<EditableField, string>> = {};
  for (const field of EDITABLE_FIELDS) {
    const value = input[field];
    if (value !== undefined && !session.fieldLocks[field]?.locked && value !== session[field]) changes[field] = value;
  }
  // The API's own rules for a confirmation body (currency codes, amount format, …).
  const confirmation = confirmSessionSchema.safeParse({ clientSecret: input.clientSecret, ...changes });
  if (!confirmation.success) {
    throw validationError(
      confirmation.error.issues.map((issue) => ({ field: String(issue.path[0] ?? "form"), message: issue.message })),
      "Please check the highlighted fields.",
    );
  }
  try {
    await confirmSession(ctx, session.id, confirmation.data);
    const created = await createOrderFromSession(ctx, session.id, {
      clientSecret: input.clientSecret,
      gateway: input.gateway,
      email: input.email.toLowerCase(),
      ...(input.paymentMethod ? { paymentMethod: input.paymentMethod } : {}),
    });
    return { ok: true, orderId: created.id, checkout: { method: created.checkoutMethod ?? "redirect", url: created.checkoutUrl! } };
  } catch (error) {
    const closed = await closedAfterRefusal(auth, error);
    if (closed) return { ok: false, closed };
    throw error;
  }
}

/** The session moved on meanwhile (expired, used, cancelled): the page shows its state instead of the refusal. */
async function closedAfterRefusal(auth: Authenticated, error: unknown): Promise<ClosedCheckout | null> {
  if (!isDomainError(error) || !["SESSION_EXPIRED", "SESSION_ALREADY_USED", "INVALID_STATE"].includes(error.code)) return null;
  return closedState(auth, await currentSession(auth));
}

/** The sample purchase of the branding preview: 100 USD of ETH to a locked wallet, from the US. */
const SAMPLE_FIELDS: Record<EditableField, FieldView> = {
  sourceAmount: { value: "100", locked: false },
  sourceCurrency: { value: "USD", locked: false },
  destinationCurrency: { value: "ETH", locked: false },
  network: { value: "ethereum", locked: false },
  destinationAddress: { value: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21", locked: true },
  country: { value: "US", locked: false },
};

/**
 * The open checkout as a customer of this project would see it for a sample purchase: the
 * project's real offer and quotes from its enabled gateways, in the given branding (the
 * console's preview passes the admin's unsaved draft). No session exists; nothing can be paid.
 */
export async function sampleCheckout(ctx: ProjectContext, branding?: Partial<CheckoutBranding>): Promise<OpenCheckout> {
  const fields = structuredClone(SAMPLE_FIELDS);
  const supported = await checkoutPickers(ctx.db, ctx, "buy", fields.country.value ?? undefined);
  return {
    state: "open",
    sessionId: "sess_preview",
    projectId: ctx.projectId,
    testMode: ctx.mode === "test",
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    branding: { ...(await brandingFor(ctx)), ...branding },
    fields,
    countries: Object.entries(COUNTRIES).map(([code, name]) => ({ code, name })),
    supported,
    quotes: await quotesFor(ctx, fields, {}, supported),
  };
}
