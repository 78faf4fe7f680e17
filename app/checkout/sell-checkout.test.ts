/**
 * The hosted checkout of a sell (offramp) session on a real database: the page with sell quotes, the sale placed
 * through the page's own POST (one per session, by the API's functions), the status poll through the sandbox's
 * Sent / Approve payout, the deadline, and bad input refused beside its field (never a 5xx).
 */
import { and, eq } from "drizzle-orm";
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { event, order, sandboxPayment } from "~db/schema";
import { insertProject, projectContext, type ProjectIds } from "~test/contexts";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { useInProcessProviders } from "~test/in-process-providers";
import { WALLET_ADDRESS } from "~test/fixtures";
import { enableDefaultGateways } from "~/gateways/settings.server";
import { action as checkoutAction } from "~/routes/checkout";
import { decideSandboxPayment } from "~/sandbox/provider.server";
import { sessionSchemaFor } from "~/sessions/schemas";
import { createSession } from "~/sessions/sessions.server";
import { loadCheckout, refreshQuotes } from "./checkout.server";
import type { OpenSellCheckout, SellOrderPage } from "./sell-checkout.server";

let database: TestDatabase;
let shop: ProjectIds;
let restoreFetch: () => void;

/** 0.5 ETH on ethereum for EUR, in Germany; the refund address left to the customer unless given. */
function sellBody(overrides: Record<string, unknown> = {}) {
  return {
    type: "offramp",
    externalCustomerId: "seller_1",
    sourceAmount: "0.5",
    sourceCurrency: "ETH",
    network: "ethereum",
    destinationCurrency: "EUR",
    country: "DE",
    redirectUrl: "https://yoursite.com/sold",
    metadata: { saleId: "sale-7" },
    ...overrides,
  };
}

async function newSellSession(overrides: Record<string, unknown> = {}) {
  const body = sellBody(overrides);
  const { session, clientSecret } = await createSession(projectContext(database.db, shop, "test"), sessionSchemaFor(body).parse(body));
  return { sessionId: session.id, clientSecret, projectId: shop.projectId };
}

type Credentials = Awaited<ReturnType<typeof newSellSession>>;

