/**
 * The shared security suite: every API endpoint of the registry (app/api/registry.server.ts),
 * called through the route module of its path as a partner's HTTP client would, with no key,
 * a malformed key, a revoked key, an expired (rolled) key, an archived project's key, the
 * wrong kind of key, a key sent from outside its IP allowlist, and another project's (or mode's)
 * key on this project's objects. Every keyed endpoint refuses a restricted key (`rk_…`) that lacks
 * its declared permission (403 naming it) and lets one holding only that permission past auth.
 * Public endpoints refuse secret and restricted keys and other projects' publishable keys. Every
 * error carries the envelope with a requestId and the Request-Id header.
 *
 * Nothing here names an endpoint: each one's cases follow from its declared `auth` and path,
 * and its probe request from its documented examples (path parameters are filled with this
 * project's objects, `projectId` and `clientSecret` with this project's). A new endpoint is
 * covered when it joins the registry; one without an operation or an auth fails "the registry".
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKey, event } from "../db/schema";
import type { Endpoint } from "../app/api/endpoint.server";
import { AUTHS, KEY_ERRORS, PUBLIC_KEY_ERRORS, SECRET_ERRORS } from "../app/api/openapi/operation";
import { resolvePublicCaller } from "../app/api/public.server";
import { API_ENDPOINTS } from "../app/api/registry.server";
import { enableDefaultGateways } from "../app/gateways/settings.server";
import { createApiKey } from "../app/keys/keys.server";
import { KEY_PERMISSIONS, type KeyPermission } from "../app/keys/permissions";
import { revokeApiKey, rollApiKey } from "../app/keys/lifecycle.server";
import { archiveProject } from "../app/projects/projects.server";
import { createEndpoint, getEndpoint } from "../app/webhooks/endpoints.server";
import { call, type ApiCall } from "./api-client";
import { handlerFor, moduleOf, ROUTES, routeOf } from "./api-routes";
import { insertProject, markProjectLive, projectContext, type ProjectIds } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { useInProcessProviders } from "./in-process-providers";
import { orderBody, sessionBody } from "./fixtures";

const byOperation = (operationId: string) => API_ENDPOINTS.find((e) => e.operation.operationId === operationId)!;

const KEYED = API_ENDPOINTS.filter((e) => e.auth === "secret" || e.auth === "publishable" || e.auth === "clientSecret");
const PUBLIC = API_ENDPOINTS.filter((e) => e.auth === "public");
/** No key, and nothing of any project (the API's own description). */
const NO_KEY = API_ENDPOINTS.filter((e) => e.auth === "none");

/** object: names one of this project's objects (a foreign key gets 404); list: lists the key's own; create: makes a new one. */
function scopeOf(endpoint: Endpoint): "object" | "list" | "create" {
  if (endpoint.path.includes("{")) return "object";
  return endpoint.method === "GET" ? "list" : "create";
}

const SESSION_BODY = sessionBody({ redirectUrl: "https://shop.example.com/done", type: "onramp" });
const ORDER_BODY = orderBody();

/** This project's objects, which no other project's key may see. */
interface Objects {
  projectId: string;
  sessionId: string;
  clientSecret: string;
  orderId: string;
  /** A test-mode webhook endpoint of this project. */
  endpointId: string;
}

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
  /** A secret key that accepts requests from 10.0.0.0/8 only (this suite calls from 127.0.0.1). */
  allowlisted: "",
};

/** Per permission: a restricted key holding only it, and one holding every other permission. */
const restricted = {} as Record<KeyPermission, { only: string; lacking: string }>;

async function keyPair(projectId: string, mode: "test" | "live" = "test") {
  const secret = await createApiKey(database.db, { projectId, mode, kind: "secret" });
  const publishable = await createApiKey(database.db, { projectId, mode, kind: "publishable" });
  return { tokens: { secret: secret.token, publishable: publishable.token }, ids: [secret.record.id, publishable.record.id] };
}

/** The object a path parameter names (an order id is also a transaction lookup key). */
const PATH_OBJECTS: Record<string, keyof Objects> = { sessionId: "sessionId", orderId: "orderId", transactionId: "orderId", endpointId: "endpointId" };

