/**
 * The shared security suite: every API endpoint, called through its route module as a
 * partner's HTTP client would, with no key, a malformed key, a revoked key, an expired
 * (rolled) key, an archived project's key, the wrong kind of key, and another project's
 * (or mode's) key on this project's objects. Public endpoints refuse secret keys and other
 * projects' publishable keys. Every error carries the envelope with a requestId and the
 * Request-Id header.
 *
 * A new endpoint is one line in KEYED or PUBLIC (or NO_KEY, with the reason); a route file
 * under app/routes/v1.* or public.v1.* that no line names fails "every API route is in the table".
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKey } from "../db/schema";
import { enableDefaultGateways } from "../app/gateways/settings.server";
import { createApiKey } from "../app/keys/keys.server";
import { revokeApiKey, rollApiKey } from "../app/keys/lifecycle.server";
import { archiveProject } from "../app/projects/projects.server";
import { resolvePublicCaller } from "../app/quotes/public-project.server";
import { createSessionRoute } from "../app/sessions/api.server";
import { createEndpoint, getEndpoint } from "../app/webhooks/endpoints.server";
import { call, type ApiCall } from "./api-client";
import { insertProject, projectContext, type ProjectIds } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { useInProcessProviders } from "./in-process-providers";

type Route = (args: LoaderFunctionArgs) => Promise<Response> | Response;
type Method = "GET" | "POST" | "DELETE";

// Every API route module, loaded as the app has them now (files still being written are picked up as they appear).
const ROUTE_MODULES = import.meta.glob<{ loader?: Route; action?: Route }>(["../app/routes/v1.*.ts", "../app/routes/public.v1.*.ts"], { eager: true });
const routeFile = (file: string) => `../app/routes/${file}.ts`;

/** The handler a request reaches: the route's loader (GET) or action (POST, DELETE). */
function routeFor(file: string, method: Method): Route | undefined {
  const module = ROUTE_MODULES[routeFile(file)];
  return method === "GET" ? module?.loader : module?.action;
}

const ADDRESS = "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21";
const SESSION_BODY = {
  externalCustomerId: "player_1",
  sourceAmount: "100",
  sourceCurrency: "USD",
  destinationCurrency: "ETH",
  network: "ethereum",
  destinationAddress: ADDRESS,
  redirectUrl: "https://shop.example.com/done",
  type: "onramp",
};
const ORDER_BODY = { fiatAmount: "100", fiatCurrency: "USD", cryptoCurrency: "ETH", network: "ethereum", walletAddress: ADDRESS, gateway: "banxa" };

/** This project's objects, which no other project's key may see. */
interface Objects {
  projectId: string;
  sessionId: string;
  clientSecret: string;
  orderId: string;
  /** A test-mode webhook endpoint of this project. */
  endpointId: string;
}

interface KeyedEndpoint {
  method: Method;
  /** `:sessionId` and `:orderId` are filled with this project's objects. */
  path: string;
  /** The route module under app/routes. */
  file: string;
  needs: "secret" | "any";
  /** object: names one of this project's objects (a foreign key gets 404); list: lists the key's own; create: makes a new one. */
  scope: "object" | "list" | "create";
  body?: (objects: Objects) => unknown;
}

const KEYED: KeyedEndpoint[] = [
  { method: "POST", path: "/v1/sessions", file: "v1.sessions", needs: "secret", scope: "create", body: () => SESSION_BODY },
  { method: "GET", path: "/v1/sessions", file: "v1.sessions", needs: "secret", scope: "list" },
  { method: "GET", path: "/v1/sessions/:sessionId", file: "v1.sessions.$sessionId", needs: "any", scope: "object" },
  { method: "POST", path: "/v1/sessions/:sessionId/confirm", file: "v1.sessions.$sessionId.confirm", needs: "any", scope: "object", body: (o) => ({ clientSecret: o.clientSecret }) },
  { method: "POST", path: "/v1/sessions/:sessionId/order", file: "v1.sessions.$sessionId.order", needs: "any", scope: "object", body: (o) => ({ clientSecret: o.clientSecret, ...ORDER_BODY }) },
  { method: "POST", path: "/v1/sessions/:sessionId/cancel", file: "v1.sessions.$sessionId.cancel", needs: "secret", scope: "object" },
  { method: "GET", path: "/v1/orders", file: "v1.orders", needs: "secret", scope: "list" },
  { method: "GET", path: "/v1/orders/:orderId", file: "v1.orders.$orderId", needs: "secret", scope: "object" },
  { method: "POST", path: "/v1/orders/:orderId/refund", file: "v1.orders.$orderId.refund", needs: "secret", scope: "object", body: () => ({ reason: "probe" }) },
  { method: "POST", path: "/v1/webhook_endpoints", file: "v1.webhook_endpoints", needs: "secret", scope: "create", body: () => ({ url: "https://example.com/hooks" }) },
  { method: "GET", path: "/v1/webhook_endpoints", file: "v1.webhook_endpoints", needs: "secret", scope: "list" },
  { method: "GET", path: "/v1/webhook_endpoints/:endpointId", file: "v1.webhook_endpoints.$endpointId", needs: "secret", scope: "object" },
  { method: "POST", path: "/v1/webhook_endpoints/:endpointId", file: "v1.webhook_endpoints.$endpointId", needs: "secret", scope: "object", body: () => ({ description: "changed" }) },
  { method: "DELETE", path: "/v1/webhook_endpoints/:endpointId", file: "v1.webhook_endpoints.$endpointId", needs: "secret", scope: "object" },
];