async function post(body: Record<string, unknown>) {
  const request = new Request("http://localhost:3000/checkout", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = (await checkoutAction({ request, params: {}, context: {} } as ActionFunctionArgs)) as unknown as {
    data: Record<string, any>;
    init: { status?: number } | null;
  };
  return { status: response.init?.status ?? 200, data: response.data };
}

const sell = (credentials: Credentials, fields: Record<string, unknown> = {}) =>
  post({ intent: "order", ...credentials, gateway: "banxa", email: "Seller@Example.com", refundAddress: WALLET_ADDRESS, payoutMethod: "sepa", ...fields });

/** The poll the page sends every few seconds: the page by credentials in the body. */
async function poll(credentials: Credentials) {
  const { status, data } = await post({ intent: "resume", ...credentials });
  expect(status).toBe(200);
  return data.page as SellOrderPage;
}

beforeAll(async () => {
  database = await createTestDatabase();
  restoreFetch = useInProcessProviders();
  shop = await insertProject(database.db, "Sell shop");
  await enableDefaultGateways(database.db, shop.projectId);
});

afterAll(async () => {
  restoreFetch?.();
  await database?.destroy();
});

describe("the sell page", () => {
  it("shows what is sold and what is received, from ranked sell quotes, with the partner's locks", async () => {
    const page = (await loadCheckout(database.db, await newSellSession())) as OpenSellCheckout;
    expect(page.state).toBe("sell");
    expect(page.fields.sourceAmount).toEqual({ value: "0.5", locked: true });
    expect(page.fields.sourceCurrency).toEqual({ value: "ETH", locked: true });
    expect(page.fields.destinationCurrency).toEqual({ value: "EUR", locked: true });
    // Not given by the partner: the customer types it.
    expect(page.fields.refundAddress).toEqual({ value: null, locked: false });
    expect(page.supported.paymentMethods.map((m) => m.id)).toContain("sepa");
    if (!page.quotes.ok) throw new Error(page.quotes.message);
    const payouts = page.quotes.quotes.map((q) => Number(q.fiatAmount));
    expect(payouts.length).toBeGreaterThan(0);
    expect(payouts).toEqual([...payouts].sort((a, b) => b - a));
    expect(page.quotes.quotes[0]!.cryptoAmount).toBe("0.5");
    expect(page.quotes.unavailable.map((u) => u.code)).not.toContain("NOT_ENABLED");
  });

  it("narrows quotes to gateways paying out by the chosen method, and ignores choices for locked fields", async () => {
    const session = await newSellSession();
    const byFasterPayments = await refreshQuotes(database.db, session, { payoutMethod: "faster-payments", sourceAmount: "3" });
    if (!byFasterPayments.ok || !("sell" in byFasterPayments) || !byFasterPayments.quotes.ok) throw new Error("expected sell quotes");
    // Faster Payments pays GBP only: nobody pays EUR by it.
    expect(byFasterPayments.quotes.quotes).toEqual([]);
    expect(byFasterPayments.quotes.cryptoAmount).toBe("0.5");
    expect(byFasterPayments.quotes.unavailable.map((u) => u.code)).toContain("UNSUPPORTED_PAYMENT_METHOD");
  });
});

describe("placing the sale", () => {
  it("refuses bad input beside its field, with 200 and no order", async () => {
    const session = await newSellSession();
    const noRefund = await sell(session, { refundAddress: "" });
    expect(noRefund).toMatchObject({ status: 200, data: { ok: false, fieldErrors: { refundAddress: expect.stringContaining("wallet address") } } });
    const badRefund = await sell(session, { refundAddress: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq" });
    expect(badRefund).toMatchObject({ status: 200, data: { fieldErrors: { refundAddress: "Enter a valid Ethereum address." } } });
    const badMethod = await sell(session, { payoutMethod: "pix" });
    expect(badMethod).toMatchObject({ status: 200, data: { fieldErrors: { payoutMethod: "Choose a payout method from the list." } } });
    const wrongMethod = await sell(session, { payoutMethod: "faster-payments" });
    expect(wrongMethod).toMatchObject({ status: 200, data: { ok: false, message: expect.stringContaining("Faster Payments") } });
    const badEmail = await sell(session, { email: "nope" });
    expect(badEmail).toMatchObject({ status: 200, data: { fieldErrors: { email: expect.any(String) } } });
    const badGateway = await sell(session, { gateway: "nobody" });
    expect(badGateway).toMatchObject({ status: 200, data: { fieldErrors: { gateway: "Choose a provider." } } });
    const wrongSecret = await sell({ ...session, clientSecret: "sess_secret_wrong" });
    expect(wrongSecret).toMatchObject({ status: 200, data: { ok: false, closed: { state: "invalid" } } });
    expect(await database.db.select().from(order).where(eq(order.sessionId, session.sessionId))).toEqual([]);
  });

  it("places one sell order, answers its deposit instructions, and a reload lands on them", async () => {
    const session = await newSellSession({ sourceAmount: undefined, fieldLocks: { sourceAmount: { locked: false, min: "0.1", max: "2" } } });
    const tooMuch = await sell(session, { sourceAmount: "3" });
    expect(tooMuch).toMatchObject({ status: 200, data: { ok: false, fieldErrors: { sourceAmount: expect.stringMatching(/2/) } } });

    const placed = await sell(session, { sourceAmount: "0.25", destinationCurrency: "USD" });
    expect(placed.status, JSON.stringify(placed.data)).toBe(201);
    const page = placed.data.sellOrder as SellOrderPage;
    expect(page.state).toBe("sell_order");
    expect(page.order).toMatchObject({
      status: "created",
      cryptoAmount: "0.25",
      cryptoCurrency: "ETH",
      network: "ethereum",
      networkName: "Ethereum",
      // Locked by the partner: the page's USD was ignored.
      fiatCurrency: "EUR",
      payoutMethod: "SEPA bank transfer",
      refundAddress: WALLET_ADDRESS,
      gatewayName: "Banxa",
      returnUrl: null,
    });
    expect(page.order.depositAddress).toMatch(/^0x[0-9a-f]{40}$/);
    expect(page.order.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(page.order.gatewayUrl).toMatch(/\/sandbox\/banxa\/pay\//);
    expect(new Date(page.order.depositExpiresAt).getTime()).toBeGreaterThan(Date.now());

    const [row] = await database.db.select().from(order).where(eq(order.sessionId, session.sessionId));
    expect(row).toMatchObject({ type: "sell", email: "seller@example.com", paymentMethod: "sepa", metadata: { partnerMetadata: { saleId: "sale-7" } } });

    // Exactly one per session: a second try (another tab) lands on the same sale, not a second order.
    const again = await sell(session, { sourceAmount: "0.3" });
    expect(again.data).toMatchObject({ ok: true, orderId: row!.id, sellOrder: { order: { cryptoAmount: "0.25" } } });
    expect(await database.db.select().from(order).where(eq(order.sessionId, session.sessionId))).toHaveLength(1);

    const reloaded = await loadCheckout(database.db, session);
    expect(reloaded).toMatchObject({ state: "sell_order", order: { orderId: row!.id, depositAddress: page.order.depositAddress } });
  });
});

describe("the status poll", () => {
  it("follows the sandbox: awaiting deposit → deposit received → payout sent, then the way back to redirectUrl", async () => {
    const session = await newSellSession({ refundAddress: WALLET_ADDRESS });
    const placed = await sell(session, { refundAddress: undefined });
    expect(placed.status, JSON.stringify(placed.data)).toBe(201);
    const orderId = placed.data.orderId as string;
    const [payment] = await database.db.select().from(sandboxPayment).where(eq(sandboxPayment.partnerOrderId, orderId));
    expect((await poll(session)).order.status).toBe("created");

    await decideSandboxPayment(database.db, "banxa", payment!.id, "sent");
    expect((await poll(session)).order).toMatchObject({ status: "processing" });

    await decideSandboxPayment(database.db, "banxa", payment!.id, "approve");
    const done = await poll(session);
    expect(done.order.status).toBe("completed");
    expect(done.order.returnUrl).toBe(`https://yoursite.com/sold?sessionId=${session.sessionId}&status=completed`);
  });

  it("expires a sale whose deadline passed when the page asks, with its order.expired event", async () => {
    const session = await newSellSession({ refundAddress: WALLET_ADDRESS });
    const placed = await sell(session);
    const orderId = placed.data.orderId as string;
    await database.db
      .update(order)
      .set({ depositExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(order.id, orderId));
    const page = await poll(session);
    expect(page.order).toMatchObject({ status: "expired", returnUrl: null });
    const events = await database.db
      .select()
      .from(event)
      .where(and(eq(event.orderId, orderId), eq(event.type, "order.expired")));
    expect(events).toHaveLength(1);
    // Asked again: still expired, no second event.
    expect((await poll(session)).order.status).toBe("expired");
    expect(
      await database.db
        .select()
        .from(event)
        .where(and(eq(event.orderId, orderId), eq(event.type, "order.expired"))),
    ).toHaveLength(1);
  });
});
