/**
 * CORS (docs/api-contract.md#cors): the custom-UI calls of docs/api-contract.md#custom-ui-flow work from a partner's
 * own page — preflights pass, answers carry Access-Control-Allow-Origin — in test mode from any page, in live mode only
 * from the project's allowed origins; secret-key endpoints never answer CORS, and a secret key sent from a page is refused.
 * (The same flow played in Chromium from another origin: e2e/custom-ui.spec.ts.)
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { project } from "~db/schema";
import { createApiKey } from "~/keys/keys.server";
import { forgetCachedKeys } from "~/keys/key-check.server";
import * as sessions from "~/routes/v1.sessions";
import * as sessionById from "~/routes/v1.sessions.$sessionId";
import * as confirm from "~/routes/v1.sessions.$sessionId.confirm";
import * as sessionOrder from "~/routes/v1.sessions.$sessionId.order";
import * as orders from "~/routes/v1.orders";
import * as webhookEndpoints from "~/routes/v1.webhook_endpoints";
import * as quotes from "~/routes/public.v1.onramp.quotes";
import { call, type ApiCall } from "./api-client";
import { insertApiProject, markProjectLive, type TestKeys } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { orderBody, sessionBody } from "./fixtures";
import { useInProcessProviders } from "./in-process-providers";

const PAGE = "https://shop.example.com";
const OTHER_PAGE = "https://evil.example.net";
// Live mode checks the EIP-55 checksum: an address from the EIP-55 test vectors.
const LIVE_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

let database: TestDatabase;
let projectId = "";
let keys: TestKeys;
const live = { sk: "", pk: "" };
let restoreProviders: () => void;

beforeAll(async () => {
  database = await createTestDatabase();
  const created = await insertApiProject(database.db, "Custom UI shop");
  projectId = created.ids.projectId;
  keys = created.keys;
  live.sk = (await createApiKey(database.db, { projectId, mode: "live", kind: "secret" })).token;
  live.pk = (await createApiKey(database.db, { projectId, mode: "live", kind: "publishable" })).token;
  // Live keys work once the project is live (docs/api-contract.md: PROJECT_NOT_LIVE).
  await markProjectLive(database.db, projectId);
  restoreProviders = useInProcessProviders();
});

afterAll(async () => {
  restoreProviders?.();
  await database?.destroy();
});

async function setAllowedOrigins(origins: string[]) {
  await database.db.update(project).set({ allowedRedirectOrigins: origins }).where(eq(project.id, projectId));
  forgetCachedKeys({ projectId });
}

function preflight(route: { loader: any }, path: string, method: string, origin = PAGE) {
  return call(route.loader, {
    method: "OPTIONS",
    path,
    headers: { Origin: origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "authorization, content-type, idempotency-key" },
  });
}

async function newSession(sk = keys.sk) {
  const body = sessionBody({ destinationAddress: LIVE_ADDRESS });
  const created = await call(sessions.action, { path: "/v1/sessions", key: sk, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, clientSecret: created.body.attributes.clientSecret as string };
}

function expectReadableBy(result: ApiCall, origin: string) {
  expect(result.headers.get("Access-Control-Allow-Origin")).toBe(origin);
  expect(result.headers.get("Vary")).toContain("Origin");
  expect(result.headers.get("Access-Control-Expose-Headers")).toContain("Request-Id");
}

describe("the custom-UI endpoints answer CORS", () => {
  it("passes the preflight of each call the page makes, naming the headers it sends", async () => {
    const session = await newSession();
    for (const [route, path, method] of [
      [sessionById, `/v1/sessions/${session.id}`, "GET"],
      [confirm, `/v1/sessions/${session.id}/confirm`, "POST"],
      [sessionOrder, `/v1/sessions/${session.id}/order`, "POST"],
    ] as const) {
      const result = await preflight(route, path, method);
      expect(result.status, path).toBe(204);
      expect(result.headers.get("Access-Control-Allow-Origin"), path).toBe(PAGE);
      expect(result.headers.get("Access-Control-Allow-Methods"), path).toContain(method);
      const allowedHeaders = result.headers.get("Access-Control-Allow-Headers")!.toLowerCase();
      for (const header of ["authorization", "content-type", "idempotency-key"]) expect(allowedHeaders, path).toContain(header);
      expect(Number(result.headers.get("Access-Control-Max-Age"))).toBeGreaterThan(0);
    }
  });

  it("lets a test-mode page on any origin load the session, confirm it and place the order", async () => {
    const session = await newSession();
    const loaded = await call(sessionById.loader, {
      path: `/v1/sessions/${session.id}`,
      key: keys.pk,
      params: { sessionId: session.id },
      headers: { Origin: OTHER_PAGE },
    });
    expect(loaded.status).toBe(200);
    expectReadableBy(loaded, OTHER_PAGE);

    const confirmed = await call(confirm.action, {
      path: `/v1/sessions/${session.id}/confirm`,
      key: keys.pk,
      params: { sessionId: session.id },
      body: { clientSecret: session.clientSecret },
      headers: { Origin: OTHER_PAGE },
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expectReadableBy(confirmed, OTHER_PAGE);

    const placed = await call(sessionOrder.action, {
      path: `/v1/sessions/${session.id}/order`,
      key: keys.pk,
      params: { sessionId: session.id },
      body: orderBody({ clientSecret: session.clientSecret, walletAddress: LIVE_ADDRESS }),
      headers: { Origin: OTHER_PAGE },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expectReadableBy(placed, OTHER_PAGE);
  });

  it("lets the page read refusals too, so a developer sees why", async () => {
    const result = await call(sessionById.loader, {
      path: "/v1/sessions/sess_nope",
      key: "pk_test_wrong",
      params: { sessionId: "sess_nope" },
      headers: { Origin: PAGE },
    });
    expect(result.status).toBe(401);
    expectReadableBy(result, PAGE);
  });

  it("sends nothing CORS to a server calling without an Origin", async () => {
    const session = await newSession();
    const result = await call(sessionById.loader, { path: `/v1/sessions/${session.id}`, key: keys.pk, params: { sessionId: session.id } });
    expect(result.status).toBe(200);
    expect(result.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("live mode takes browser calls only from the project's allowed origins", () => {
  it("refuses a page outside them, before anything runs, and serves one inside", async () => {
    await setAllowedOrigins([]);
    const session = await newSession(live.sk);
    const path = `/v1/sessions/${session.id}`;
    const refused = await call(sessionById.loader, { path, key: live.pk, params: { sessionId: session.id }, headers: { Origin: PAGE } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
    expect(refused.body.error.message).toContain(PAGE);
    expect(refused.body.data).toBeUndefined();

    const confirmRefused = await call(confirm.action, {
      path: `${path}/confirm`,
      key: live.pk,
      params: { sessionId: session.id },
      body: { clientSecret: session.clientSecret, sourceAmount: "150" },
      headers: { Origin: PAGE },
    });
    expect(confirmRefused.status).toBe(403);

    await setAllowedOrigins([PAGE]);
    const served = await call(sessionById.loader, { path, key: live.pk, params: { sessionId: session.id }, headers: { Origin: PAGE } });
    expect(served.status).toBe(200);
    expectReadableBy(served, PAGE);
    // The refused confirm changed nothing.
    expect(served.body.attributes.sourceAmount).toBe("100");
    expect((await call(sessionById.loader, { path, key: live.pk, params: { sessionId: session.id }, headers: { Origin: OTHER_PAGE } })).status).toBe(403);
    // A server (no Origin) is not a page: the allowed origins don't apply.
    expect((await call(sessionById.loader, { path, key: live.pk, params: { sessionId: session.id } })).status).toBe(200);
  });

  it("applies to the public endpoints in live mode too, and not in test mode", async () => {
    await setAllowedOrigins([PAGE]);
    const query = `projectId=${projectId}&fiatCurrency=USD&cryptoCurrency=ETH&network=ethereum&fiatAmount=100`;
    const path = `/public/v1/onramp/quotes?${query}`;
    const outside = await call(quotes.loader, { path, key: live.pk, headers: { Origin: OTHER_PAGE } });
    expect(outside.status).toBe(403);
    expect(outside.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect((await call(quotes.loader, { path, key: live.pk, headers: { Origin: PAGE } })).status).toBe(200);
    expect((await call(quotes.loader, { path, key: keys.pk, headers: { Origin: OTHER_PAGE } })).status).toBe(200);
  });
});

describe("secret keys never meet a browser", () => {
  it("answers no CORS on secret-key endpoints, preflight or not", async () => {
    for (const [route, path, method] of [
      [sessions, "/v1/sessions", "POST"],
      [sessions, "/v1/sessions", "GET"],
      [orders, "/v1/orders", "GET"],
      [webhookEndpoints, "/v1/webhook_endpoints", "POST"],
    ] as const) {
      const result = await preflight(route, path, method);
      expect(result.headers.get("Access-Control-Allow-Origin"), path).toBeNull();
      expect(result.headers.get("Allow"), path).not.toContain("OPTIONS");
    }
    const listed = await call(sessions.loader, { path: "/v1/sessions", key: keys.sk, headers: { Origin: PAGE } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("refuses a secret key sent from another origin to a browser endpoint: it has leaked", async () => {
    const session = await newSession();
    const result = await call(sessionById.loader, {
      path: `/v1/sessions/${session.id}`,
      key: keys.sk,
      params: { sessionId: session.id },
      headers: { Origin: PAGE },
    });
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe("INSUFFICIENT_PERMISSIONS");
    expect(result.body.error.message).toMatch(/roll this secret key/);
    // From our own origin (the console's API reference, say) and from servers it still works.
    expect((await call(sessionById.loader, { path: `/v1/sessions/${session.id}`, key: keys.sk, params: { sessionId: session.id } })).status).toBe(200);
  });
});
