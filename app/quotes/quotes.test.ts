/**
 * Quotes: the pricing formula (exact decimals, fees, ranking that changes with the amount)
 * and GET /public/v1/onramp/quotes through its route loader: ranked quotes from enabled
 * gateways only, reasons for the rest, every validation code, project and key resolution,
 * CORS and preflight.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Decimal } from "decimal.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { project } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { insertProject, projectContext, type ProjectIds } from "~test/contexts";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { GATEWAYS, gatewayById, gatewayFees, type Gateway } from "~/gateways/catalogue";
import { enableDefaultGateways, moveGateway, setGatewayEnabled, setLiveCredentials } from "~/gateways/settings.server";
import { createApiKey } from "~/keys/keys.server";
import { clearKeyCheckCache } from "~/keys/key-check.server";
import { startBanxaStandIn } from "~test/stand-ins/banxa";
import { action, loader } from "~/routes/public.v1.onramp.quotes";
import { CRYPTO_DECIMALS, priceQuote, priceSell } from "./pricing";
import { QUOTE_TTL_SECONDS, getQuotes, rankQuotes, type Quote, type UnavailableQuote } from "./quotes.server";
import { getSellQuotes } from "./sell-quotes.server";

const banxa = gatewayById("banxa")!;
const moonpay = gatewayById("moonpay")!;
const transak = gatewayById("transak")!;
const mercuryo = gatewayById("mercuryo")!;

const SEED_QUERY = { fiatCurrency: "USD", cryptoCurrency: "ETH", network: "ethereum", fiatAmount: "100" };
const FIXED = (decimals: number) => new RegExp(`^\\d+\\.\\d{${decimals}}$`);

// ---------------------------------------------------------------------------------------
// priceQuote: pure
// ---------------------------------------------------------------------------------------

describe("priceQuote", () => {
  it("prices the contract's example at Banxa: fee lines in cents, rate with the spread, crypto net of fees", () => {
    const quote = priceQuote(banxa, { fiat: "USD", crypto: "ETH", network: "ethereum", fiatAmount: "100" });
    // 1.99 % of 100; Banxa passes on 2.50 USD of Ethereum gas.
    expect(quote.fees).toEqual({ gateway: "1.99", network: "2.50", total: "4.49", currency: "USD" });
    // 1 / 3200 ETH per USD, less Banxa's 0.9 % spread.
    expect(quote.rate).toBe("0.0003096875");
    // (100 − 4.49) × 0.0003096875 = 0.029578253125, cut to 8 decimals.
    expect(quote.cryptoAmount).toBe("0.02957825");
    expect(quote.fiatAmount).toBe("100.00");
  });

  it("adds a fixed fee and converts the network fee into the order's fiat", () => {
    expect(priceQuote(moonpay, { fiat: "USD", crypto: "ETH", network: "ethereum", fiatAmount: "100" }).fees).toEqual({
      gateway: "5.49", // 3.5 % + 1.99 USD
      network: "3.90",
      total: "9.39",
      currency: "USD",
    });
    // 2.50 USD of gas is 2.3148… EUR at 1.08 USD per EUR.
    expect(priceQuote(banxa, { fiat: "EUR", crypto: "ETH", network: "ethereum", fiatAmount: "100" }).fees).toEqual({
      gateway: "1.99",
      network: "2.31",
      total: "4.30",
      currency: "EUR",
    });
  });

  it("rounds a half cent up exactly, where binary floats round it down", () => {
    // 1.99 % of 250 is exactly 4.975.
    expect(priceQuote(banxa, { fiat: "USD", crypto: "USDC", network: "polygon", fiatAmount: "250" }).fees.gateway).toBe("4.98");
    // The catalogue's display helper computes in floats (4.97499…): see the report on aligning it.
    expect(gatewayFees(banxa, { fiat: "USD", fiatAmount: 250, network: "polygon" }).gatewayFee).toBe(4.97);
  });

  it("answers decimal strings with fixed decimals and never an exponent", () => {
    for (const gateway of GATEWAYS) {
      for (const route of gateway.cryptos) {
        for (const fiat of gateway.fiats) {
          const quote = priceQuote(gateway, { fiat: fiat.code, crypto: route.crypto, network: route.network, fiatAmount: String(fiat.min) });
          expect(quote.fiatAmount).toMatch(FIXED(2));
          expect(quote.cryptoAmount).toMatch(FIXED(CRYPTO_DECIMALS[route.crypto]));
          for (const fee of [quote.fees.gateway, quote.fees.network, quote.fees.total]) expect(fee).toMatch(FIXED(2));
          expect(quote.rate).toMatch(/^\d+(\.\d+)?$/);
          expect(new Decimal(quote.rate).gt(0)).toBe(true);
        }
      }
    }
    // BTC per AUD is small: still plain digits, 10 significant.
    expect(priceQuote(banxa, { fiat: "AUD", crypto: "BTC", network: "bitcoin", fiatAmount: "75" }).rate).toBe("0.000006884842105");
  });

  it("can be checked from its own fields: cryptoAmount = floor((fiatAmount − fees.total) × rate)", () => {
    for (const fiatAmount of ["20", "99.99", "100", "1234.56", "7000"]) {
      for (const gateway of GATEWAYS) {
        const quote = priceQuote(gateway, { fiat: "USD", crypto: "USDC", network: "ethereum", fiatAmount });
        const expected = new Decimal(quote.fiatAmount).minus(quote.fees.total).times(quote.rate).toFixed(6, Decimal.ROUND_DOWN);
        expect(quote.cryptoAmount, `${gateway.id} ${fiatAmount}`).toBe(expected);
        expect(new Decimal(quote.fees.gateway).plus(quote.fees.network).toFixed(2)).toBe(quote.fees.total);
      }
    }
  });

  it("ranks differently by amount: a fixed fee or a wide spread wins or loses with size", () => {
    const best = (fiatAmount: string) => {
      const amounts = GATEWAYS.map((g) => ({ id: g.id, amount: priceQuote(g, { fiat: "USD", crypto: "ETH", network: "ethereum", fiatAmount }).cryptoAmount }));
      return rankQuotes(amounts.map((a) => ({ ...a, cryptoAmount: a.amount })))[0]!.id;
    };
    // Mercuryo's tight rate and small gas wins a small order; Banxa's low percentage a big one.
    expect(best("100")).toBe("mercuryo");
    expect(best("1000")).toBe("banxa");
  });

  it("gives nothing, not a negative amount, when fees exceed the order", () => {
    const quote = priceQuote(moonpay, { fiat: "USD", crypto: "BTC", network: "bitcoin", fiatAmount: "5" });
    expect(quote.cryptoAmount).toBe("0.00000000");
    // 3.5 % of 5 = 0.175 → 0.18, + 1.99 fixed + 4.50 of Bitcoin fees.
    expect(quote.fees.total).toBe("6.67");
  });

  it("is deterministic: the sandbox provider gets the same price for the same input", () => {
    const input = { fiat: "GBP", crypto: "SOL", network: "solana", fiatAmount: "321.09" };
    expect(priceQuote(transak, input)).toEqual(priceQuote(transak, input));
  });

  it("refuses what validation should have caught", () => {
    const base = { fiat: "USD", crypto: "ETH", network: "ethereum" };
    for (const fiatAmount of ["0", "-1", "1e3", "10.001", "", "abc", ".5"]) {
      expect(() => priceQuote(banxa, { ...base, fiatAmount }), fiatAmount).toThrow(RangeError);
    }
    expect(() => priceQuote(banxa, { ...base, fiat: "JPY", fiatAmount: "100" })).toThrow(RangeError);
    expect(() => priceQuote(banxa, { ...base, crypto: "DOGE", fiatAmount: "100" })).toThrow(RangeError);
    expect(() => priceQuote(banxa, { ...base, network: "tron", fiatAmount: "100" })).toThrow(RangeError);
  });
});

describe("rankQuotes", () => {
  it("puts the most crypto first and keeps priority order between equal amounts", () => {
    const inPriorityOrder = [
      { id: "first", cryptoAmount: "0.5" },
      { id: "second", cryptoAmount: "1.25" },
      { id: "third", cryptoAmount: "0.50" },
      { id: "fourth", cryptoAmount: "1.25000000" },
    ];
    expect(rankQuotes(inPriorityOrder).map((q) => q.id)).toEqual(["second", "fourth", "first", "third"]);
    // Compared as decimals, not as text ("9" > "10" as strings).
    expect(rankQuotes([{ cryptoAmount: "9" }, { cryptoAmount: "10" }])[0]!.cryptoAmount).toBe("10");
  });
});

// ---------------------------------------------------------------------------------------
// The route, on the database
// ---------------------------------------------------------------------------------------

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

/** A project as createProject leaves it: every gateway enabled in test mode, in catalogue order. */
async function newProject(name = "Quotes"): Promise<ProjectIds> {
  const ids = await insertProject(database.db, name);
  await enableDefaultGateways(database.db, ids.projectId);
  return ids;
}