interface PublicEndpoint {
  method: Method;
  path: string;
  file: string;
  query?: (objects: Objects) => string;
  body?: (objects: Objects) => unknown;
  /** A known gap, asserted with it.fails so that fixing it flips this test red: then delete the note. */
  knownGap?: string;
}


const PUBLIC: PublicEndpoint[] = [
  {
    method: "GET",
    path: "/public/v1/onramp/quotes",
    file: "public.v1.onramp.quotes",
    query: (o) => `?projectId=${o.projectId}&fiatCurrency=USD&cryptoCurrency=ETH&network=ethereum&fiatAmount=100`,
  },
  { method: "GET", path: "/public/v1/onramp/supported", file: "public.v1.onramp.supported", query: (o) => `?projectId=${o.projectId}` },
  { method: "GET", path: "/public/v1/onramp/transactions/:transactionId", file: "public.v1.onramp.transactions.$transactionId" },
  { method: "POST", path: "/public/v1/onramp/checkout-intent", file: "public.v1.onramp.checkout-intent", body: (o) => ({ projectId: o.projectId, ...ORDER_BODY }) },
];

/** API routes that take no key and serve nothing of any project (each with the reason). */
const NO_KEY: { file: string; why: string }[] = [{ file: "v1.openapi[.]json", why: "the API description, the same for everyone" }];

let database: TestDatabase;
let restoreFetch: () => void;
let home: ProjectIds;
const objects: Objects = { projectId: "", sessionId: "", clientSecret: "", orderId: "", endpointId: "" };

type KindKeys = { secret: string; publishable: string };
const keys = {
  valid: { secret: "", publishable: "" } as KindKeys,
  live: { secret: "", publishable: "" } as KindKeys,
  revoked: { secret: "", publishable: "" } as KindKeys,
  expired: { secret: "", publishable: "" } as KindKeys,
  archived: { secret: "", publishable: "" } as KindKeys,
  otherProject: { secret: "", publishable: "" } as KindKeys,
};

async function keyPair(projectId: string, mode: "test" | "live" = "test") {
  const secret = await createApiKey(database.db, { projectId, mode, kind: "secret" });
  const publishable = await createApiKey(database.db, { projectId, mode, kind: "publishable" });
  return { tokens: { secret: secret.token, publishable: publishable.token }, ids: [secret.record.id, publishable.record.id] };
}

/** Fills `:sessionId`, `:orderId` and `:transactionId` (an order id is a transaction lookup key) and the route params. */
function target(path: string) {
  const params: Record<string, string> = {};
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const value = name === "sessionId" ? objects.sessionId : name === "endpointId" ? objects.endpointId : objects.orderId;
    params[name] = value;
    return value;
  });
  return { path: filled, params };
}

function callKeyed(endpoint: KeyedEndpoint, key: string | null) {
  const route = routeFor(endpoint.file, endpoint.method)!;
  const { path, params } = target(endpoint.path);
  return call(route, { method: endpoint.method, path, params, key, body: endpoint.body?.(objects) ?? (endpoint.method === "POST" ? {} : undefined) });
}

function callPublic(endpoint: PublicEndpoint, key: string | null) {
  const route = routeFor(endpoint.file, endpoint.method)!;
  const { path, params } = target(endpoint.path);
  return call(route, { method: endpoint.method, path: path + (endpoint.query?.(objects) ?? ""), params, key, body: endpoint.body?.(objects) });
}