/**
 * The endpoint's documented example as a request on this project: path parameters filled with
 * its objects, the query parameters that have an example, the body example with this
 * project's projectId and clientSecret.
 */
function probe(endpoint: Endpoint) {
  const params: Record<string, string> = {};
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] = objects[PATH_OBJECTS[name]!]));
  const ours = (name: string, value: unknown) => (name === "projectId" ? objects.projectId : name === "clientSecret" ? objects.clientSecret : value);
  const query = new URLSearchParams();
  for (const p of endpoint.operation.parameters ?? []) if (p.in === "query" && p.example !== undefined) query.set(p.name, String(ours(p.name, p.example)));
  const example = endpoint.operation.body?.example as Record<string, unknown> | undefined;
  const body = example
    ? Object.fromEntries(Object.entries(example).map(([name, value]) => [name, ours(name, value)]))
    : endpoint.method === "POST"
      ? {}
      : undefined;
  return { method: endpoint.method, path: query.size ? `${path}?${query}` : path, params, body };
}

function callEndpoint(endpoint: Endpoint, key: string | null, headers?: Record<string, string>) {
  return call(routeOf(endpoint)!, { ...probe(endpoint), key, headers });
}

/** An endpoint that answers a stream (Server-Sent Events) rather than an object: it never ends by itself. */
const isStream = (endpoint: Endpoint) => endpoint.operation.success.object === null && endpoint.auth === "secret";

/** What a stream sends within about two polls, then the client leaves. */
async function readStream(endpoint: Endpoint, key: string, lastEventId: string) {
  const leave = new AbortController();
  const request = new Request(`http://localhost:3000${endpoint.path}`, {
    headers: { Authorization: `Bearer ${key}`, Accept: "text/event-stream", "Last-Event-ID": lastEventId },
    signal: leave.signal,
  });
  const response = await routeOf(endpoint)!({ request, params: {}, context: {} } as never);
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let text = "";
  const until = Date.now() + 1_500;
  while (Date.now() < until) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), until - Date.now()))]);
    if (!next || next.done) break;
    text += new TextDecoder().decode(next.value);
  }
  leave.abort();
  await reader.cancel();
  return text;
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
  // Live keys work once the project is live; here they must still see nothing of test mode.
  await markProjectLive(database.db, home.projectId);

  const ctx = projectContext(database.db, home, "test");
  const toRevoke = await keyPair(home.projectId);
  keys.revoked = toRevoke.tokens;
  for (const id of toRevoke.ids) await revokeApiKey(ctx, id);
  const toExpire = await keyPair(home.projectId);
  keys.expired = toExpire.tokens;
  for (const id of toExpire.ids) await rollApiKey(ctx, id, 0);
  const [expiredRow] = await database.db.select().from(apiKey).where(eq(apiKey.id, toExpire.ids[0]!));
  expect(expiredRow!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());

  keys.allowlisted = (await createApiKey(database.db, { projectId: home.projectId, mode: "test", kind: "secret", allowedIps: ["10.0.0.0/8"] })).token;
  for (const permission of KEY_PERMISSIONS) {
    const restrictedKey = async (permissions: string[]) =>
      (await createApiKey(database.db, { projectId: home.projectId, mode: "test", kind: "restricted", permissions })).token;
    restricted[permission] = { only: await restrictedKey([permission]), lacking: await restrictedKey(KEY_PERMISSIONS.filter((p) => p !== permission)) };
  }

  const archived = await insertProject(database.db, "Archived shop");
  keys.archived = (await keyPair(archived.projectId)).tokens;
  await archiveProject(projectContext(database.db, archived, "test"));

  const other = await insertProject(database.db, "Other shop");
  await enableDefaultGateways(database.db, other.projectId);
  keys.otherProject = (await keyPair(other.projectId)).tokens;

  // A pending session (never changed by this suite) and an order of another session.
  const createSession = routeOf(byOperation("createSession"))!;
  const created = await call(createSession, { path: "/v1/sessions", key: keys.valid.secret, body: SESSION_BODY });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  objects.sessionId = created.body.id;
  objects.clientSecret = created.body.attributes.clientSecret;
  const second = await call(createSession, { path: "/v1/sessions", key: keys.valid.secret, body: SESSION_BODY });
  const placeOrder = routeOf(byOperation("createSessionOrder"))!;
  const ordered = await call(placeOrder, {
    path: `/v1/sessions/${second.body.id}/order`,
    key: keys.valid.publishable,
    params: { sessionId: second.body.id },
    body: { clientSecret: second.body.attributes.clientSecret, ...ORDER_BODY },
  });
  expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  objects.orderId = ordered.body.id;
  objects.endpointId = (
    await createEndpoint(projectContext(database.db, home, "test"), { url: "https://example.com/hooks", enabledEvents: ["*"] })
  ).endpoint.id;
});

