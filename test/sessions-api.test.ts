/**
 * The session API replayed from docs/api-contract.md#sessions: every request example, the error table, field
 * locking, metadata limits, TTL and status rules, customers under concurrency, idempotency.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkoutSession, customer, event } from "../db/schema";
import { createApiKey } from "../app/keys/keys.server";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { expireDueSessions } from "../app/sessions/sessions.server";
import { loader as getSession } from "../app/routes/v1.sessions.$sessionId";
import { action as confirm } from "../app/routes/v1.sessions.$sessionId.confirm";
import { action as cancel } from "../app/routes/v1.sessions.$sessionId.cancel";
import { loadCheckout } from "../app/checkout/checkout.server";
import { env } from "../app/lib/env.server";
import { call } from "./api-client";
import { insertProject, markProjectLive } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { sessionBody } from "./fixtures";

let database: TestDatabase;
let projectId: string;
const keys = { sk: "", pk: "", skLive: "", otherSk: "" };

// The example request body of docs/api-contract.md#create-a-session, verbatim.
const SEED_CREATE = sessionBody({
  externalCustomerId: "player_12345",
  redirectUrl: "https://yoursite.com/payment-complete",
  type: "onramp",
  metadata: { partnerOrderId: "game_purchase_789", itemId: "sword_of_destiny" },
});

const create = (body: unknown, key = keys.sk, headers?: Record<string, string>) => call(createSessionRoute, { path: "/v1/sessions", key, body, headers });
const read = (id: string, key = keys.pk) => call(getSession, { path: `/v1/sessions/${id}`, key, params: { sessionId: id } });

function expectError(result: { status: number; body: any; headers: Headers }, status: number, code: string) {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(result.body.success).toBe(false);
  expect(result.body.error.code).toBe(code);
  expect(result.body.error.message).toEqual(expect.any(String));
  expect(result.body.error.requestId).toMatch(/^req_/);
  expect(result.headers.get("Request-Id")).toBe(result.body.error.requestId);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const ids = await insertProject(database.db, "Example shop");
  projectId = ids.projectId;
  keys.sk = (await createApiKey(database.db, { projectId, mode: "test", kind: "secret" })).token;
  keys.pk = (await createApiKey(database.db, { projectId, mode: "test", kind: "publishable" })).token;
  keys.skLive = (await createApiKey(database.db, { projectId, mode: "live", kind: "secret" })).token;
  await markProjectLive(database.db, projectId);
  const other = await insertProject(database.db, "Other shop");
  keys.otherSk = (await createApiKey(database.db, { projectId: other.projectId, mode: "test", kind: "secret" })).token;
});

afterAll(async () => {
  await database?.destroy();
});

describe("POST /v1/sessions (contract examples)", () => {
  it("answers the contract's example with 201 and the contract's shape", async () => {
    const result = await create(SEED_CREATE);
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.headers.get("Request-Id")).toMatch(/^req_/);
    const { type, id, attributes } = result.body;
    expect(type).toBe("session");
    expect(id).toMatch(/^sess_/);
    expect(attributes).toMatchObject({
      sessionId: id,
      projectId,
      clientSecret: expect.stringMatching(/^sess_secret_/),
      type: "onramp",
      status: "pending",
      customerId: expect.stringMatching(/^cust_/),
      externalCustomerId: "player_12345",
      sourceAmount: "100",
      sourceCurrency: "USD",
      destinationCurrency: "ETH",
      destinationAddress: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
      network: "ethereum",
      redirectUrl: "https://yoursite.com/payment-complete",
      metadata: SEED_CREATE.metadata,
      fieldLocks: {
        sourceAmount: { locked: true },
        sourceCurrency: { locked: true },
        destinationCurrency: { locked: true },
        destinationAddress: { locked: true },
        network: { locked: true },
      },
    });
    expect(Object.keys(attributes).slice(0, 4)).toEqual(["sessionId", "projectId", "clientSecret", "url"]);
    // Default TTL 1800 s.
    expect(Date.parse(attributes.expiresAt) - Date.parse(attributes.createdAt)).toBe(1800_000);
    // The clientSecret is stored only as a hash.
    const [row] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, id));
    expect(JSON.stringify(row)).not.toContain(attributes.clientSecret);
  });

  it("answers the hosted checkout url, which opens this session's checkout, in the create answer only", async () => {
    const created = await create(SEED_CREATE);
    const { url, sessionId, clientSecret } = created.body.attributes;
    const parsed = new URL(url);
    expect(parsed.origin).toBe(env().BASE_URL);
    expect(parsed.pathname).toBe("/checkout");
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ sessionId, clientSecret, projectId });
    // The URL opens the checkout: the hosted page's loader accepts exactly these credentials.
    const page = await loadCheckout(database.db, Object.fromEntries(parsed.searchParams));
    expect(page.state).toBe("open");
    const fetched = await read(sessionId, keys.sk);
    expect(fetched.body.attributes).not.toHaveProperty("url");
    expect(JSON.stringify(fetched.body)).not.toContain(clientSecret);
  });

  it("accepts the hosted-checkout example (USDC on polygon) and the metadata example", async () => {
    const hosted = await create({
      externalCustomerId: "player_999",
      sourceAmount: "50",
      sourceCurrency: "USD",
      destinationCurrency: "USDC",
      network: "polygon",
      destinationAddress: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
      redirectUrl: "https://yoursite.com/success",
      type: "onramp",
    });
    expect(hosted.status).toBe(201);
    const withMetadata = await create({ ...SEED_CREATE, metadata: { orderId: "your-internal-order-123", userId: "player_12345" } });
    expect(withMetadata.status).toBe(201);
    expect(withMetadata.body.attributes.metadata).toEqual({ orderId: "your-internal-order-123", userId: "player_12345" });
  });

  it("GET with the publishable key returns the session without its clientSecret", async () => {
    const created = await create(SEED_CREATE);
    const result = await read(created.body.id);
    expect(result.status).toBe(200);
    expect(result.body.attributes.sessionId).toBe(created.body.id);
    expect(result.body.attributes).not.toHaveProperty("clientSecret");
    expect(JSON.stringify(result.body)).not.toContain(created.body.attributes.clientSecret);
  });

  it("applies the contract's metadata limits: depth 1 and 2 pass, depth 3 fails", async () => {
    expect((await create({ ...SEED_CREATE, metadata: { orderId: "abc", tags: { env: "prod" } } })).status).toBe(201);
    expect((await create({ ...SEED_CREATE, metadata: { orderId: "abc", ctx: { org: { id: "x" } } } })).status).toBe(201);
    const deep = await create({ ...SEED_CREATE, metadata: { a: { b: { c: { d: 1 } } } } });
    expectError(deep, 400, "VALIDATION_ERROR");
    expect(deep.body.error.details).toEqual([{ field: "metadata", message: expect.stringContaining("2 levels") }]);
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));
    expectError(await create({ ...SEED_CREATE, metadata: tooMany }), 400, "VALIDATION_ERROR");
    expectError(await create({ ...SEED_CREATE, metadata: { big: "x".repeat(4100) } }), 400, "VALIDATION_ERROR");
  });

  it("honours fieldLocks overrides, including min and max for sourceAmount", async () => {
    const result = await create({
      externalCustomerId: "player_locks",
      destinationAddress: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
      network: "ethereum",
      fieldLocks: { destinationAddress: { locked: false }, sourceAmount: { locked: false, min: "10", max: "500" } },
    });
    expect(result.status).toBe(201);
    expect(result.body.attributes.fieldLocks).toEqual({
      destinationAddress: { locked: false },
      network: { locked: true },
      sourceAmount: { locked: false, min: "10", max: "500" },
    });
    expectError(
      await create({ externalCustomerId: "p", sourceAmount: "600", fieldLocks: { sourceAmount: { locked: false, min: "10", max: "500" } } }),
      400,
      "INVALID_AMOUNT",
    );
    expectError(await create({ externalCustomerId: "p", fieldLocks: { sourceCurrency: { locked: true } } }), 400, "VALIDATION_ERROR");
  });

  it("validates every field with the right code and names it in details", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...SEED_CREATE, externalCustomerId: undefined }, "VALIDATION_ERROR", "externalCustomerId"],
      [{ ...SEED_CREATE, sourceCurrency: "XYZ" }, "INVALID_CURRENCY", "sourceCurrency"],
      [{ ...SEED_CREATE, destinationCurrency: "DOGE" }, "INVALID_CURRENCY", "destinationCurrency"],
      [{ ...SEED_CREATE, network: "dogechain" }, "INVALID_NETWORK", "network"],
      [{ ...SEED_CREATE, network: "bitcoin" }, "INVALID_NETWORK", "network"],
      [{ ...SEED_CREATE, sourceAmount: 100 }, "INVALID_AMOUNT", "sourceAmount"],
      [{ ...SEED_CREATE, sourceAmount: "1.005" }, "INVALID_AMOUNT", "sourceAmount"],
      [{ ...SEED_CREATE, sourceAmount: "0" }, "INVALID_AMOUNT", "sourceAmount"],
      [{ ...SEED_CREATE, destinationAddress: "0x123" }, "INVALID_WALLET_ADDRESS", "destinationAddress"],
      [{ ...SEED_CREATE, redirectUrl: "http://yoursite.com/done" }, "VALIDATION_ERROR", "redirectUrl"],
      [{ ...SEED_CREATE, expiresInSeconds: 86401 }, "VALIDATION_ERROR", "expiresInSeconds"],
      [{ ...SEED_CREATE, expiresInSeconds: 0 }, "VALIDATION_ERROR", "expiresInSeconds"],
      [{ ...SEED_CREATE, type: "swap" }, "VALIDATION_ERROR", "type"],
      [{ ...SEED_CREATE, surprise: true }, "VALIDATION_ERROR", ""],
    ];
    for (const [body, code, field] of cases) {
      const result = await create(body);
      expectError(result, 400, code);
      if (field)
        expect(
          result.body.error.details.map((d: { field: string }) => d.field),
          JSON.stringify(body),
        ).toContain(field);
    }
    expectError(
      await call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, rawBody: "{not json", headers: { "Content-Type": "application/json" } }),
      400,
      "VALIDATION_ERROR",
    );
  });

  it("allows http://localhost redirects in test mode only, and live redirects only to allowed origins", async () => {
    expect((await create({ ...SEED_CREATE, redirectUrl: "http://localhost:5173/done" })).status).toBe(201);
    // Live mode checks the EIP-55 checksum strictly (the contract's example address fails it): use a valid one.
    const liveBody = { ...SEED_CREATE, destinationAddress: "0x742d35Cc6634C0532925a3b844Bc454e4438f44e" };
    expectError(await create({ ...liveBody, destinationAddress: SEED_CREATE.destinationAddress }, keys.skLive), 400, "INVALID_WALLET_ADDRESS");
    const live = await create(liveBody, keys.skLive);
    expectError(live, 400, "VALIDATION_ERROR");
    expect(live.body.error.details[0].field).toBe("redirectUrl");
  });

  it("checks the key: none, publishable, another project's", async () => {
    expectError(await create(SEED_CREATE, ""), 401, "MISSING_API_KEY");
    expectError(await create(SEED_CREATE, keys.pk), 403, "INSUFFICIENT_PERMISSIONS");
    expectError(await create(SEED_CREATE, `sk_test_${"x".repeat(43)}`), 401, "INVALID_API_KEY");
    const mine = await create(SEED_CREATE);
    expectError(await call(getSession, { path: "/x", key: keys.otherSk, params: { sessionId: mine.body.id } }), 404, "NOT_FOUND");
    expectError(await call(getSession, { path: "/x", key: keys.skLive, params: { sessionId: mine.body.id } }), 404, "NOT_FOUND");
  });

  it("creates one customer per external id, also when 20 requests race", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => create({ ...SEED_CREATE, externalCustomerId: "player_race" })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.attributes.customerId)).size).toBe(1);
    const rows = await database.db
      .select()
      .from(customer)
      .where(and(eq(customer.projectId, projectId), eq(customer.externalId, "player_race")));
    expect(rows).toHaveLength(1);
    const byId = await create({ customerId: rows[0]!.id, sourceAmount: "20" });
    expect(byId.body.attributes.externalCustomerId).toBe("player_race");
    expectError(await create({ customerId: "cust_doesnotexist" }), 400, "VALIDATION_ERROR");
  });
});

describe("the contract's error table and the status rules", () => {
  it("FORBIDDEN for a wrong clientSecret; confirm moves pending → confirmed once, with an event", async () => {
    const created = await create(SEED_CREATE);
    const id = created.body.id;
    const secret = created.body.attributes.clientSecret;
    expectError(
      await call(confirm, { path: `/v1/sessions/${id}/confirm`, key: keys.pk, body: { clientSecret: "sess_secret_wrong" }, params: { sessionId: id } }),
      403,
      "FORBIDDEN",
    );
    const ok = await call(confirm, { path: `/v1/sessions/${id}/confirm`, key: keys.pk, body: { clientSecret: secret }, params: { sessionId: id } });
    expect(ok.status).toBe(200);
    expect(ok.body.attributes.status).toBe("confirmed");
    const again = await call(confirm, { path: `/v1/sessions/${id}/confirm`, key: keys.pk, body: { clientSecret: secret }, params: { sessionId: id } });
    expect(again.body.attributes.status).toBe("confirmed");
    const events = await database.db.select().from(event).where(eq(event.sessionId, id));
    expect(events.map((e) => e.type)).toEqual(["session.confirmed"]);
    expect(events[0]!.payload).toMatchObject({
      id: events[0]!.id,
      type: "session.confirmed",
      data: { session: { sessionId: id, metadata: SEED_CREATE.metadata } },
    });
  });

  it("confirm may change unlocked fields within bounds, never locked ones", async () => {
    const created = await create({
      externalCustomerId: "p_conf",
      sourceCurrency: "USD",
      fieldLocks: { sourceAmount: { locked: false, min: "10", max: "500" } },
    });
    const id = created.body.id;
    const secret = created.body.attributes.clientSecret;
    const path = `/v1/sessions/${id}/confirm`;
    expectError(
      await call(confirm, { path, key: keys.pk, body: { clientSecret: secret, sourceCurrency: "EUR" }, params: { sessionId: id } }),
      400,
      "VALIDATION_ERROR",
    );
    expectError(
      await call(confirm, { path, key: keys.pk, body: { clientSecret: secret, sourceAmount: "501" }, params: { sessionId: id } }),
      400,
      "INVALID_AMOUNT",
    );
    const ok = await call(confirm, { path, key: keys.pk, body: { clientSecret: secret, sourceAmount: "250" }, params: { sessionId: id } });
    expect(ok.body.attributes).toMatchObject({ status: "confirmed", sourceAmount: "250", sourceCurrency: "USD" });
  });

  it("SESSION_EXPIRED everywhere once the TTL has passed, and the sweep records session.expired", async () => {
    const created = await create({ ...SEED_CREATE, expiresInSeconds: 1 });
    const id = created.body.id;
    await new Promise((r) => setTimeout(r, 1100));
    expectError(await read(id), 409, "SESSION_EXPIRED");
    expectError(
      await call(confirm, { path: "/x", key: keys.pk, body: { clientSecret: created.body.attributes.clientSecret }, params: { sessionId: id } }),
      409,
      "SESSION_EXPIRED",
    );
    expectError(await call(cancel, { method: "POST", path: "/x", key: keys.sk, params: { sessionId: id } }), 409, "SESSION_EXPIRED");
    const [row] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, id));
    expect(row!.status).toBe("expired");
    const other = await create({ ...SEED_CREATE, expiresInSeconds: 1 });
    expect(await expireDueSessions(database.db, { now: new Date(Date.now() + 5_000) })).toBeGreaterThanOrEqual(1);
    const events = await database.db.select().from(event).where(eq(event.sessionId, other.body.id));
    expect(events.map((e) => e.type)).toEqual(["session.expired"]);
  });

  it("SESSION_ALREADY_USED once an order is under way; NOT_FOUND for an unknown id", async () => {
    const created = await create(SEED_CREATE);
    await database.db.update(checkoutSession).set({ status: "processing" }).where(eq(checkoutSession.id, created.body.id));
    const id = created.body.id;
    expectError(
      await call(confirm, { path: "/x", key: keys.pk, body: { clientSecret: created.body.attributes.clientSecret }, params: { sessionId: id } }),
      409,
      "SESSION_ALREADY_USED",
    );
    expectError(await call(cancel, { method: "POST", path: "/x", key: keys.sk, params: { sessionId: id } }), 409, "SESSION_ALREADY_USED");
    expectError(await read("sess_doesnotexist"), 404, "NOT_FOUND");
  });

  it("cancel needs the secret key, is idempotent and records session.cancelled once", async () => {
    const created = await create(SEED_CREATE);
    const id = created.body.id;
    expectError(await call(cancel, { method: "POST", path: "/x", key: keys.pk, params: { sessionId: id } }), 403, "INSUFFICIENT_PERMISSIONS");
    const first = await call(cancel, { method: "POST", path: "/x", key: keys.sk, params: { sessionId: id } });
    expect(first.body.attributes.status).toBe("cancelled");
    expect((await call(cancel, { method: "POST", path: "/x", key: keys.sk, params: { sessionId: id } })).body.attributes.status).toBe("cancelled");
    expectError(
      await call(confirm, { path: "/x", key: keys.pk, body: { clientSecret: created.body.attributes.clientSecret }, params: { sessionId: id } }),
      409,
      "INVALID_STATE",
    );
    const events = await database.db.select().from(event).where(eq(event.sessionId, id));
    expect(events.map((e) => e.type)).toEqual(["session.cancelled"]);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first response for the same request and refuses a different one", async () => {
    const headers = { "Idempotency-Key": `idem-${Date.now()}` };
    const first = await create(SEED_CREATE, keys.sk, headers);
    const second = await create(SEED_CREATE, keys.sk, headers);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
    // The replay is the same answer, url (and its clientSecret) included: the caller may have lost the first one.
    expect(second.body.attributes.url).toBe(first.body.attributes.url);
    expect(second.body.attributes.url).toContain(encodeURIComponent(first.body.attributes.clientSecret));
    expectError(await create({ ...SEED_CREATE, sourceAmount: "101" }, keys.sk, headers), 409, "IDEMPOTENCY_KEY_REUSED");
    const count = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, first.body.id));
    expect(count).toHaveLength(1);
  });

  it("keeps a validation error as the answer for that key", async () => {
    const headers = { "Idempotency-Key": `idem-bad-${Date.now()}` };
    const first = await create({ ...SEED_CREATE, sourceCurrency: "XYZ" }, keys.sk, headers);
    expectError(first, 400, "INVALID_CURRENCY");
    const replay = await create({ ...SEED_CREATE, sourceCurrency: "XYZ" }, keys.sk, headers);
    expectError(replay, 400, "INVALID_CURRENCY");
    expect(replay.body.error.requestId).toBe(first.body.error.requestId);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
  });
});