async function keyFor(ids: ProjectIds, kind: "publishable" | "secret", mode: Mode) {
  return (await createApiKey(database.db, { projectId: ids.projectId, mode, kind })).token;
}

interface QuotesBody {
  success: boolean;
  data: {
    quotes: Quote[];
    unavailable: UnavailableQuote[];
    fiatCurrency: string;
    cryptoCurrency: string;
    network: string;
    fiatAmount: string;
    livemode: boolean;
  };
}

interface ErrorBody {
  success: false;
  error: { code: string; message: string; details?: { field: string; message: string }[]; requestId: string };
}

function quotesUrl(params: Record<string, string>) {
  return `http://localhost/public/v1/onramp/quotes?${new URLSearchParams(params)}`;
}

async function get(params: Record<string, string> | string, headers: Record<string, string> = {}) {
  const url = typeof params === "string" ? `http://localhost/public/v1/onramp/quotes?${params}` : quotesUrl(params);
  const response = await loader({ request: new Request(url, { headers }), params: {}, context: {} });
  return { response, body: (await response.json()) as unknown };
}

async function quotesFor(ids: ProjectIds, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const { response, body } = await get({ projectId: ids.projectId, ...SEED_QUERY, ...params }, headers);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return (body as QuotesBody).data;
}

async function failure(params: Record<string, string> | string, headers: Record<string, string> = {}) {
  const { response, body } = await get(params, headers);
  const error = (body as ErrorBody).error;
  expect((body as ErrorBody).success).toBe(false);
  expect(error.requestId).toMatch(/^req_/);
  expect(response.headers.get("Request-Id")).toBe(error.requestId);
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  return { status: response.status, ...error };
}