function expectError(result: ApiCall, status: number, code: string) {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(result.body).toMatchObject({ success: false, error: { code, message: expect.any(String) } });
  expect(result.body.error.requestId).toMatch(/^req_/);
  expect(result.headers.get("Request-Id")).toBe(result.body.error.requestId);
  // An error never carries an object.
  expect(result.body.attributes).toBeUndefined();
  expect(result.body.data).toBeUndefined();
}

beforeAll(async () => {
  database = await createTestDatabase();
  restoreFetch = useInProcessProviders();

  home = await insertProject(database.db, "Home shop");
  objects.projectId = home.projectId;
  await enableDefaultGateways(database.db, home.projectId);
  keys.valid = (await keyPair(home.projectId)).tokens;
  keys.live = (await keyPair(home.projectId, "live")).tokens;

  const ctx = projectContext(database.db, home, "test");
  const toRevoke = await keyPair(home.projectId);
  keys.revoked = toRevoke.tokens;
  for (const id of toRevoke.ids) await revokeApiKey(ctx, id);
  const toExpire = await keyPair(home.projectId);
  keys.expired = toExpire.tokens;
  for (const id of toExpire.ids) await rollApiKey(ctx, id, 0);
  const [expiredRow] = await database.db.select().from(apiKey).where(eq(apiKey.id, toExpire.ids[0]!));
  expect(expiredRow!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());

  const archived = await insertProject(database.db, "Archived shop");
  keys.archived = (await keyPair(archived.projectId)).tokens;
  await archiveProject(projectContext(database.db, archived, "test"));

  const other = await insertProject(database.db, "Other shop");
  await enableDefaultGateways(database.db, other.projectId);
  keys.otherProject = (await keyPair(other.projectId)).tokens;

  // A pending session (never changed by this suite) and an order of another session.
  const created = await call(createSessionRoute, { path: "/v1/sessions", key: keys.valid.secret, body: SESSION_BODY });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  objects.sessionId = created.body.id;
  objects.clientSecret = created.body.attributes.clientSecret;
  const second = await call(createSessionRoute, { path: "/v1/sessions", key: keys.valid.secret, body: SESSION_BODY });
  const placeOrder = routeFor("v1.sessions.$sessionId.order", "POST")!;
  const ordered = await call(placeOrder, {
    path: `/v1/sessions/${second.body.id}/order`,
    key: keys.valid.publishable,
    params: { sessionId: second.body.id },
    body: { clientSecret: second.body.attributes.clientSecret, ...ORDER_BODY },
  });
  expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  objects.orderId = ordered.body.id;
  objects.endpointId = (await createEndpoint(projectContext(database.db, home, "test"), { url: "https://example.com/hooks", enabledEvents: ["*"] })).endpoint.id;
});

afterAll(async () => {
  restoreFetch?.();
  await database?.destroy();
});

describe("the tables", () => {
  it("every API route is in the table, and every line reaches a handler", () => {
    const named = new Set([...KEYED, ...PUBLIC, ...NO_KEY].map((e) => routeFile(e.file)));
    expect(Object.keys(ROUTE_MODULES).filter((file) => !named.has(file))).toEqual([]);
    for (const endpoint of KEYED) expect(routeFor(endpoint.file, endpoint.method), `${endpoint.method} ${endpoint.path}`).toBeDefined();
    for (const endpoint of PUBLIC) expect(routeFor(endpoint.file, endpoint.method), `${endpoint.method} ${endpoint.path}`).toBeDefined();
  });
});

type KeyChoice = (kind: keyof KindKeys) => string | null;

interface KeyedCase {
  name: string;
  key: KeyChoice;
  status: number;
  code: string;
  applies?: (endpoint: KeyedEndpoint) => boolean;
}

