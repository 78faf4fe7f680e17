/**
 * The hosted checkout's server side on a real database: who gets in with a link, what the
 * page shows for each session state, quotes under the partner's locks, and the order placed
 * through the same session functions the API uses (with the sandbox provider in-process).
 */
import { eq } from "drizzle-orm";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkoutSession, order } from "~db/schema";
import { insertProject, projectContext, type ProjectIds } from "~test/contexts";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { useInProcessProviders } from "~test/in-process-providers";
import { enableDefaultGateways, setGatewayEnabled } from "~/gateways/settings.server";
import { updateBranding } from "~/branding/branding.server";
import { createOrderFromSession } from "~/orders/orders.server";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout";
import { action as quotesAction } from "~/routes/checkout.quotes";
import { setProviderFetch } from "~/sandbox/http.server";
import { createSessionSchema } from "~/sessions/schemas";
import { cancelSession, createSession } from "~/sessions/sessions.server";
import { authenticateCheckout, countryFromAcceptLanguage, loadCheckout, placeCheckoutOrder, refreshQuotes, type OpenCheckout } from "./checkout.server";
import { checkoutErrorState } from "./edge.server";
import { checkoutSecurityHeaders } from "./security.server";
import { sessionBody, WALLET_ADDRESS } from "~test/fixtures";

let database: TestDatabase;
let shop: ProjectIds;
let other: ProjectIds;
let restoreFetch: () => void;
const ADDRESS = WALLET_ADDRESS;

const SEED_SESSION = sessionBody({
  externalCustomerId: "player_999",
  sourceAmount: "50",
  destinationCurrency: "USDC",
  network: "polygon",
  redirectUrl: "https://yoursite.com/success",
  type: "onramp",
  metadata: { partnerOrderId: "game_purchase_789" },
});

async function newSession(ids: ProjectIds = shop, body: Record<string, unknown> = SEED_SESSION) {
  const { session, clientSecret } = await createSession(projectContext(database.db, ids, "test"), createSessionSchema.parse(body));
  return { sessionId: session.id, clientSecret, projectId: ids.projectId };
}

async function openPage(credentials: { sessionId: string; clientSecret: string; projectId: string }, acceptLanguage = "en-US,en;q=0.9") {
  const page = await loadCheckout(database.db, credentials, { acceptLanguage });
  expect(page.state).toBe("open");
  return page as OpenCheckout;
}

beforeAll(async () => {
  database = await createTestDatabase();
  restoreFetch = useInProcessProviders();
  shop = await insertProject(database.db, "Checkout shop");
  other = await insertProject(database.db, "Other shop");
  await enableDefaultGateways(database.db, shop.projectId);
  await enableDefaultGateways(database.db, other.projectId);
});

afterAll(async () => {
  restoreFetch?.();
  await database?.destroy();
});

describe("who gets in", () => {
  it("lets the right link in, in the session's mode, and gives every wrong link the same null", async () => {
    const session = await newSession();
    const auth = await authenticateCheckout(database.db, session);
    expect(auth?.ctx).toMatchObject({ projectId: shop.projectId, organizationId: shop.organizationId, mode: "test" });

    const foreign = await newSession(other);
    const wrong = [
      { ...session, clientSecret: "sess_secret_wrong" },
      { ...session, clientSecret: foreign.clientSecret },
      { ...session, sessionId: "sess_unknown00000000" },
      { ...session, projectId: other.projectId },
      { ...foreign, projectId: shop.projectId },
      { ...session, sessionId: "not a session" },
      { sessionId: session.sessionId, projectId: session.projectId },
    ];
    for (const credentials of wrong) expect(await authenticateCheckout(database.db, credentials), JSON.stringify(credentials)).toBeNull();
    for (const credentials of wrong) expect(await loadCheckout(database.db, credentials)).toEqual({ state: "invalid" });
  });

  it("answers 404 with nothing of the project for a wrong link, through the route", async () => {
    const session = await newSession();
    const url = `http://localhost:3000/checkout?sessionId=${session.sessionId}&clientSecret=nope&projectId=${session.projectId}`;
    const response = (await checkoutLoader({ request: new Request(url), params: {}, context: {} } as LoaderFunctionArgs)) as unknown as {
      init: ResponseInit;
      data: unknown;
    };
    expect(response.init.status).toBe(404);
    expect(JSON.stringify(response.data)).not.toContain("Checkout shop");
  });
});

