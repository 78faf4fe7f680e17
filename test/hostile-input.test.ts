/**
 * No input reaches a 500: a NUL character anywhere (PostgreSQL text cannot hold one), JSON
 * nested past any sane depth, malformed percent-encoding in a path, and paths under /v1/ or
 * /public/v1/ that no endpoint serves all answer the error envelope with a Request-Id.
 * (The production server's own answers to these are in test/hostile-server.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { loader as getSession } from "../app/routes/v1.sessions.$sessionId";
import { loader as listSessions } from "../app/routes/v1.sessions";
import { action as webhookEndpoints } from "../app/routes/v1.webhook_endpoints";
import { action as checkoutIntent } from "../app/routes/public.v1.onramp.checkout-intent";
import { loader as quotes } from "../app/routes/public.v1.onramp.quotes";
import * as unknownV1 from "../app/routes/v1.$/route";
import * as unknownPublicV1 from "../app/routes/public.v1.$/route";
import { call, type ApiCall } from "./api-client";
import { insertApiProject, type TestKeys } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { useInProcessProviders } from "./in-process-providers";
import { orderBody } from "./fixtures";

let database: TestDatabase;
let projectId = "";
let keys: TestKeys;
let restoreProviders: () => void;

const ADDRESS = "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21";
const NUL = "\u0000";

beforeAll(async () => {
  database = await createTestDatabase();
  const created = await insertApiProject(database.db, "Hostile shop");
  projectId = created.ids.projectId;
  keys = created.keys;
  restoreProviders = useInProcessProviders();
});

afterAll(async () => {
  restoreProviders?.();
  await database?.destroy();
});

function expectEnvelope(result: ApiCall, status: number, code: string) {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(result.body).toMatchObject({ success: false, error: { code, message: expect.any(String) } });
  expect(result.body.error.requestId).toMatch(/^req_/);
  expect(result.headers.get("Request-Id")).toBe(result.body.error.requestId);
}

const createSession = (body: unknown) => call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body });

describe("a NUL character", () => {
  it.each([
    ["externalCustomerId", { externalCustomerId: `player${NUL}1` }],
    ["a metadata key", { externalCustomerId: "p1", metadata: { [`k${NUL}`]: "v" } }],
    ["a metadata value", { externalCustomerId: "p1", metadata: { k: `v${NUL}` } }],
    ["a nested metadata value", { externalCustomerId: "p1", metadata: { k: { deeper: [`v${NUL}`] } } }],
    ["redirectUrl", { externalCustomerId: "p1", redirectUrl: `https://shop.example/${NUL}` }],
  ])("in %s of a new session is a 400", async (_where, body) => {
    expectEnvelope(await createSession(body), 400, "VALIDATION_ERROR");
  });

  it("in a webhook endpoint's description is a 400", async () => {
    const result = await call(webhookEndpoints, {
      path: "/v1/webhook_endpoints",
      key: keys.sk,
      body: { url: "https://93.184.216.34/hooks", description: `ours${NUL}` },
    });
    expectEnvelope(result, 400, "VALIDATION_ERROR");
  });

  it.each([
    ["externalCustomerId", { externalCustomerId: `c${NUL}` }],
    ["email", { email: `a${NUL}@example.com` }],
    ["partnerMetadata", { partnerMetadata: { [`x${NUL}`]: 1 } }],
    ["walletAddress", { walletAddress: `${ADDRESS}${NUL}` }],
  ])("in a checkout intent's %s is a 400", async (_field, extra) => {
    const body = { projectId, ...orderBody(extra) };
    const result = await call(checkoutIntent, { path: "/public/v1/onramp/checkout-intent", body });
    expect(result.status, JSON.stringify(result.body)).toBe(400);
    expect(result.body.error.requestId).toMatch(/^req_/);
  });

  it("in a path id is a 400", async () => {
    expectEnvelope(await call(getSession, { path: "/v1/sessions/%00", key: keys.sk, params: { sessionId: NUL } }), 400, "VALIDATION_ERROR");
  });

  it("in a query parameter is a 400", async () => {
    expectEnvelope(await call(listSessions, { path: "/v1/sessions?starting_after=%00", key: keys.sk }), 400, "VALIDATION_ERROR");
    expectEnvelope(await call(listSessions, { path: "/v1/sessions?status=pending%00", key: keys.sk }), 400, "VALIDATION_ERROR");
    expectEnvelope(
      await call(quotes, { path: `/public/v1/onramp/quotes?projectId=${projectId}&fiatCurrency=USD%00&cryptoCurrency=ETH&network=ethereum&fiatAmount=100` }),
      400,
      "VALIDATION_ERROR",
    );
  });

  it("escaped as text (a backslash, then u0000) is an ordinary string", async () => {
    const result = await createSession({ externalCustomerId: "player\\u0000", metadata: { note: "\\u0000" } });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body.attributes.metadata).toEqual({ note: "\\u0000" });
  });
});

describe("deeply nested JSON", () => {
  function nestedObjects(depth: number) {
    return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  }
  function nestedArrays(depth: number) {
    return `${"[".repeat(depth)}${"]".repeat(depth)}`;
  }

  it.each([
    ["5,000 nested objects", nestedObjects(5_000)],
    ["100,000 nested arrays", nestedArrays(100_000)],
  ])("%s inside metadata is a 400", async (_what, nested) => {
    const rawBody = `{"externalCustomerId":"p1","metadata":{"deep":${nested}}}`;
    const result = await call(createSessionRoute, {
      path: "/v1/sessions",
      key: keys.sk,
      rawBody,
      headers: { "Content-Type": "application/json" },
      method: "POST",
    });
    expectEnvelope(result, 400, "VALIDATION_ERROR");
  });

  it("as a whole body is a 400 too", async () => {
    const result = await call(webhookEndpoints, { path: "/v1/webhook_endpoints", key: keys.sk, rawBody: nestedArrays(50_000), method: "POST" });
    expectEnvelope(result, 400, "VALIDATION_ERROR");
  });

  it("within the metadata limits is still accepted", async () => {
    const result = await createSession({ externalCustomerId: "p1", metadata: { a: { b: { c: 1 } } } });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
  });
});

describe("malformed percent-encoding in a path", () => {
  it.each(["%zz", "%", "%E3%80"])("/v1/sessions/%s is a 400", async (raw) => {
    // Remix leaves a parameter it cannot decode as it came.
    expectEnvelope(await call(getSession, { path: `/v1/sessions/${raw}`, key: keys.sk, params: { sessionId: raw } }), 400, "VALIDATION_ERROR");
  });
});

describe("a path no endpoint serves", () => {
  it.each([
    ["GET", unknownV1, "/v1/no_such_thing"],
    ["POST", unknownV1, "/v1/no_such_thing"],
    ["DELETE", unknownV1, "/v1/sessions/sess_1/nothing"],
    ["GET", unknownPublicV1, "/public/v1/onramp/nothing"],
  ] as const)("%s %s is a 404 NOT_FOUND envelope", async (method, route, path) => {
    const handler = method === "GET" ? route.loader : route.action;
    const result = await call(handler, { method, path, key: keys.sk, params: { "*": path.split("/").slice(2).join("/") } });
    expectEnvelope(result, 404, "NOT_FOUND");
    expect(result.body.error.message).toContain(path);
  });
});