afterAll(async () => {
  restoreFetch?.();
  await database?.destroy();
});

/** The key errors each auth kind can answer: an endpoint's documented errors must name them. */
const AUTH_ERRORS = { secret: SECRET_ERRORS, publishable: KEY_ERRORS, clientSecret: KEY_ERRORS, public: PUBLIC_KEY_ERRORS, none: [] };

describe("the registry", () => {
  it("has every endpoint declare its auth and its operation", () => {
    expect(API_ENDPOINTS.length).toBeGreaterThan(0);
    for (const endpoint of API_ENDPOINTS) {
      const name = `${endpoint.method} ${endpoint.path}`;
      expect(AUTHS, `${name}: auth`).toContain(endpoint.auth);
      const op = endpoint.operation;
      expect(op, `${name}: operation`).toBeDefined();
      expect(
        [op.operationId, op.summary, op.description, op.success?.description].every((text) => typeof text === "string" && text.length > 0),
        `${name}: operation texts`,
      ).toBe(true);
      expect([200, 201], `${name}: success status`).toContain(op.success.status);
      expect(op.errors, `${name}: documents the errors of its auth`).toEqual(expect.arrayContaining(AUTH_ERRORS[endpoint.auth]));
      // Every keyed endpoint names the permission a restricted key needs; the others have none to name.
      if (KEYED.includes(endpoint)) expect(KEY_PERMISSIONS, `${name}: permission`).toContain(endpoint.permission);
      else expect(endpoint.permission, `${name}: no permission`).toBeUndefined();
      expect(typeof endpoint.handle, `${name}: handler`).toBe("function");
    }
    const keys = API_ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size, "one endpoint per method and path").toBe(keys.length);
    const operationIds = API_ENDPOINTS.map((e) => e.operation.operationId);
    expect(new Set(operationIds).size, "unique operationIds").toBe(operationIds.length);
  });

  it("serves every endpoint from the route file of its path, and every API route file only registered endpoints", () => {
    for (const endpoint of API_ENDPOINTS) expect(routeOf(endpoint), `${endpoint.method} ${endpoint.path}: route file`).toBeDefined();
    const registered = new Set(API_ENDPOINTS.map((e) => e.path));
    expect([...ROUTES.keys()].filter((path) => !registered.has(path))).toEqual([]);
  });

  it("can probe every endpoint on this project's objects", () => {
    for (const endpoint of API_ENDPOINTS) {
      for (const [, name] of endpoint.path.matchAll(/\{(\w+)\}/g))
        expect(PATH_OBJECTS, `${endpoint.path}: which object is {${name}}? Add it to PATH_OBJECTS`).toHaveProperty(name!);
    }
  });
});

type KeyChoice = (kind: keyof KindKeys) => string | null;

interface KeyedCase {
  name: string;
  key: KeyChoice;
  headers?: Record<string, string>;
  status: number;
  code: string;
  applies?: (endpoint: Endpoint) => boolean;
}

