/**
 * Live mode end to end against each gateway's stand-in (issue 14), once per registered live
 * adapter that has a stand-in (test/stand-ins/index.ts): connect credentials → Test connection →
 * go live → quotes from every connected gateway → session → order at the gateway → the
 * stand-in's signed callback → completed → a signed order.completed webhook to the partner; and
 * a forged callback, a replayed one, a refund. Then sells (off-ramp, docs/decisions/0017-off-ramp.md)
 * at every gateway whose adapter places them and whose stand-in plays them: sell session → sell
 * order at the gateway → signed callbacks (deposit address, deposit, payout) → completed → a signed
 * order.completed of type sell; bad callbacks answered 4xx, never 5xx. Real HTTP to the stand-ins;
 * the callbacks reach our route through a small local server. Both databases.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ActionFunctionArgs } from "@remix-run/node";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkoutSession, event, gatewayCallback, order, projectBranding, project } from "../db/schema";
import { LIVE_GATEWAYS } from "../app/gateways/adapters";
import { GATEWAYS, type GatewayId } from "../app/gateways/catalogue";
import { testGatewayConnection } from "../app/gateways/connections.server";
import { setCallbackSecret, setGatewayEnabled, setLiveCredentials, listGatewaySettings } from "../app/gateways/settings.server";
import { createApiKey } from "../app/keys/keys.server";
import { clearKeyCheckCache } from "../app/keys/key-check.server";
import { resetEnvForTests } from "../app/lib/env.server";
import { startQueue, stopQueue } from "../app/lib/queue.server";
import { goLiveState, setProjectLive } from "../app/projects/go-live.server";
import { action as liveCallbackRoute } from "../app/routes/callbacks.$gatewayId.$projectId";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { action as placeOrder } from "../app/routes/v1.sessions.$sessionId.order";
import { action as refundRoute } from "../app/routes/v1.orders.$orderId.refund";
import { action as endpointsAction } from "../app/routes/v1.webhook_endpoints";
import { loader as quotesRoute } from "../app/routes/public.v1.onramp.quotes";
import { RETRY_SCHEDULE_MS, DISABLE_AFTER_MS, configureDelivery } from "../app/webhooks/delivery.server";
import { startWebhookDelivery, stopWebhookDelivery } from "../app/webhooks/worker.server";
import { call } from "./api-client";
import { insertApiProject, projectContext, type ProjectIds } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { orderBody, sessionBody } from "./fixtures";
import { SELL_STAND_INS, STAND_INS } from "./stand-ins";
import type { GatewayStandIn, SellStep, SentCallback } from "./stand-ins/types";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

/** Every gateway with a live adapter and a stand-in: the table this suite runs over. */
const TABLE = GATEWAYS.map((g) => g.id).filter((id): id is GatewayId => Boolean(LIVE_GATEWAYS[id] && STAND_INS[id]));
const WALLET = "0x742d35cc6634c0532925a3b844bc9e7595f1bd21";
/** Gateways whose live adapter places sells and whose stand-in plays a sell's steps. */
const SELL_TABLE = TABLE.filter((id) => Boolean(LIVE_GATEWAYS[id]!.adapter.createSellOrder) && id in SELL_STAND_INS);
const ORIGIN = "https://shop.example";

let database: TestDatabase;
let ids: ProjectIds;
let receiver: WebhookReceiver;
let callbackServer: http.Server;
const standIns = new Map<GatewayId, GatewayStandIn>();
const keys = { sk: "", pk: "" };
const saved = { ...process.env };