describe("the page", () => {
  it("shows the example session locked, with quotes from enabled gateways ranked by crypto received", async () => {
    await setGatewayEnabled(projectContext(database.db, shop, "test"), "transak", false);
    const page = await openPage(await newSession());
    expect(page.fields.sourceAmount).toEqual({ value: "50", locked: true });
    expect(page.fields.destinationAddress).toEqual({ value: ADDRESS, locked: true });
    expect(page.fields.country).toEqual({ value: "US", locked: false });
    expect(page.branding.displayName).toBe("Checkout shop");
    expect(page.testMode).toBe(true);
    if (!page.quotes.ok) throw new Error(page.quotes.message);
    const amounts = page.quotes.quotes.map((q) => Number(q.cryptoAmount));
    expect(amounts.length).toBeGreaterThan(1);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    // A gateway the partner switched off is none of the customer's business.
    expect([...page.quotes.quotes, ...page.quotes.unavailable].map((q) => q.gateway.id)).not.toContain("transak");
    await setGatewayEnabled(projectContext(database.db, shop, "test"), "transak", true);
  });

  it("takes the project's branding", async () => {
    await updateBranding(projectContext(database.db, shop, "test"), {
      displayName: "Sunrise Games",
      primaryColor: "#c2410c",
      backgroundColor: "#fff8f0",
      cornerRadius: 14,
    });
    const page = await openPage(await newSession());
    expect(page.branding).toEqual({ displayName: "Sunrise Games", primaryColor: "#c2410c", backgroundColor: "#fff8f0", cornerRadius: 14, logoUrl: null });
  });

  it("reads the buyer's country from Accept-Language when the session has none", () => {
    expect(countryFromAcceptLanguage("en-GB,en;q=0.9")).toBe("GB");
    expect(countryFromAcceptLanguage("fr,de-DE;q=0.8")).toBe("DE");
    expect(countryFromAcceptLanguage("en")).toBeNull();
    expect(countryFromAcceptLanguage(null)).toBeNull();
  });

  it("says why a session can't be paid: expired (and marks it), cancelled, used, completed", async () => {
    const expiring = await newSession(shop, { ...SEED_SESSION, expiresInSeconds: 1 });
    await database.db
      .update(checkoutSession)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(checkoutSession.id, expiring.sessionId));
    expect(await loadCheckout(database.db, expiring)).toMatchObject({ state: "expired", returnUrl: null });
    const [row] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, expiring.sessionId));
    expect(row!.status).toBe("expired");

    const cancelled = await newSession();
    await cancelSession(projectContext(database.db, shop, "test"), cancelled.sessionId);
    expect(await loadCheckout(database.db, cancelled)).toMatchObject({ state: "cancelled" });

    const used = await newSession();
    const placed = await createOrderFromSession(projectContext(database.db, shop, "test"), used.sessionId, {
      clientSecret: used.clientSecret,
      gateway: "banxa",
    });
    expect(await loadCheckout(database.db, used)).toMatchObject({
      state: "in_progress",
      continueUrl: placed.checkoutUrl,
      returnUrl: `https://yoursite.com/success?sessionId=${used.sessionId}&status=processing`,
    });

    await database.db.update(checkoutSession).set({ status: "completed" }).where(eq(checkoutSession.id, used.sessionId));
    expect(await loadCheckout(database.db, used)).toMatchObject({
      state: "completed",
      returnUrl: `https://yoursite.com/success?sessionId=${used.sessionId}&status=completed`,
    });
  });
});