const ids = (list: { gateway: { id: string } }[]) => list.map((q) => q.gateway.id);
const reasons = (list: UnavailableQuote[]) => Object.fromEntries(list.map((u) => [u.gateway.id, u.reason]));

describe("GET /public/v1/onramp/quotes", () => {
  it("answers the contract's example with ranked quotes from every enabled gateway", async () => {
    const project = await newProject("Contract example");
    const before = Date.now();
    const { response, body } = await get({ projectId: project.projectId, ...SEED_QUERY });
    expect(response.status).toBe(200);
    expect(response.headers.get("Request-Id")).toMatch(/^req_/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);

    const { success, data } = body as QuotesBody;
    expect(success).toBe(true);
    expect(data).toMatchObject({ fiatCurrency: "USD", cryptoCurrency: "ETH", network: "ethereum", fiatAmount: "100.00", livemode: false });
    expect(data.unavailable).toEqual([]);
    expect(ids(data.quotes)).toEqual(["mercuryo", "banxa", "transak", "moonpay"]);
    const amounts = data.quotes.map((q) => new Decimal(q.cryptoAmount));
    for (let i = 1; i < amounts.length; i++) expect(amounts[i - 1]!.gte(amounts[i]!)).toBe(true);

    const top = data.quotes[0]!;
    expect(top).toEqual({
      gateway: { id: "mercuryo", name: "Mercuryo", logo: null },
      ...priceQuote(mercuryo, { fiat: "USD", crypto: "ETH", network: "ethereum", fiatAmount: "100" }),
      paymentMethods: ["debit-credit-card", "apple-pay", "google-pay", "ach"],
      limits: { minFiat: 20, maxFiat: 7000, minCrypto: 0.001, maxCrypto: 20 },
      estimatedDeliveryTime: "1–5 min",
      kycHandledByProvider: false,
      checkoutMethod: "redirect",
      expiresAt: expect.any(String),
    });
    expect(top.cryptoAmount).toBe("0.02987824");
    const expiresIn = Date.parse(top.expiresAt) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(QUOTE_TTL_SECONDS * 1000);
    expect(expiresIn).toBeLessThan((QUOTE_TTL_SECONDS + 10) * 1000);
    const moonpayQuote = data.quotes.find((q) => q.gateway.id === "moonpay")!;
    expect(moonpayQuote).toMatchObject({ checkoutMethod: "iframe", kycHandledByProvider: true, estimatedDeliveryTime: "5–20 min" });
    // SEPA is for euros, so a USD quote doesn't offer it.
    expect(moonpayQuote.paymentMethods).toEqual(["debit-credit-card", "apple-pay", "google-pay"]);
  });

  it("ranks by amount received whatever the project's priority, and lists the rest by priority", async () => {
    const project = await newProject("Priority");
    const ctx = projectContext(database.db, project, "test");
    await moveGateway(ctx, "mercuryo", "up");
    await moveGateway(ctx, "mercuryo", "up");
    await moveGateway(ctx, "mercuryo", "up");
    expect(ids((await quotesFor(project)).quotes)).toEqual(["mercuryo", "banxa", "transak", "moonpay"]);
    expect(ids((await quotesFor(project, { fiatAmount: "1000" })).quotes)).toEqual(["banxa", "mercuryo", "transak", "moonpay"]);
    // Too small for everyone: the reasons come in the project's order (Mercuryo first now).
    const tiny = await quotesFor(project, { fiatAmount: "5" });
    expect(tiny.quotes).toEqual([]);
    expect(ids(tiny.unavailable)).toEqual(["mercuryo", "banxa", "moonpay", "transak"]);
  });

  it("moves a disabled gateway to unavailable with a reason", async () => {
    const project = await newProject("Disabled");
    await setGatewayEnabled(projectContext(database.db, project, "test"), "mercuryo", false);
    const data = await quotesFor(project);
    expect(ids(data.quotes)).toEqual(["banxa", "transak", "moonpay"]);
    expect(data.unavailable).toEqual([
      { gateway: { id: "mercuryo", name: "Mercuryo", logo: null }, code: "NOT_ENABLED", reason: "Not enabled for this project" },
    ]);
  });

  it("leaves out a gateway that excludes the buyer's country", async () => {
    const project = await newProject("Countries");
    const us = await quotesFor(project, { country: "us" });
    expect(ids(us.quotes)).toEqual(["mercuryo", "banxa", "moonpay"]);
    expect(us.unavailable).toEqual([
      { gateway: { id: "transak", name: "Transak", logo: null }, code: "UNSUPPORTED_COUNTRY", reason: "Doesn't serve country US (United States)" },
    ]);
    const gb = await quotesFor(project, { country: "GB" });
    expect(reasons(gb.unavailable)).toEqual({ mercuryo: "Doesn't serve country GB (United Kingdom)" });
    // Nobody serves Antarctica.
    const aq = await quotesFor(project, { country: "AQ" });
    expect(aq.quotes).toEqual([]);
    expect(aq.unavailable.map((u) => u.code)).toEqual(["UNSUPPORTED_COUNTRY", "UNSUPPORTED_COUNTRY", "UNSUPPORTED_COUNTRY", "UNSUPPORTED_COUNTRY"]);
  });

  it("checks the fiat limits and, after fees, the crypto limits", async () => {
    const project = await newProject("Limits");
    const forty = await quotesFor(project, { fiatAmount: "40" });
    expect(ids(forty.quotes)).toEqual(["mercuryo", "transak", "moonpay"]);
    expect(forty.unavailable).toEqual([{ gateway: { id: "banxa", name: "Banxa", logo: null }, code: "AMOUNT_TOO_LOW", reason: "Minimum is 50 USD" }]);
    // Inclusive bounds: exactly Banxa's minimum is fine.
    expect(ids((await quotesFor(project, { fiatAmount: "50.00" })).quotes)).toContain("banxa");

    const large = await quotesFor(project, { fiatAmount: "6000" });
    expect(reasons(large.unavailable)).toEqual({ transak: "Maximum is 5000 USD" });
    expect(large.unavailable[0]!.code).toBe("AMOUNT_TOO_HIGH");

    // 20 USD is within Mercuryo's fiat limits, but after 2.79 USD of fees it buys less than 0.0002 BTC.
    const btc = await quotesFor(project, { cryptoCurrency: "BTC", network: "bitcoin", fiatAmount: "20" });
    expect(btc.quotes).toEqual([]);
    expect(reasons(btc.unavailable)).toEqual({
      banxa: "Minimum is 50 USD",
      mercuryo: "Minimum is 0.0002 BTC; 20.00 USD buys 0.00018070 BTC after fees",
      moonpay: "Minimum is 30 USD",
      transak: "Doesn't deliver BTC on Bitcoin",
    });
    expect(btc.unavailable.find((u) => u.gateway.id === "transak")!.code).toBe("UNSUPPORTED_ROUTE");
  });

  it("leaves out gateways without the payment method, or where it can't carry the fiat", async () => {
    const project = await newProject("Methods");
    const ach = await quotesFor(project, { paymentMethod: "ach" });
    expect(ids(ach.quotes)).toEqual(["mercuryo", "banxa"]);
    expect(reasons(ach.unavailable)).toEqual({ moonpay: "Doesn't offer ACH bank transfer", transak: "Doesn't offer ACH bank transfer" });
    const sepa = await quotesFor(project, { paymentMethod: "sepa" });
    expect(sepa.quotes).toEqual([]);
    expect(new Set(Object.values(reasons(sepa.unavailable)))).toEqual(new Set(["SEPA bank transfer can't be used to pay in USD"]));
    expect(sepa.unavailable.every((u) => u.code === "UNSUPPORTED_PAYMENT_METHOD")).toBe(true);
  });

  it("reports a gateway that doesn't take the fiat", async () => {
    const project = await newProject("Fiats");
    const gbp = await quotesFor(project, { fiatCurrency: "GBP" });
    expect(reasons(gbp.unavailable)).toEqual({ mercuryo: "Doesn't accept GBP" });
    expect(gbp.unavailable[0]!.code).toBe("UNSUPPORTED_FIAT");
  });

  it("takes codes in any case and answers them in the catalogue's spelling", async () => {
    const project = await newProject("Case");
    const data = await quotesFor(project, { fiatCurrency: "usd", cryptoCurrency: "eth", network: "Ethereum", fiatAmount: "99.5", orderType: "buy" });
    expect(data).toMatchObject({ fiatCurrency: "USD", cryptoCurrency: "ETH", network: "ethereum", fiatAmount: "99.50" });
    expect(data.quotes).toHaveLength(4);
  });

  it("serves live mode to a live publishable key once the project is live: only connected gateways quote, priced by their own API", async () => {
    const shop = await newProject("Live");
    const live = await keyFor(shop, "publishable", "live");
    // Not live yet: the live key is refused.
    expect(await failure({ projectId: shop.projectId, ...SEED_QUERY }, { Authorization: `Bearer ${live}` })).toMatchObject({
      status: 403,
      code: "PROJECT_NOT_LIVE",
    });
    await database.db.update(project).set({ defaultMode: "live" }).where(eq(project.id, shop.projectId));
    clearKeyCheckCache();
    const empty = await quotesFor(shop, {}, { Authorization: `Bearer ${live}` });
    expect(empty.livemode).toBe(true);
    expect(empty.quotes).toEqual([]);
    expect(empty.unavailable.map((u) => [u.gateway.id, u.code])).toEqual(GATEWAYS.map((g) => [g.id, "NOT_ENABLED"]));

    const standIn = await startBanxaStandIn({ callbackUrl: "http://127.0.0.1:9/callbacks" });
    const previous = process.env.GATEWAY_BANXA_BASE_URL;
    process.env.GATEWAY_BANXA_BASE_URL = standIn.baseUrl;
    try {
      const liveCtx = projectContext(database.db, shop, "live");
      await setLiveCredentials(liveCtx, "banxa", standIn.credentials);
      await setGatewayEnabled(liveCtx, "banxa", true);
      const withBanxa = await quotesFor(shop, {}, { Authorization: `Bearer ${live}` });
      expect(ids(withBanxa.quotes)).toEqual(["banxa"]);
      // Banxa's own price (the stand-in's), not the catalogue's.
      expect(withBanxa.quotes[0]!.cryptoAmount).toBe("0.02918182");
      expect(withBanxa.quotes[0]!.cryptoAmount).not.toBe(
        priceQuote(gatewayById("banxa")!, { fiat: "USD", crypto: "ETH", network: "ethereum", fiatAmount: "100" }).cryptoAmount,
      );

      // A gateway that can't be reached is listed unavailable with the reason, never replaced by the sandbox.
      process.env.GATEWAY_BANXA_BASE_URL = "http://127.0.0.1:9";
      const down = await quotesFor(shop, {}, { Authorization: `Bearer ${live}` });
      expect(down.quotes).toEqual([]);
      expect(down.unavailable.find((u) => u.gateway.id === "banxa")).toMatchObject({ code: "GATEWAY_UNAVAILABLE", reason: "Banxa did not answer." });

      // The live project serves live keylessly; a test key still serves test.
      process.env.GATEWAY_BANXA_BASE_URL = standIn.baseUrl;
      expect(ids((await quotesFor(shop)).quotes)).toEqual(["banxa"]);
      const testKey = await keyFor(shop, "publishable", "test");
      const test = await quotesFor(shop, {}, { Authorization: `Bearer ${testKey}` });
      expect(test.livemode).toBe(false);
      expect(test.quotes).toHaveLength(4);
    } finally {
      if (previous === undefined) delete process.env.GATEWAY_BANXA_BASE_URL;
      else process.env.GATEWAY_BANXA_BASE_URL = previous;
      await standIn.close();
    }
  });

  it("a live gateway slower than the timeout is listed unavailable, the others still quote", async () => {
    const shop = await newProject("Slow");
    const liveCtx = projectContext(database.db, shop, "live");
    const standIn = await startBanxaStandIn({ callbackUrl: "http://127.0.0.1:9/callbacks" });
    // A server that accepts and never answers.
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const previous = process.env.GATEWAY_BANXA_BASE_URL;
    process.env.GATEWAY_BANXA_BASE_URL = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await setLiveCredentials(liveCtx, "banxa", standIn.credentials);
      await setGatewayEnabled(liveCtx, "banxa", true);
      const started = Date.now();
      const result = await getQuotes(
        database.db,
        { fiatCurrency: "USD", cryptoCurrency: "ETH", network: "ethereum", fiatAmount: "100", projectId: shop.projectId, mode: "live" },
        { timeoutMs: 300 },
      );
      expect(Date.now() - started).toBeLessThan(3000);
      expect(result.quotes).toEqual([]);
      expect(result.unavailable.find((u) => u.gateway.id === "banxa")).toMatchObject({
        code: "GATEWAY_UNAVAILABLE",
        reason: expect.stringContaining("did not answer within"),
      });
    } finally {
      if (previous === undefined) delete process.env.GATEWAY_BANXA_BASE_URL;
      else process.env.GATEWAY_BANXA_BASE_URL = previous;
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      await standIn.close();
    }
  });
});