const KEYED_CASES: KeyedCase[] = [
  { name: "no key", key: () => null, status: 401, code: "MISSING_API_KEY" },
  { name: "a malformed key", key: (kind) => (kind === "secret" ? "sk_test_" : "pk_test_") + "not-a-real-key", status: 401, code: "INVALID_API_KEY" },
  { name: "a revoked key", key: (kind) => keys.revoked[kind], status: 401, code: "INVALID_API_KEY" },
  { name: "an expired key (rolled with no grace)", key: (kind) => keys.expired[kind], status: 401, code: "API_KEY_EXPIRED" },
  { name: "an archived project's key", key: (kind) => keys.archived[kind], status: 403, code: "PROJECT_ARCHIVED" },
  { name: "a publishable key", key: () => keys.valid.publishable, status: 403, code: "INSUFFICIENT_PERMISSIONS", applies: (e) => e.needs === "secret" },
  { name: "another project's key", key: (kind) => keys.otherProject[kind], status: 404, code: "NOT_FOUND", applies: (e) => e.scope === "object" },
  { name: "this project's live-mode key", key: (kind) => keys.live[kind], status: 404, code: "NOT_FOUND", applies: (e) => e.scope === "object" },
];

describe.each(KEYED)("$method $path", (endpoint) => {
  // The kind of key the endpoint is meant for: secret, or publishable where either is taken.
  const kind = endpoint.needs === "secret" ? "secret" : "publishable";

  for (const c of KEYED_CASES.filter((c) => c.applies?.(endpoint) ?? true)) {
    it(`answers ${c.status} ${c.code} to ${c.name}`, async () => {
      expectError(await callKeyed(endpoint, c.key(kind)), c.status, c.code);
    });
  }

  if (endpoint.scope === "list") {
    it("shows another project's key only that project's rows, never this project's", async () => {
      const result = await callKeyed(endpoint, keys.otherProject.secret);
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      const text = JSON.stringify(result.body);
      expect(text).not.toContain(objects.sessionId);
      expect(text).not.toContain(objects.orderId);
      expect(text).not.toContain(objects.endpointId);
    });
  }
});

describe.each(PUBLIC)("$method $path", (endpoint) => {
  const test = endpoint.knownGap ? it.fails : it;
  const gap = endpoint.knownGap ? ` [known gap: ${endpoint.knownGap}]` : "";

  test(`refuses a secret key with 403 INSUFFICIENT_PERMISSIONS${gap}`, async () => {
    const result = await callPublic(endpoint, keys.valid.secret);
    expectError(result, 403, "INSUFFICIENT_PERMISSIONS");
    expect(result.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  test(`refuses another project's publishable key with 403 FORBIDDEN${gap}`, async () => {
    const result = await callPublic(endpoint, keys.otherProject.publishable);
    expectError(result, 403, "FORBIDDEN");
    expect(result.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});

describe("resolvePublicCaller (for public routes that name no project)", () => {
  const request = (key?: string) => new Request("http://localhost/public/v1/onramp/transactions/x", { headers: key ? { Authorization: `Bearer ${key}` } : {} });

  it("refuses a secret key, returns the publishable key's project to compare, and null without a key", async () => {
    await expect(resolvePublicCaller(database.db, request(keys.valid.secret))).rejects.toMatchObject({ code: "INSUFFICIENT_PERMISSIONS", status: 403 });
    await expect(resolvePublicCaller(database.db, request(keys.revoked.publishable))).rejects.toMatchObject({ code: "INVALID_API_KEY" });
    expect((await resolvePublicCaller(database.db, request(keys.otherProject.publishable)))?.projectId).not.toBe(objects.projectId);
    expect((await resolvePublicCaller(database.db, request(keys.valid.publishable)))?.projectId).toBe(objects.projectId);
    expect(await resolvePublicCaller(database.db, request())).toBeNull();
  });
});

describe("after every refused call", () => {
  it("the session is still pending and has no order", async () => {
    const result = await call(routeFor("v1.sessions.$sessionId", "GET")!, {
      path: `/v1/sessions/${objects.sessionId}`,
      key: keys.valid.publishable,
      params: { sessionId: objects.sessionId },
    });
    expect(result.status).toBe(200);
    expect(result.body.attributes.status).toBe("pending");
  });

  it("the order is still created, with no refund asked", async () => {
    const result = await call(routeFor("v1.orders.$orderId", "GET")!, { path: `/v1/orders/${objects.orderId}`, key: keys.valid.secret, params: { orderId: objects.orderId } });
    expect(result.status).toBe(200);
    expect(result.body.attributes).toMatchObject({ status: "created", refundReason: null, refundedAt: null });
  });

  it("the webhook endpoint is unchanged", async () => {
    const endpoint = await getEndpoint(projectContext(database.db, home, "test"), objects.endpointId);
    expect(endpoint).toMatchObject({ url: "https://example.com/hooks", description: null, status: "enabled" });
  });
});
