/**
 * GET /public/v1/onramp/supported through its route loader: the provider's shape, computed
 * over the project's enabled gateways for its mode, narrowed by order type and country.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertProject, markProjectLive, projectContext, type ProjectIds } from "~test/contexts";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { GATEWAYS } from "~/gateways/catalogue";
import { enableDefaultGateways, moveGateway, setGatewayEnabled } from "~/gateways/settings.server";
import { createApiKey } from "~/keys/keys.server";
import { action, loader } from "~/routes/public.v1.onramp.supported";
import type { Supported } from "./supported.server";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

async function newProject(name = "Supported"): Promise<ProjectIds> {
  const ids = await insertProject(database.db, name);
  await enableDefaultGateways(database.db, ids.projectId);
  return ids;
}

async function get(params: Record<string, string>, headers: Record<string, string> = {}) {
  const url = `http://localhost/public/v1/onramp/supported?${new URLSearchParams(params)}`;
  const response = await loader({ request: new Request(url, { headers }), params: {}, context: {} });
  return {
    response,
    body: (await response.json()) as {
      success: boolean;
      data: Supported & { livemode: boolean };
      error: { code: string; details?: { field: string }[]; requestId: string };
    },
  };
}

async function supported(ids: ProjectIds, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const { response, body } = await get({ projectId: ids.projectId, ...params }, headers);
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.success).toBe(true);
  return body.data;
}

const codes = (list: { code: string }[]) => list.map((x) => x.code);

describe("GET /public/v1/onramp/supported", () => {
  it("answers the provider's shape over every enabled gateway, with the widest limits", async () => {
    const project = await newProject();
    const { response, body } = await get({ projectId: project.projectId });
    expect(response.status).toBe(200);
    expect(response.headers.get("Request-Id")).toMatch(/^req_/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const data = body.data;
    expect(Object.keys(data).sort()).toEqual(["cryptos", "defaultGateway", "fiats", "gateways", "livemode", "paymentMethods"]);
    expect(data.livemode).toBe(false);

    expect(data.gateways.map((g) => g.id)).toEqual(GATEWAYS.map((g) => g.id));
    expect(data.gateways[1]).toEqual({
      id: "moonpay",
      name: "MoonPay",
      logo: null,
      enabled: true,
      features: { supportsIframe: true, supportsWidget: true, supportsBuy: true, supportsSell: true, supportsRecurring: true, kycHandledByProvider: true },
    });
    expect(data.defaultGateway).toBe("banxa");

    expect(codes(data.fiats)).toEqual(["USD", "EUR", "GBP", "CAD", "AUD"]);
    // Mercuryo takes USD from 20; Banxa and MoonPay up to 15000.
    expect(data.fiats[0]).toEqual({
      code: "USD",
      name: "US Dollar",
      symbol: "$",
      minAmount: 20,
      maxAmount: 15000,
      paymentMethods: ["debit-credit-card", "apple-pay", "google-pay", "ach"],
    });
    expect(data.fiats.find((f) => f.code === "EUR")!.paymentMethods).toEqual(["debit-credit-card", "apple-pay", "google-pay", "sepa"]);

    expect(codes(data.cryptos)).toEqual(["ETH", "USDC", "USDT", "BTC", "SOL", "POL"]);
    const eth = data.cryptos[0]!;
    expect(eth).toEqual({
      code: "ETH",
      name: "Ether",
      networks: [
        { id: "ethereum", name: "Ethereum", minAmount: 0.001, maxAmount: 100, isDefault: true },
        { id: "arbitrum", name: "Arbitrum One", minAmount: 0.001, maxAmount: 50, isDefault: false },
        { id: "optimism", name: "OP Mainnet", minAmount: 0.001, maxAmount: 50, isDefault: false },
        { id: "base", name: "Base", minAmount: 0.001, maxAmount: 50, isDefault: false },
      ],
    });
    for (const crypto of data.cryptos) expect(crypto.networks.filter((n) => n.isDefault)).toHaveLength(1);

    expect(data.paymentMethods).toEqual([
      { id: "debit-credit-card", name: "Debit or credit card", supportedFiats: ["USD", "EUR", "GBP", "CAD", "AUD"] },
      { id: "apple-pay", name: "Apple Pay", supportedFiats: ["USD", "EUR", "GBP", "CAD", "AUD"] },
      { id: "google-pay", name: "Google Pay", supportedFiats: ["USD", "EUR", "GBP", "CAD", "AUD"] },
      { id: "sepa", name: "SEPA bank transfer", supportedFiats: ["EUR"] },
      { id: "faster-payments", name: "UK Faster Payments", supportedFiats: ["GBP"] },
      { id: "ach", name: "ACH bank transfer", supportedFiats: ["USD"] },
    ]);
  });

  it("narrows to gateways that sell crypto back for orderType=sell", async () => {
    const project = await newProject();
    const data = await supported(project, { orderType: "sell" });
    // Mercuryo is buy-only; the limits and methods are the sell side's: payouts of 30–10000 USD (MoonPay, Banxa), by ACH or card.
    expect(data.gateways.map((g) => g.id)).toEqual(["banxa", "moonpay", "transak"]);
    expect(data.fiats[0]).toMatchObject({ code: "USD", minAmount: 30, maxAmount: 10000, paymentMethods: ["ach", "card-payout"] });
    expect(data.paymentMethods.map((m) => m.id)).toEqual(["sepa", "faster-payments", "ach", "card-payout"]);
    // POL is bought back by nobody; ETH on ethereum from 0.01 (Banxa, MoonPay, Transak).
    expect(data.cryptos.map((c) => c.code)).not.toContain("POL");
    expect(data.cryptos.find((c) => c.code === "ETH")!.networks[0]).toMatchObject({ id: "ethereum", minAmount: 0.01, maxAmount: 50 });
    const inIndia = await supported(project, { orderType: "sell", country: "IN" });
    expect(inIndia.gateways.map((g) => g.id)).toEqual(["transak"]);
    expect((await supported(project, { orderType: "buy" })).gateways).toHaveLength(4);
  });

  it("narrows to the gateways serving a country", async () => {
    const project = await newProject();
    const us = await supported(project, { country: "us" });
    expect(us.gateways.map((g) => g.id)).toEqual(["banxa", "moonpay", "mercuryo"]);

    // Only Transak serves Nigeria: no Bitcoin, no Canadian dollars, no ACH.
    const ng = await supported(project, { country: "NG" });
    expect(ng.gateways.map((g) => g.id)).toEqual(["transak"]);
    expect(ng.defaultGateway).toBe("transak");
    expect(codes(ng.fiats)).toEqual(["USD", "EUR", "GBP", "AUD"]);
    expect(ng.fiats[0]).toMatchObject({ minAmount: 30, maxAmount: 5000 });
    expect(codes(ng.cryptos)).toEqual(["ETH", "USDC", "USDT", "SOL", "POL"]);
    expect(ng.paymentMethods.map((m) => m.id)).not.toContain("ach");
  });

  it("answers empty lists, not an error, for a country no enabled gateway serves", async () => {
    const project = await newProject();
    const nobody = await supported(project, { country: "AQ" });
    expect(nobody).toEqual({ gateways: [], fiats: [], cryptos: [], paymentMethods: [], defaultGateway: null, livemode: false });

    // Transak serves Nigeria but is switched off: listed as such, nothing offered.
    await setGatewayEnabled(projectContext(database.db, project, "test"), "transak", false);
    const ng = await supported(project, { country: "NG" });
    expect(ng.gateways.map((g) => [g.id, g.enabled])).toEqual([["transak", false]]);
    expect(ng).toMatchObject({ fiats: [], cryptos: [], paymentMethods: [], defaultGateway: null });
  });

  it("leaves a disabled gateway's offer out and lists it last as disabled", async () => {
    const project = await newProject();
    await setGatewayEnabled(projectContext(database.db, project, "test"), "mercuryo", false);
    const data = await supported(project);
    expect(data.gateways.map((g) => [g.id, g.enabled])).toEqual([
      ["banxa", true],
      ["moonpay", true],
      ["transak", true],
      ["mercuryo", false],
    ]);
    // Without Mercuryo, USD starts at 30.
    expect(data.fiats[0]).toMatchObject({ code: "USD", minAmount: 30 });
  });

  it("picks the highest-priority enabled gateway serving the filters as default", async () => {
    const project = await newProject();
    const ctx = projectContext(database.db, project, "test");
    await moveGateway(ctx, "mercuryo", "up");
    await moveGateway(ctx, "mercuryo", "up");
    await moveGateway(ctx, "mercuryo", "up");
    const data = await supported(project);
    expect(data.defaultGateway).toBe("mercuryo");
    expect(data.gateways.map((g) => g.id)).toEqual(["mercuryo", "banxa", "moonpay", "transak"]);
    // Mercuryo doesn't serve the UK: the next in line does.
    expect((await supported(project, { country: "GB" })).defaultGateway).toBe("banxa");
  });

  it("serves live mode to a live publishable key: nothing until live gateways are set up", async () => {
    const project = await newProject();
    const { token } = await createApiKey(database.db, { projectId: project.projectId, mode: "live", kind: "publishable" });
    await markProjectLive(database.db, project.projectId);
    const live = await supported(project, {}, { Authorization: `Bearer ${token}` });
    expect(live.livemode).toBe(true);
    expect(live.gateways.every((g) => !g.enabled)).toBe(true);
    expect(live).toMatchObject({ fiats: [], cryptos: [], paymentMethods: [], defaultGateway: null });
  });

  it("validates its parameters and the project", async () => {
    const project = await newProject();
    const missing = await get({});
    expect(missing.response.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "projectId" }] });
    expect(missing.response.headers.get("Request-Id")).toBe(missing.body.error.requestId);

    const swap = await get({ projectId: project.projectId, orderType: "swap", country: "USA" });
    expect(swap.body.error).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "orderType" }, { field: "country" }] });

    const unknown = await get({ projectId: "550e8400-e29b-41d4-a716-446655440000" });
    expect(unknown.response.status).toBe(404);

    const { token } = await createApiKey(database.db, { projectId: project.projectId, mode: "test", kind: "secret" });
    const secret = await get({ projectId: project.projectId }, { Authorization: `Bearer ${token}` });
    expect(secret.response.status).toBe(403);
    expect(secret.body.error.code).toBe("INSUFFICIENT_PERMISSIONS");
  });

  it("answers the CORS preflight", async () => {
    const response = await loader({ request: new Request("http://localhost/public/v1/onramp/supported", { method: "OPTIONS" }), params: {}, context: {} });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const post = await action({ request: new Request("http://localhost/public/v1/onramp/supported", { method: "DELETE" }), params: {}, context: {} });
    expect(post.status).toBe(405);
  });
});