describe("live sell quotes", () => {
  it("come from the connected gateway's own sell-quote call; unreachable or slower than the timeout, it is unavailable with the reason", async () => {
    const shop = await newProject("Live sells");
    const liveCtx = projectContext(database.db, shop, "live");
    const standIn = await startBanxaStandIn({ callbackUrl: "http://127.0.0.1:9/callbacks" });
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const previous = process.env.GATEWAY_BANXA_BASE_URL;
    const sale = { cryptoAmount: "0.5", cryptoCurrency: "ETH", network: "ethereum", fiatCurrency: "EUR", projectId: shop.projectId, mode: "live" } as const;
    try {
      const notConnected = await getSellQuotes(database.db, sale);
      expect(notConnected.quotes).toEqual([]);
      process.env.GATEWAY_BANXA_BASE_URL = standIn.baseUrl;
      await setLiveCredentials(liveCtx, "banxa", standIn.credentials);
      await setGatewayEnabled(liveCtx, "banxa", true);
      const priced = await getSellQuotes(database.db, sale);
      expect(priced.quotes.map((q) => q.gateway.id)).toEqual(["banxa"]);
      // The stand-in's price (0.5 × 3200 less 3.70), not the catalogue's.
      expect(priced.quotes[0]).toMatchObject({ fiatAmount: "1596.30", rate: "3200", fees: { total: "3.70", currency: "EUR" } });
      const catalogue = priceSell(banxa, { crypto: "ETH", network: "ethereum", cryptoAmount: "0.5", fiat: "EUR" });
      expect(priced.quotes[0]!.fiatAmount).not.toBe(catalogue.fiatAmount);

      process.env.GATEWAY_BANXA_BASE_URL = "http://127.0.0.1:9";
      const down = await getSellQuotes(database.db, sale);
      expect(down.quotes).toEqual([]);
      expect(down.unavailable.find((u) => u.gateway.id === "banxa")).toMatchObject({ code: "GATEWAY_UNAVAILABLE", reason: "Banxa did not answer." });

      process.env.GATEWAY_BANXA_BASE_URL = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const started = Date.now();
      const slow = await getSellQuotes(database.db, sale, { timeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(slow.unavailable.find((u) => u.gateway.id === "banxa")).toMatchObject({
        code: "GATEWAY_UNAVAILABLE",
        reason: expect.stringContaining("did not answer within"),
      });

      // Test mode still prices from the catalogue, as the sandbox does.
      const test = await getSellQuotes(database.db, { ...sale, mode: "test" });
      expect(test.quotes.find((q) => q.gateway.id === "banxa")?.fiatAmount).toBe(catalogue.fiatAmount);
    } finally {
      if (previous === undefined) delete process.env.GATEWAY_BANXA_BASE_URL;
      else process.env.GATEWAY_BANXA_BASE_URL = previous;
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      await standIn.close();
    }
  });
});

describe("GET /public/v1/onramp/quotes: validation", () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = (await newProject("Validation")).projectId;
  });

  it("names every missing parameter in a VALIDATION_ERROR", async () => {
    const error = await failure("");
    expect(error.status).toBe(400);
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.details).toEqual(["projectId", "fiatCurrency", "cryptoCurrency", "network", "fiatAmount"].map((field) => ({ field, message: "Required." })));
    // An empty value is a missing one.
    const empty = await failure({ projectId, ...SEED_QUERY, fiatAmount: "" });
    expect(empty.code).toBe("VALIDATION_ERROR");
    expect(empty.details).toEqual([{ field: "fiatAmount", message: "Required." }]);
  });

  it("answers INVALID_CURRENCY for an unknown fiat or crypto", async () => {
    const fiat = await failure({ projectId, ...SEED_QUERY, fiatCurrency: "JPY" });
    expect(fiat).toMatchObject({
      status: 400,
      code: "INVALID_CURRENCY",
      details: [{ field: "fiatCurrency", message: expect.stringContaining("USD, EUR, GBP, CAD, AUD") }],
    });
    const crypto = await failure({ projectId, ...SEED_QUERY, cryptoCurrency: "DOGE" });
    expect(crypto).toMatchObject({ status: 400, code: "INVALID_CURRENCY", details: [{ field: "cryptoCurrency", message: expect.stringContaining("ETH") }] });
    expect(crypto.message).toBe(crypto.details![0]!.message);
  });

  it("answers INVALID_NETWORK for an unknown network or one that doesn't carry the crypto", async () => {
    const unknown = await failure({ projectId, ...SEED_QUERY, network: "tron" });
    expect(unknown).toMatchObject({ status: 400, code: "INVALID_NETWORK", details: [{ field: "network" }] });
    const mismatch = await failure({ projectId, ...SEED_QUERY, network: "solana" });
    expect(mismatch).toMatchObject({
      status: 400,
      code: "INVALID_NETWORK",
      details: [{ field: "network", message: "ETH is not available on solana. Use one of: ethereum, arbitrum, optimism, base." }],
    });
  });

  it("answers INVALID_AMOUNT for anything but a positive plain decimal with at most 2 decimals", async () => {
    for (const fiatAmount of ["0", "0.00", "-5", "+5", "1e3", "10.001", "abc", ".5", "100.", "1,000", "Infinity", "NaN", "0x10", "1000000000000"]) {
      const error = await failure({ projectId, ...SEED_QUERY, fiatAmount });
      expect(error, fiatAmount).toMatchObject({ status: 400, code: "INVALID_AMOUNT", details: [{ field: "fiatAmount" }] });
    }
  });

  it("answers VALIDATION_ERROR for bad optional parameters, unknown or repeated ones", async () => {
    const country = await failure({ projectId, ...SEED_QUERY, country: "USA" });
    expect(country).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "country", message: expect.stringContaining("alpha-2") }] });
    const method = await failure({ projectId, ...SEED_QUERY, paymentMethod: "paypal" });
    expect(method).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "paymentMethod" }] });
    // A sell quote takes cryptoAmount, not a buy's fiatAmount (docs/api-contract.md#sell-quotes).
    const sell = await failure({ projectId, ...SEED_QUERY, orderType: "sell" });
    expect(sell.code).toBe("VALIDATION_ERROR");
    expect(sell.details!.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(["fiatAmount", "cryptoAmount"]));
    const unknown = await failure({ projectId, ...SEED_QUERY, amount: "100" });
    expect(unknown).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "amount", message: expect.stringContaining("unknown parameter") }] });
    const repeated = await failure(`projectId=${projectId}&fiatCurrency=USD&cryptoCurrency=ETH&network=ethereum&fiatAmount=100&fiatAmount=200`);
    expect(repeated).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "fiatAmount", message: expect.stringContaining("more than once") }] });
  });

  it("lists every problem at once; a missing parameter makes the whole a VALIDATION_ERROR", async () => {
    const error = await failure({ projectId, fiatCurrency: "XXX", cryptoCurrency: "ETH", network: "bitcoin" });
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.details!.map((d) => d.field)).toEqual(["fiatCurrency", "network", "fiatAmount"]);
    // Only coded problems: the first parameter's code wins.
    const coded = await failure({ projectId, fiatCurrency: "USD", cryptoCurrency: "ETH", network: "bitcoin", fiatAmount: "-1" });
    expect(coded.code).toBe("INVALID_NETWORK");
    expect(coded.details!.map((d) => d.field)).toEqual(["network", "fiatAmount"]);
  });
});