/** Our callback route behind a real socket, as the gateway reaches it. */
async function startCallbackServer() {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", async () => {
      const match = (req.url ?? "").match(/^\/callbacks\/([^/]+)\/([^/]+)$/);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://localhost:3000${req.url}`, { method: req.method, headers, body: req.method === "POST" ? body : undefined });
      const response = match
        ? await liveCallbackRoute({ request, params: { gatewayId: match[1]!, projectId: match[2]! }, context: {} } as ActionFunctionArgs)
        : new Response("not found", { status: 404 });
      res.writeHead(response.status, { "Content-Type": "application/json" });
      res.end(await response.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const live = () => projectContext(database.db, ids, "live", "owner");

async function eventsOf(orderId: string) {
  return database.db.select().from(event).where(eq(event.orderId, orderId)).orderBy(asc(event.sequence));
}

async function orderRow(orderId: string) {
  const [row] = await database.db.select().from(order).where(eq(order.id, orderId));
  return row!;
}

async function placeLiveOrder(gatewayId: GatewayId) {
  const session = await call(createSessionRoute, {
    path: "/v1/sessions",
    key: keys.sk,
    body: sessionBody({ destinationAddress: WALLET, redirectUrl: `${ORIGIN}/done`, metadata: { cart: "c-1" } }),
  });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  const placed = await call(placeOrder, {
    path: `/v1/sessions/${session.body.id}/order`,
    key: keys.pk,
    params: { sessionId: session.body.id },
    body: { clientSecret: session.body.attributes.clientSecret, ...orderBody({ gateway: gatewayId, walletAddress: WALLET, email: "player@example.com" }) },
    // The customer's browser, as server.js tells the app: this process, which opens the widget (Mercuryo signs its URL for that address).
    headers: { "x-ramp-client-ip": "127.0.0.1" },
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  return orderRow(placed.body.id);
}

async function verdicts(gatewayId: GatewayId) {
  const rows = await database.db
    .select({ verdict: gatewayCallback.verdict, status: gatewayCallback.httpStatus, orderId: gatewayCallback.orderId })
    .from(gatewayCallback)
    .where(and(eq(gatewayCallback.projectId, ids.projectId), eq(gatewayCallback.gatewayId, gatewayId)));
  return rows;
}

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "true";
  resetEnvForTests();
  database = await createTestDatabase();
  ({ ids } = await insertApiProject(database.db, "Live shop"));
  callbackServer = await startCallbackServer();
  const callbackBase = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}`;
  for (const gatewayId of TABLE) {
    const standIn = await STAND_INS[gatewayId]!({ callbackUrl: `${callbackBase}/callbacks/${gatewayId}/${ids.projectId}` });
    process.env[`GATEWAY_${gatewayId.toUpperCase()}_BASE_URL`] = standIn.baseUrl;
    standIns.set(gatewayId, standIn);
  }
  keys.sk = (await createApiKey(database.db, { projectId: ids.projectId, mode: "live", kind: "secret" })).token;
  keys.pk = (await createApiKey(database.db, { projectId: ids.projectId, mode: "live", kind: "publishable" })).token;
  await startQueue({ handle: database, databaseUrl: database.url, maxConnections: 3 });
  await startWebhookDelivery({ db: database.db, retryScheduleMs: [150, 150], pollingIntervalSeconds: 0.5, sweepIntervalMs: 1_000 });
  receiver = await startWebhookReceiver();
}, 60_000);

afterAll(async () => {
  configureDelivery({ retryScheduleMs: RETRY_SCHEDULE_MS, disableAfterMs: DISABLE_AFTER_MS });
  await stopWebhookDelivery();
  await stopQueue();
  await receiver?.close();
  for (const standIn of standIns.values()) await standIn.close();
  await new Promise<void>((resolve) => (callbackServer ? callbackServer.close(() => resolve()) : resolve()));
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
  resetEnvForTests();
  await database?.destroy();
});

describe("connecting the live gateways and going live", () => {
  it("has at least Banxa in the table", () => {
    expect(TABLE).toContain("banxa");
  });

  it("a live key is refused until the project is live (PROJECT_NOT_LIVE)", async () => {
    clearKeyCheckCache();
    const refused = await call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body: sessionBody({ destinationAddress: WALLET }) });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("PROJECT_NOT_LIVE");
  });

  it.each(TABLE)("%s: wrong credentials fail Test connection with the gateway's own message; the right ones connect", async (gatewayId) => {
    const standIn = standIns.get(gatewayId)!;
    const secretFields = new Set(LIVE_GATEWAYS[gatewayId]!.adapter.credentialFields.filter((f) => f.secret).map((f) => f.name));
    const wrong = Object.fromEntries(Object.entries(standIn.credentials).map(([name, value]) => [name, secretFields.has(name) ? `${value}WRONG` : value]));
    await setLiveCredentials(live(), gatewayId, wrong);
    const failed = await testGatewayConnection(live(), gatewayId);
    expect(failed.ok).toBe(false);
    expect(failed.message.length).toBeGreaterThan(5);
    let view = (await listGatewaySettings(live())).find((g) => g.gatewayId === gatewayId)!;
    expect(view).toMatchObject({ connection: "failing", lastError: failed.message });

    await setLiveCredentials(live(), gatewayId, standIn.credentials);
    await setCallbackSecret(live(), gatewayId, standIn.callbackSecret);
    expect(await testGatewayConnection(live(), gatewayId)).toMatchObject({ ok: true });
    await setGatewayEnabled(live(), gatewayId, true);
    view = (await listGatewaySettings(live())).find((g) => g.gatewayId === gatewayId)!;
    expect(view).toMatchObject({ connection: "connected", lastError: null, enabled: true });
  });

  it("goes live once the checklist's required items are done, audited", async () => {
    await expect(setProjectLive(live(), true)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await database.db
      .update(project)
      .set({ allowedRedirectOrigins: [ORIGIN] })
      .where(eq(project.id, ids.projectId));
    await database.db.insert(projectBranding).values({ projectId: ids.projectId, displayName: "Live shop" });
    const state = await setProjectLive(live(), true);
    expect(state.live).toBe(true);
    expect((await goLiveState(live())).checklist.find((i) => i.id === "gateway")!.done).toBe(true);
    const endpoint = await call(endpointsAction, { path: "/v1/webhook_endpoints", key: keys.sk, body: { url: receiver.url, enabledEvents: ["*"] } });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    receiver.secret = endpoint.body.attributes.secret;
  });

  it("live quotes come from every connected gateway's own API", async () => {
    const query = new URLSearchParams({ projectId: ids.projectId, fiatCurrency: "USD", cryptoCurrency: "ETH", network: "ethereum", fiatAmount: "100" });
    const quotes = await call(quotesRoute, { path: `/public/v1/onramp/quotes?${query}`, key: keys.pk });
    expect(quotes.status, JSON.stringify(quotes.body)).toBe(200);
    expect(quotes.body.data.livemode).toBe(true);
    expect(quotes.body.data.quotes.map((q: { gateway: { id: string } }) => q.gateway.id).sort()).toEqual([...TABLE].sort());
  });
});

describe.each(TABLE)("%s live order", (gatewayId) => {
  let completedCallback: SentCallback;
  let orderId = "";

  it("is placed at the gateway (never the sandbox), completes on its signed callback, and the partner gets a signed order.completed", async () => {
    const standIn = standIns.get(gatewayId)!;
    const row = await placeLiveOrder(gatewayId);
    orderId = row.id;
    expect(row.checkoutUrl).not.toContain("/sandbox/");
    expect(row).toMatchObject({ mode: "live", status: "created", gatewayId });
    await standIn.openCheckout?.(row.checkoutUrl!);
    expect(standIn.orders.has(row.providerOrderId!)).toBe(true);

    completedCallback = await standIn.settle(row.providerOrderId!, "completed");
    expect(completedCallback.status, completedCallback.answer).toBe(200);
    const done = await orderRow(row.id);
    expect(done).toMatchObject({ status: "completed", transactionId: expect.stringMatching(/^txn_/) });
    expect((await eventsOf(row.id)).map((e) => e.type)).toContain("order.completed");
    const [webhook] = await receiver.waitFor((r) => r.type === "order.completed" && r.payload.data.order.id === row.id);
    expect(webhook!.verified).toBe(true);
    expect(webhook!.payload.data.order).toMatchObject({ id: row.id, status: "completed" });
  });

  it("a replayed callback is refused and changes nothing", async () => {
    const standIn = standIns.get(gatewayId)!;
    const before = await eventsOf(orderId);
    const replay = await standIn.resend(completedCallback);
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(replay.status).toBeLessThan(500);
    expect(await eventsOf(orderId)).toHaveLength(before.length);
    expect((await verdicts(gatewayId)).map((v) => v.verdict)).toContain("replayed");
  });

  it("a forged callback (another order's signature on a changed body) is refused and changes nothing", async () => {
    const target = await placeLiveOrder(gatewayId);
    const forgedBody = completedCallback.body.split(standIns.get(gatewayId)!.orders.keys().next().value!).join(target.providerOrderId!);
    let bodyChanged = forgedBody === completedCallback.body ? `${completedCallback.body} ` : forgedBody;
    // A JWT-bodied callback (Transak): the ids are inside the signed payload; swap them there, keep the signature.
    const jwt = /"data"\s*:\s*"([\w-]+)\.([\w-]+)\.([\w-]+)"/.exec(completedCallback.body);
    if (jwt) {
      const claims = Buffer.from(jwt[2]!, "base64url")
        .toString("utf8")
        .split(standIns.get(gatewayId)!.orders.keys().next().value!)
        .join(target.providerOrderId!);
      bodyChanged = completedCallback.body.replace(jwt[2]!, Buffer.from(claims).toString("base64url"));
    }
    const forged = await standIns.get(gatewayId)!.resend({ ...completedCallback, body: bodyChanged });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    expect(await orderRow(target.id)).toMatchObject({ status: "created", transactionId: null });
    expect((await verdicts(gatewayId)).map((v) => v.verdict)).toContain("bad_signature");
  });

  it("a refund: asked through the API (or refused where the gateway has no refund call), applied only on the gateway's signed callback", async () => {
    const standIn = standIns.get(gatewayId)!;
    const refundsByCallback = !standIn.settles || standIn.settles.includes("refunded");
    const asked = await call(refundRoute, { path: `/v1/orders/${orderId}/refund`, key: keys.sk, params: { orderId }, body: { reason: "Customer cancelled" } });
    // A gateway without a refund API (Banxa) answers INVALID_STATE: refund in its dashboard.
    if (asked.status !== 200) {
      expect(asked.status).toBe(409);
      expect(asked.body.error.code).toBe("INVALID_STATE");
      expect(await orderRow(orderId)).toMatchObject({ status: "completed", refundRequestedAt: null });
    }
    // A gateway that documents no refunded status (MoonPay, Mercuryo) never calls one back.
    if (!refundsByCallback) return;
    const row = await orderRow(orderId);
    const refunded = await standIn.settle(row.providerOrderId!, "refunded");
    expect(refunded.status, refunded.answer).toBe(200);
    expect(await orderRow(orderId)).toMatchObject({ status: "refunded", refundedAt: expect.any(Date) });
    expect((await eventsOf(orderId)).filter((e) => e.type === "order.refunded")).toHaveLength(1);
    // The completed callback again (a late retry) never moves it back.
    await standIn.resend(completedCallback);
    expect((await orderRow(orderId)).status).toBe("refunded");
  });
});

/** A live sell session (0.5 ETH for EUR, in Germany) and its order at the gateway. */
async function placeLiveSell(gatewayId: GatewayId) {
  const session = await call(createSessionRoute, {
    path: "/v1/sessions",
    key: keys.sk,
    body: {
      type: "offramp",
      externalCustomerId: "seller_1",
      sourceAmount: "0.5",
      sourceCurrency: "ETH",
      network: "ethereum",
      destinationCurrency: "EUR",
      refundAddress: WALLET,
      country: "DE",
      redirectUrl: `${ORIGIN}/sold`,
      metadata: { sale: "s-1" },
    },
  });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  const placed = await call(placeOrder, {
    path: `/v1/sessions/${session.body.id}/order`,
    key: keys.pk,
    params: { sessionId: session.body.id },
    body: { clientSecret: session.body.attributes.clientSecret, gateway: gatewayId, payoutMethod: "sepa", email: "seller@example.com" },
    headers: { "x-ramp-client-ip": "127.0.0.1" },
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  return orderRow(placed.body.id);
}

describe("live sells", () => {
  it("Banxa is among the gateways that sell live", () => {
    expect(SELL_TABLE).toContain("banxa");
  });

  it("live sell quotes come from each gateway's own sell-quote call", async () => {
    const query = new URLSearchParams({
      projectId: ids.projectId,
      orderType: "sell",
      cryptoAmount: "0.5",
      cryptoCurrency: "ETH",
      network: "ethereum",
      fiatCurrency: "EUR",
    });
    const quotes = await call(quotesRoute, { path: `/public/v1/onramp/quotes?${query}`, key: keys.pk });
    expect(quotes.status, JSON.stringify(quotes.body)).toBe(200);
    expect(quotes.body.data.livemode).toBe(true);
    const byGateway = new Map<string, { fiatAmount: string; fees: { total: string } }>(
      quotes.body.data.quotes.map((q: { gateway: { id: string } }) => [q.gateway.id, q]),
    );
    expect([...byGateway.keys()].sort()).toEqual([...SELL_TABLE].sort());
    // Banxa's stand-in pays 0.5 × 3200 less 3.70 of fees: its price, not the catalogue's.
    expect(byGateway.get("banxa")).toMatchObject({ fiatAmount: "1596.30", fees: { total: "3.70" } });
  });
});

describe.each(SELL_TABLE)("%s live sell", (gatewayId) => {
  let orderId = "";
  let providerOrderId = "";
  let completed: SentCallback;

  it("is placed at the gateway (never the sandbox) as a sell awaiting its deposit", async () => {
    const standIn = standIns.get(gatewayId)!;
    const row = await placeLiveSell(gatewayId);
    orderId = row.id;
    providerOrderId = row.providerOrderId!;
    expect(row).toMatchObject({
      mode: "live",
      type: "sell",
      status: "created",
      gatewayId,
      sourceCurrency: "ETH",
      destinationCurrency: "EUR",
      refundAddress: WALLET,
    });
    expect(row.checkoutUrl).not.toContain("/sandbox/");
    expect(row.depositExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    await standIn.openCheckout?.(row.checkoutUrl!);
    expect(standIn.orders.has(providerOrderId)).toBe(true);
    const created = await receiver.waitFor((r) => r.type === "order.created" && r.payload.data.order.id === orderId);
    expect(created[0]!.payload.data.order).toMatchObject({ type: "sell", status: "created" });
  });

  it("learns the deposit address when the gateway gives it, moves on the deposit, completes on the payout, and tells the partner", async () => {
    const sells = SELL_STAND_INS[gatewayId]!;
    const standIn = standIns.get(gatewayId)!;
    const steps: SellStep[] = sells.lateDepositAddress ? ["awaiting_deposit", "deposit_received"] : ["deposit_received"];
    for (const step of steps) {
      const answer = await standIn.sellStep!(providerOrderId, step);
      expect(answer.status, answer.answer).toBe(200);
      // Still awaiting the deposit, now at the gateway's address: the partner can read it from the order.
      if (step === "awaiting_deposit") {
        expect(await orderRow(orderId)).toMatchObject({ status: "created", depositAddress: standIn.depositAddressOf!(providerOrderId) });
      }
    }
    // Null where the gateway never tells us (its widget shows the address to the customer).
    const address = standIn.depositAddressOf!(providerOrderId);
    if (sells.lateDepositAddress) expect(address).toBeTruthy();
    expect(await orderRow(orderId)).toMatchObject({ status: "processing", depositAddress: address });

    completed = await standIn.sellStep!(providerOrderId, "completed");
    expect(completed.status, completed.answer).toBe(200);
    const done = await orderRow(orderId);
    expect(done).toMatchObject({ status: "completed", transactionId: expect.stringMatching(/^txn_/), depositAddress: address });
    expect((await eventsOf(orderId)).map((e) => e.type)).toEqual(expect.arrayContaining(["order.created", "order.processing", "order.completed"]));
    const [webhook] = await receiver.waitFor((r) => r.type === "order.completed" && r.payload.data.order.id === orderId);
    expect(webhook!.verified).toBe(true);
    expect(webhook!.payload.data.order).toMatchObject({
      id: orderId,
      type: "sell",
      status: "completed",
      deposit: { address, currency: "ETH", network: "ethereum" },
      payout: { currency: "EUR" },
    });
    const [session] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, done.sessionId!));
    expect(session!.status).toBe("completed");
  });

  it("a replayed, a forged or a malformed callback is answered 4xx (never 5xx) and changes nothing", async () => {
    const standIn = standIns.get(gatewayId)!;
    const before = await eventsOf(orderId);
    const replay = await standIn.resend(completed);
    // A body changed after signing: a raw-body HMAC breaks on one more byte; a JWT body (Transak) on changed claims.
    const jwt = /"data"\s*:\s*"([\w-]+)\.([\w-]+)\.([\w-]+)"/.exec(completed.body);
    const changedClaims = jwt && Buffer.from(`${Buffer.from(jwt[2]!, "base64url").toString("utf8").slice(0, -1)},"forged":true}`).toString("base64url");
    const forged = await standIn.resend({ ...completed, body: jwt ? completed.body.replace(jwt[2]!, changedClaims!) : `${completed.body} ` });
    const garbage = await standIn.resend({ ...completed, body: "{not json" });
    const unsigned = await standIn.resend({ ...completed, headers: { "Content-Type": "application/json" } });
    for (const answer of [replay, forged, garbage, unsigned]) {
      expect(answer.status, answer.answer).toBeGreaterThanOrEqual(400);
      expect(answer.status, answer.answer).toBeLessThan(500);
    }
    expect(await eventsOf(orderId)).toHaveLength(before.length);
    expect((await orderRow(orderId)).status).toBe("completed");
  });

  it("a sell refunded after its deposit (payout declined) is refunded, its session failed, with order.refunded", async () => {
    const sells = SELL_STAND_INS[gatewayId]!;
    if (!sells.steps.includes("refunded")) return;
    const standIn = standIns.get(gatewayId)!;
    const row = await placeLiveSell(gatewayId);
    await standIn.openCheckout?.(row.checkoutUrl!);
    expect((await standIn.sellStep!(row.providerOrderId!, "deposit_received")).status).toBe(200);
    const refunded = await standIn.sellStep!(row.providerOrderId!, "refunded");
    expect(refunded.status, refunded.answer).toBe(200);
    expect(await orderRow(row.id)).toMatchObject({ status: "refunded", refundedAt: expect.any(Date) });
    expect((await eventsOf(row.id)).map((e) => e.type)).toEqual(["order.created", "order.processing", "order.refunded"]);
    const [session] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, row.sessionId!));
    expect(session!.status).toBe("failed");
  });

  it("a sell whose deposit never comes expires on the gateway's word with order.expired", async () => {
    const sells = SELL_STAND_INS[gatewayId]!;
    if (!sells.steps.includes("expired")) return;
    const standIn = standIns.get(gatewayId)!;
    const row = await placeLiveSell(gatewayId);
    await standIn.openCheckout?.(row.checkoutUrl!);
    const answer = await standIn.sellStep!(row.providerOrderId!, "expired");
    expect(answer.status, answer.answer).toBe(200);
    expect(await orderRow(row.id)).toMatchObject({ status: "expired" });
    expect((await eventsOf(row.id)).map((e) => e.type)).toContain("order.expired");
  });
});