describe("quotes while the page is open", () => {
  it("ignores choices for locked fields", async () => {
    const session = await newSession();
    const result = await refreshQuotes(database.db, session, { sourceAmount: "5000", destinationCurrency: "ETH", network: "ethereum" });
    if (!result.ok || "sell" in result || !result.quotes.ok) throw new Error("expected buy quotes");
    expect(result.quotes.fiatAmount).toBe("50.00");
    expect(result.quotes.quotes[0]!.cryptoAmount).toMatch(/^4\d\.\d+$/); // USDC, not ETH
  });

  it("keeps an open amount within the partner's bounds and follows the country", async () => {
    const session = await newSession(shop, {
      ...SEED_SESSION,
      sourceAmount: "100",
      fieldLocks: { sourceAmount: { locked: false, min: "40", max: "500" } },
      destinationCurrency: "ETH",
      network: "ethereum",
    });
    const tooMuch = await refreshQuotes(database.db, session, { sourceAmount: "600" });
    expect(tooMuch).toMatchObject({ ok: true, quotes: { ok: false, field: "sourceAmount", message: "The amount can be at most 500." } });
    const tooLittle = await refreshQuotes(database.db, session, { sourceAmount: "10" });
    expect(tooLittle).toMatchObject({ ok: true, quotes: { ok: false, field: "sourceAmount", message: "The amount must be at least 40." } });

    const us = await refreshQuotes(database.db, session, { sourceAmount: "250", country: "US" });
    const gb = await refreshQuotes(database.db, session, { sourceAmount: "250", country: "GB" });
    if (!us.ok || "sell" in us || !us.quotes.ok || !gb.ok || !gb.quotes.ok) throw new Error("expected buy quotes");
    expect(us.quotes.fiatAmount).toBe("250.00");
    expect(us.quotes.quotes.map((q) => q.gateway.id)).toContain("mercuryo");
    expect(gb.quotes.quotes.map((q) => q.gateway.id)).not.toContain("mercuryo");
    expect(gb.quotes.unavailable.find((u) => u.gateway.id === "mercuryo")?.code).toBe("UNSUPPORTED_COUNTRY");
    // The offer follows the country too: only Transak serves Nigeria, without ACH or Canadian dollars.
    const ng = await refreshQuotes(database.db, session, { sourceAmount: "250", country: "NG" });
    if (!ng.ok) throw new Error("expected an open checkout");
    expect(us.supported.paymentMethods.map((m) => m.id)).toContain("ach");
    expect(ng.supported.paymentMethods.map((m) => m.id)).not.toContain("ach");
    expect(us.supported.fiats.map((f) => f.code)).toContain("CAD");
    expect(ng.supported.fiats.map((f) => f.code)).not.toContain("CAD");
  });

  it("answers a wrong secret with the invalid state, through the route", async () => {
    const session = await newSession();
    const request = new Request("http://localhost:3000/checkout/quotes", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...session, clientSecret: "sess_secret_wrong", choices: {} }),
    });
    const response = await quotesAction({ request, params: {}, context: {} } as ActionFunctionArgs);
    expect(await response.json()).toEqual({ ok: false, closed: { state: "invalid" } });
  });
});