const KEYED_CASES: KeyedCase[] = [
  { name: "no key", key: () => null, status: 401, code: "MISSING_API_KEY" },
  { name: "a malformed key", key: (kind) => (kind === "secret" ? "sk_test_" : "pk_test_") + "not-a-real-key", status: 401, code: "INVALID_API_KEY" },
  { name: "a revoked key", key: (kind) => keys.revoked[kind], status: 401, code: "INVALID_API_KEY" },
  { name: "an expired key (rolled with no grace)", key: (kind) => keys.expired[kind], status: 401, code: "API_KEY_EXPIRED" },
  { name: "an archived project's key", key: (kind) => keys.archived[kind], status: 403, code: "PROJECT_ARCHIVED" },
  {
    name: "a secret key sent from outside its IP allowlist",
    key: () => keys.allowlisted,
    headers: { "x-ramp-client-ip": "127.0.0.1" },
    status: 403,
    code: "IP_NOT_ALLOWED",
  },
  { name: "a publishable key", key: () => keys.valid.publishable, status: 403, code: "INSUFFICIENT_PERMISSIONS", applies: (e) => e.auth === "secret" },
  { name: "another project's key", key: (kind) => keys.otherProject[kind], status: 404, code: "NOT_FOUND", applies: (e) => scopeOf(e) === "object" },
  { name: "this project's live-mode key", key: (kind) => keys.live[kind], status: 404, code: "NOT_FOUND", applies: (e) => scopeOf(e) === "object" },
];

describe.each(KEYED)("$method $path", (endpoint) => {
  // The kind of key the endpoint is meant for: secret, or publishable where either is taken.
  const kind = endpoint.auth === "secret" ? "secret" : "publishable";

  for (const c of KEYED_CASES.filter((c) => c.applies?.(endpoint) ?? true)) {
    it(`answers ${c.status} ${c.code} to ${c.name}`, async () => {
      expectError(await callEndpoint(endpoint, c.key(kind), c.headers), c.status, c.code);
    });
  }

  it(`refuses a restricted key without ${endpoint.permission} with 403 INSUFFICIENT_PERMISSIONS naming it`, async () => {
    const result = await callEndpoint(endpoint, restricted[endpoint.permission!].lacking);
    expectError(result, 403, "INSUFFICIENT_PERMISSIONS");
    expect(result.body.error.message).toContain(endpoint.permission);
    expect(result.body.error.details).toEqual([{ field: "permission", message: endpoint.permission }]);
  });

  // docs/api-contract.md#cors: a page on another origin can use the browser endpoints and never a secret-key one.
  if (endpoint.auth === "secret") {
    it("answers no CORS to a page on another origin, preflight or not", async () => {
      const origin = { Origin: "https://partner.example" };
      // A refused key: nothing may change here (the suite checks afterwards that refused calls changed nothing).
      const answer = await callEndpoint(endpoint, "sk_test_notARealKey", origin);
      expect(answer.status).toBe(401);
      expect(answer.headers.get("Access-Control-Allow-Origin")).toBeNull();
      const preflight = await call(handlerFor(moduleOf(endpoint), "OPTIONS")!, { ...probe(endpoint), method: "OPTIONS", body: undefined, headers: origin });
      expect(preflight.headers.get("Access-Control-Allow-Origin")).toBeNull();
    });
  } else {
    it("answers CORS to a page on another origin, and refuses a secret key sent from it", async () => {
      const origin = { Origin: "https://partner.example" };
      const preflight = await call(handlerFor(moduleOf(endpoint), "OPTIONS")!, { ...probe(endpoint), method: "OPTIONS", body: undefined, headers: origin });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("https://partner.example");
      const leaked = await callEndpoint(endpoint, keys.valid.secret, origin);
      expectError(leaked, 403, "INSUFFICIENT_PERMISSIONS");
      expect(leaked.headers.get("Access-Control-Allow-Origin")).toBe("https://partner.example");
      // A restricted key is a secret key too, even one holding the endpoint's permission.
      expectError(await callEndpoint(endpoint, restricted[endpoint.permission!].only, origin), 403, "INSUFFICIENT_PERMISSIONS");
    });
  }

  if (scopeOf(endpoint) === "list" && isStream(endpoint)) {
    it("streams another project's key only that project's events, even resumed after one of this project's", async () => {
      const [ours] = await database.db.select({ id: event.id }).from(event).where(eq(event.projectId, home.projectId)).limit(1);
      const text = await readStream(endpoint, keys.otherProject.secret, ours!.id);
      expect(text).toContain(": connected");
      expect(text).not.toContain(ours!.id);
      expect(text).not.toContain(objects.sessionId);
      expect(text).not.toContain(objects.orderId);
    });
  }

  if (scopeOf(endpoint) === "list" && !isStream(endpoint)) {
    it("shows another project's key only that project's rows, never this project's", async () => {
      const result = await callEndpoint(endpoint, keys.otherProject.secret);
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      // The request log lists the other project's own requests, and its refused attempts on this project's
      // ids (the 404s of this suite) name those ids in their paths: only what it was answered must not.
      const shown =
        endpoint.path === "/v1/request_logs" ? result.body.data.filter((r: { attributes: { status: number } }) => r.attributes.status < 400) : result.body;
      const text = JSON.stringify(shown);
      expect(text).not.toContain(objects.sessionId);
      expect(text).not.toContain(objects.orderId);
      expect(text).not.toContain(objects.endpointId);
    });
  }
});