describe("GET /public/v1/onramp/quotes: project and key", () => {
  it("answers NOT_FOUND for an unknown or malformed project id", async () => {
    const unknown = await failure({ projectId: "550e8400-e29b-41d4-a716-446655440000", ...SEED_QUERY });
    expect(unknown).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const malformed = await failure({ projectId: "not-a-uuid", ...SEED_QUERY });
    expect(malformed).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  it("answers PROJECT_ARCHIVED for an archived project", async () => {
    const archived = await newProject("Archived");
    await database.db.update(project).set({ archivedAt: new Date() }).where(eq(project.id, archived.projectId));
    expect(await failure({ projectId: archived.projectId, ...SEED_QUERY })).toMatchObject({ status: 403, code: "PROJECT_ARCHIVED" });
  });

  it("refuses another project's publishable key with FORBIDDEN", async () => {
    const mine = await newProject("Mine");
    const theirs = await newProject("Theirs");
    const theirKey = await keyFor(theirs, "publishable", "test");
    const error = await failure({ projectId: mine.projectId, ...SEED_QUERY }, { Authorization: `Bearer ${theirKey}` });
    expect(error).toMatchObject({ status: 403, code: "FORBIDDEN" });
    // Its own key works.
    expect((await quotesFor(theirs, {}, { Authorization: `Bearer ${theirKey}` })).quotes).toHaveLength(4);
  });

  it("refuses any secret key with INSUFFICIENT_PERMISSIONS, even the project's own", async () => {
    const own = await newProject("Secret");
    for (const mode of ["test", "live"] as const) {
      const secret = await keyFor(own, "secret", mode);
      const error = await failure({ projectId: own.projectId, ...SEED_QUERY }, { Authorization: `Bearer ${secret}` });
      expect(error).toMatchObject({ status: 403, code: "INSUFFICIENT_PERMISSIONS" });
      expect(error.message).toContain("roll");
    }
  });

  it("refuses a key that isn't one with 401", async () => {
    const own = await newProject("Bad key");
    const invalid = await failure({ projectId: own.projectId, ...SEED_QUERY }, { Authorization: "Bearer pk_test_nope" });
    expect(invalid).toMatchObject({ status: 401, code: "INVALID_API_KEY" });
    const notBearer = await failure({ projectId: own.projectId, ...SEED_QUERY }, { Authorization: "Basic dXNlcjpwYXNz" });
    expect(notBearer).toMatchObject({ status: 401, code: "INVALID_API_KEY" });
  });
});

describe("/public/v1/onramp/quotes: other methods", () => {
  const url = quotesUrl({ projectId: "550e8400-e29b-41d4-a716-446655440000", ...SEED_QUERY });

  it("answers the browser's CORS preflight", async () => {
    // Remix hands OPTIONS to the loader (only POST, PUT, PATCH and DELETE reach the action).
    const response = await loader({
      request: new Request(url, { method: "OPTIONS", headers: { Origin: "https://shop.example", "Access-Control-Request-Headers": "authorization" } }),
      params: {},
      context: {},
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET, OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("Request-Id");
    expect(response.headers.get("Request-Id")).toMatch(/^req_/);
    expect(await response.text()).toBe("");
  });

  it("answers 405 with Allow to other methods", async () => {
    const response = await action({ request: new Request(url, { method: "POST", body: "{}" }), params: {}, context: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(((await response.json()) as ErrorBody).error.code).toBe("METHOD_NOT_ALLOWED");
  });
});

describe("getQuotes", () => {
  it("prices every quote with priceQuote and stamps one expiry", async () => {
    const project = await newProject("Direct");
    const now = new Date("2026-02-17T15:00:00.000Z");
    const result = await getQuotes(
      database.db,
      { projectId: project.projectId, mode: "test", fiatCurrency: "EUR", cryptoCurrency: "USDC", network: "polygon", fiatAmount: "250" },
      { now },
    );
    expect(result.fiatAmount).toBe("250.00");
    for (const quote of result.quotes) {
      const gateway = gatewayById(quote.gateway.id) as Gateway;
      expect(quote).toMatchObject(priceQuote(gateway, { fiat: "EUR", crypto: "USDC", network: "polygon", fiatAmount: "250" }));
      expect(quote.expiresAt).toBe("2026-02-17T15:01:00.000Z");
    }
    expect(ids(result.quotes).sort()).toEqual(["banxa", "mercuryo", "moonpay", "transak"]);
  });
});