describe("placing the order", () => {
  it("confirms the customer's open fields, places one order with the partner's metadata and moves the session on", async () => {
    const session = await newSession(shop, {
      ...SEED_SESSION,
      sourceAmount: "100",
      destinationAddress: undefined,
      fieldLocks: { sourceAmount: { locked: false, min: "40", max: "500" } },
    });
    const result = await placeCheckoutOrder(database.db, {
      ...session,
      sourceAmount: "120",
      // A locked field's value from the page is ignored: the session's stays.
      destinationCurrency: "ETH",
      destinationAddress: ADDRESS,
      gateway: "banxa",
      email: "Player@Example.com",
      paymentMethod: "debit-credit-card",
    } as Parameters<typeof placeCheckoutOrder>[1]);
    if (!result.ok) throw new Error(`closed: ${result.closed.state}`);
    if (!("checkout" in result)) throw new Error("expected a buy's checkout");
    expect(result.checkout.method).toBe("redirect");
    expect(result.checkout.url).toMatch(/\/sandbox\/banxa\/pay\//);
    const [row] = await database.db.select().from(order).where(eq(order.id, result.orderId));
    expect(row).toMatchObject({
      sessionId: session.sessionId,
      sourceAmount: "120.00",
      destinationCurrency: "USDC",
      destinationAddress: ADDRESS,
      email: "player@example.com",
      paymentMethod: "debit-credit-card",
    });
    expect(row!.metadata.partnerMetadata).toEqual({ partnerOrderId: "game_purchase_789" });
    const [stored] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, session.sessionId));
    expect(stored).toMatchObject({ status: "processing", sourceAmount: "120", destinationAddress: ADDRESS });

    // The same link can't pay twice.
    const again = await placeCheckoutOrder(database.db, { ...session, gateway: "banxa", email: "player@example.com" } as Parameters<
      typeof placeCheckoutOrder
    >[1]);
    expect(again).toMatchObject({ ok: false, closed: { state: "in_progress" } });
  });

  it("explains a gateway that fails, and leaves the session usable", async () => {
    const session = await newSession();
    const restore = setProviderFetch(async () => new Response("upstream down", { status: 500 }));
    try {
      const failed = placeCheckoutOrder(database.db, { ...session, gateway: "banxa", email: "player@example.com" } as Parameters<typeof placeCheckoutOrder>[1]);
      await expect(failed).rejects.toMatchObject({ code: "GATEWAY_UNAVAILABLE", status: 502 });
      // As the page shows it (the checkout's edge).
      expect(await failed.catch(checkoutErrorState)).toEqual({
        ok: false,
        message: "Banxa could not create the order (status 500). Try again, or choose another gateway.",
        fieldErrors: {},
      });
    } finally {
      restore();
    }
    const [stored] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, session.sessionId));
    expect(stored!.status).toBe("confirmed");
    const retried = await placeCheckoutOrder(database.db, { ...session, gateway: "banxa", email: "player@example.com" } as Parameters<
      typeof placeCheckoutOrder
    >[1]);
    expect(retried.ok).toBe(true);
  });

  it("puts problems beside the fields they concern", async () => {
    const session = await newSession(shop, { ...SEED_SESSION, destinationAddress: undefined, sourceCurrency: undefined });
    const badWallet = await placeCheckoutOrder(database.db, {
      ...session,
      destinationAddress: "not-a-wallet",
      gateway: "banxa",
      email: "player@example.com",
    } as Parameters<typeof placeCheckoutOrder>[1]).catch(checkoutErrorState);
    expect(badWallet).toMatchObject({ ok: false, fieldErrors: { destinationAddress: expect.stringContaining("not a valid polygon address") } });
    const badCurrency = await placeCheckoutOrder(database.db, {
      ...session,
      sourceCurrency: "XYZ",
      destinationAddress: ADDRESS,
      gateway: "banxa",
      email: "player@example.com",
    } as Parameters<typeof placeCheckoutOrder>[1]).catch(checkoutErrorState);
    expect(badCurrency).toMatchObject({ ok: false, fieldErrors: { sourceCurrency: expect.stringContaining("Supported fiat currencies") } });
  });

  it("refuses a bad email through the route, beside the field", async () => {
    const session = await newSession();
    const request = new Request("http://localhost:3000/checkout", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "order", ...session, gateway: "banxa", email: "nope" }),
    });
    const response = (await checkoutAction({ request, params: {}, context: {} } as ActionFunctionArgs)) as unknown as {
      data: { fieldErrors: Record<string, string> };
      init: { status?: number } | null;
    };
    expect(response.data.fieldErrors.email).toBe("Enter a valid email address, like name@example.com.");
    // The form's feedback, not a failed request.
    expect(response.init?.status ?? 200).toBe(200);
  });
});

describe("headers", () => {
  it("sends a strict, nonce-based policy and no Referer", () => {
    const headers = checkoutSecurityHeaders("abc123");
    expect(headers["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123'");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Content-Security-Policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers["Referrer-Policy"]).toBe("no-referrer");
    expect(headers["Cache-Control"]).toBe("no-store");
  });
});