describe.each(PUBLIC)("$method $path", (endpoint) => {
  it("refuses a secret or restricted key with 403 INSUFFICIENT_PERMISSIONS", async () => {
    for (const key of [keys.valid.secret, restricted["sessions:read"].only]) {
      const result = await callEndpoint(endpoint, key);
      expectError(result, 403, "INSUFFICIENT_PERMISSIONS");
      expect(result.headers.get("Access-Control-Allow-Origin")).toBe("*");
    }
  });

  it("refuses another project's publishable key with 403 FORBIDDEN", async () => {
    const result = await callEndpoint(endpoint, keys.otherProject.publishable);
    expectError(result, 403, "FORBIDDEN");
    expect(result.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});

describe.each(NO_KEY)("$method $path", (endpoint) => {
  it("answers without a key", async () => {
    const result = await callEndpoint(endpoint, null);
    expect(result.status, JSON.stringify(result.body).slice(0, 200)).toBe(200);
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
    const result = await call(routeOf(byOperation("getSession"))!, {
      path: `/v1/sessions/${objects.sessionId}`,
      key: keys.valid.publishable,
      params: { sessionId: objects.sessionId },
    });
    expect(result.status).toBe(200);
    expect(result.body.attributes.status).toBe("pending");
  });

  it("the order is still created, with no refund asked", async () => {
    const result = await call(routeOf(byOperation("getOrder"))!, {
      path: `/v1/orders/${objects.orderId}`,
      key: keys.valid.secret,
      params: { orderId: objects.orderId },
    });
    expect(result.status).toBe(200);
    expect(result.body.attributes).toMatchObject({ status: "created", refundReason: null, refundedAt: null });
  });

  it("the webhook endpoint is unchanged", async () => {
    const endpoint = await getEndpoint(projectContext(database.db, home, "test"), objects.endpointId);
    expect(endpoint).toMatchObject({ url: "https://example.com/hooks", description: null, status: "enabled" });
  });
});

// Last: these calls get past auth and may change this project's objects (cancel the session, delete the endpoint).
describe.each(KEYED)("$method $path, past auth", (endpoint) => {
  it("lets a restricted key holding only its permission past auth", async () => {
    const key = restricted[endpoint.permission!].only;
    if (isStream(endpoint)) {
      expect(await readStream(endpoint, key, "")).toContain(": connected");
      return;
    }
    const result = await callEndpoint(endpoint, key);
    const refusedByAuth = result.status === 401 || ["INSUFFICIENT_PERMISSIONS", "IP_NOT_ALLOWED", "FORBIDDEN"].includes(result.body?.error?.code);
    expect(refusedByAuth, JSON.stringify(result.body)).toBe(false);
  });

  it.skipIf(isStream(endpoint))("takes an allowlisted secret key from an address inside its allowlist", async () => {
    const result = await callEndpoint(endpoint, keys.allowlisted, { "x-ramp-client-ip": "10.1.2.3" });
    expect(result.status, JSON.stringify(result.body)).not.toBe(403);
  });
});
