/**
 * GET /v1/orders, GET /v1/orders/:id, listOrders and getOrder against a real database:
 * seed 004's envelope, filters, bounds and keyset paging (also while orders are being
 * inserted), key kinds and tenancy, and (on PostgreSQL) the index range scan.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { order, ORDER_STATUSES, type OrderStatus } from "../../db/schema";
import * as schema from "../../db/schema";
import type { Mode } from "../../db/schema/types";
import { insertProject, projectContext, type ProjectIds } from "../../test/contexts";
import { ids, listApi, planNodes, type ErrorBody } from "../../test/list-api";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "../../test/database";
import { parseListParams } from "../api/list-params";
import { generateHistory } from "../demo/history.server";
import { CRYPTO_CURRENCIES } from "../gateways/catalogue";
import { createApiKey } from "../keys/keys.server";
import type { Database } from "../lib/db.server";
import { newId } from "../lib/ids";
import { loader as listLoader } from "../routes/v1.orders";
import { loader as getLoader } from "../routes/v1.orders.$orderId";
import { serializeOrder } from "./serialize";
import { getOrder, listOrders } from "./list.server";

let database: TestDatabase;
let db: Database;

const PAIRS = CRYPTO_CURRENCIES.flatMap((c) => c.networks.map((network) => ({ currency: c.code as string, network: network as string })));
const T0 = 1_709_251_200; // 2024-03-01T00:00:00Z

interface Fixture extends ProjectIds {
  keys: { test: string; live: string; publishable: string };
}

async function newProject(name: string): Promise<Fixture> {
  const ids = await insertProject(db, name);
  const key = async (mode: Mode, kind: "secret" | "publishable") => (await createApiKey(db, { projectId: ids.projectId, mode, kind, label: "t" })).token;
  return { ...ids, keys: { test: await key("test", "secret"), live: await key("live", "secret"), publishable: await key("test", "publishable") } };
}

interface OrderSpec {
  /** Unix seconds (fractions allowed) or an exact SQL timestamp; default now(). */
  created?: number | SQL;
  status?: OrderStatus;
  currency?: string;
  network?: string;
}

async function insertOrders(fixture: ProjectIds, mode: Mode, specs: OrderSpec[]): Promise<string[]> {
  const rows = specs.map((spec) => ({
    id: newId("ord"),
    projectId: fixture.projectId,
    mode,
    status: spec.status ?? "created",
    gatewayId: "banxa",
    sourceCurrency: "EUR",
    sourceAmount: "250",
    destinationCurrency: spec.currency ?? "ETH",
    network: spec.network ?? "arbitrum",
    destinationAddress: "0x2222222222222222222222222222222222222222",
    metadata: { provider: "banxa", providerOrderId: null, email: "buyer@example.com", paymentMethodId: null, partnerMetadata: {} },
    ...(spec.created === undefined ? {} : { createdAt: typeof spec.created === "number" ? new Date(spec.created * 1000) : spec.created }),
  }));
  await db.insert(order).values(rows as (typeof order.$inferInsert)[]);
  return rows.map((r) => r.id);
}

async function expectedIds(fixture: ProjectIds, mode: Mode, where?: SQL): Promise<string[]> {
  const rows = await db
    .select({ id: order.id })
    .from(order)
    .where(and(eq(order.projectId, fixture.projectId), eq(order.mode, mode), where))
    .orderBy(desc(order.createdAt), desc(order.id));
  return rows.map((r) => r.id);
}

function request(path: string, token?: string) {
  return new Request(`http://localhost:3000${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

async function getOne<T = { type: string; id: string; attributes: Record<string, unknown> }>(orderId: string, token?: string) {
  const response = await getLoader({ request: request(`/v1/orders/${orderId}`, token), params: { orderId }, context: {} } as LoaderFunctionArgs);
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

const { get: list, expectValidationError, walk } = listApi(listLoader, "/v1/orders");

let shop: Fixture;
let other: Fixture;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  shop = await newProject("Shop");
  other = await newProject("Other");
  await insertOrders(
    shop,
    "test",
    Array.from({ length: 36 }, (_, i) => ({
      created: T0 + Math.floor(i / 3) * 60,
      status: ORDER_STATUSES[i % ORDER_STATUSES.length],
      currency: PAIRS[i % PAIRS.length]!.currency,
      network: PAIRS[i % PAIRS.length]!.network,
    })),
  );
  await insertOrders(shop, "test", [
    { created: sql`'2024-03-02T00:00:00.000001Z'::timestamptz` },
    { created: sql`'2024-03-02T00:00:00.000002Z'::timestamptz` },
    { created: sql`'2024-03-02T00:00:00.000002Z'::timestamptz` },
  ]);
  await insertOrders(shop, "live", Array.from({ length: 4 }, (_, i) => ({ created: T0 + i, status: "completed" as const })));
  await insertOrders(other, "test", Array.from({ length: 5 }, (_, i) => ({ created: T0 + i, status: "completed" as const })));
});
afterAll(async () => {
  await database?.destroy();
});

describe("GET /v1/orders", () => {
  it("answers seed 004's list with 10 orders by default, newest first, in the order shape", async () => {
    const { status, headers, body } = await list("", shop.keys.test);
    expect(status).toBe(200);
    expect(headers.get("Request-Id")).toMatch(/^req_/);
    expect(body).toMatchObject({ object: "list", url: "/v1/orders", has_more: true });
    expect(Object.keys(body).sort()).toEqual(["data", "has_more", "object", "url"]);
    const all = await expectedIds(shop, "test");
    expect(all).toHaveLength(39);
    expect(ids(body)).toEqual(all.slice(0, 10));
    const [row] = await db.select().from(order).where(eq(order.id, all[0]!));
    expect(body.data[0]).toEqual(JSON.parse(JSON.stringify(serializeOrder(row!))));
  });

  it.each(["0", "101", "abc"])("refuses limit=%s with VALIDATION_ERROR on limit", async (value) => {
    await expectValidationError(`?limit=${value}`, shop.keys.test, "limit");
  });

  it("filters by status, destination_currency, destination_network and created, alone and combined", async () => {
    const cases: [string, SQL | undefined][] = [
      ["status=refunded", eq(order.status, "refunded")],
      ["destination_currency=USDC", eq(order.destinationCurrency, "USDC")],
      ["destination_network=base", eq(order.network, "base")],
      [`created[gte]=${T0 + 120}&created[lt]=${T0 + 300}`, sql`${order.createdAt} >= '2024-03-01T00:02:00Z' and ${order.createdAt} < '2024-03-01T00:05:00Z'`],
      [`created[gt]=${T0 + 120}&created[lte]=${T0 + 300}`, sql`${order.createdAt} >= '2024-03-01T00:02:01Z' and ${order.createdAt} < '2024-03-01T00:05:01Z'`],
      [
        `status=completed&destination_currency=ETH&created[lte]=${T0 + 3600}`,
        and(eq(order.status, "completed"), eq(order.destinationCurrency, "ETH")),
      ],
      ["destination_currency=USDC&destination_network=polygon", and(eq(order.destinationCurrency, "USDC"), eq(order.network, "polygon"))],
    ];
    for (const [query, where] of cases) {
      const expected = await expectedIds(shop, "test", where);
      expect(expected.length, query).toBeGreaterThan(0);
      const { status, body } = await list(`?limit=100&${query}`, shop.keys.test);
      expect(status, query).toBe(200);
      expect(ids(body), query).toEqual(expected);
    }
  });

  it.each([
    ["status=pending", "status"],
    ["status=confirmed", "status"],
    ["destination_currency=XRP", "destination_currency"],
    ["destination_network=tron", "destination_network"],
    ["created[gte]=soon", "created[gte]"],
    ["gateway=banxa", "gateway"],
  ])("refuses %s with a detail on %s", async (query, field) => {
    await expectValidationError(`?${query}`, shop.keys.test, field);
  });

  it("walks forward over every order, then backward, each exactly once in order", async () => {
    const all = await expectedIds(shop, "test");
    for (const limit of [1, 4, 10, 39]) {
      const { forward, backward } = await walk(shop.keys.test, "", limit);
      expect(forward, `limit ${limit}`).toEqual(all);
      expect(backward, `limit ${limit}`).toEqual(all);
    }
    const filtered = await expectedIds(shop, "test", eq(order.status, "processing"));
    const walked = await walk(shop.keys.test, "&status=processing", 2);
    expect(walked.forward).toEqual(filtered);
    expect(walked.backward).toEqual(filtered);
  });

  it("never repeats or skips an order while new orders are inserted between page fetches", async () => {
    const busy = await newProject("Busy");
    await insertOrders(busy, "test", Array.from({ length: 25 }, (_, i) => ({ created: T0 + Math.floor(i / 4), status: "completed" as const })));
    const before = await expectedIds(busy, "test");
    let inserted = 0;
    const { forward, backward } = await walk(busy.keys.test, "", 3, async () => {
      await insertOrders(busy, "test", [{ status: "processing" }, {}]);
      inserted += 2;
    });
    expect(forward).toEqual(before);
    const after = await expectedIds(busy, "test");
    expect(after).toHaveLength(25 + inserted);
    expect(backward).toEqual(after);
    expect(new Set(backward).size).toBe(backward.length);
  });

  it("refuses both cursors, and a cursor that is not an order of this project and mode", async () => {
    const all = await expectedIds(shop, "test");
    await expectValidationError(`?starting_after=${all[1]}&ending_before=${all[3]}`, shop.keys.test, "ending_before");
    const [foreign] = await expectedIds(other, "test");
    const [live] = await expectedIds(shop, "live");
    for (const cursor of [foreign!, live!, "ord_nothere"]) {
      const error = await expectValidationError(`?starting_after=${cursor}`, shop.keys.test, "starting_after");
      expect(error.message).toContain("No such order");
    }
  });

  it("needs a secret key and shows only the key's own project and mode", async () => {
    const none = await list<ErrorBody>("");
    expect([none.status, none.body.error.code]).toEqual([401, "MISSING_API_KEY"]);
    const publishable = await list<ErrorBody>("", shop.keys.publishable);
    expect([publishable.status, publishable.body.error.code]).toEqual([403, "INSUFFICIENT_PERMISSIONS"]);

    const shopTest = await expectedIds(shop, "test");
    const asOther = await list("?limit=100", other.keys.test);
    expect(ids(asOther.body)).toEqual(await expectedIds(other, "test"));
    expect(ids(asOther.body).some((id) => shopTest.includes(id))).toBe(false);
    const asLive = await list("?limit=100", shop.keys.live);
    expect(ids(asLive.body)).toEqual(await expectedIds(shop, "live"));
    const asTest = await list("?limit=100", shop.keys.test);
    expect(asTest.body.data.every((d) => d.attributes.livemode === false)).toBe(true);
  });
});

describe("GET /v1/orders/:id", () => {
  it("answers one order of the key's project and mode in the order shape", async () => {
    const [id] = await expectedIds(shop, "test");
    const { status, headers, body } = await getOne(id!, shop.keys.test);
    expect(status).toBe(200);
    expect(headers.get("Request-Id")).toMatch(/^req_/);
    const [row] = await db.select().from(order).where(eq(order.id, id!));
    expect(body).toEqual(JSON.parse(JSON.stringify(serializeOrder(row!))));
  });

  it("answers 404 NOT_FOUND alike for another project's, the other mode's and an unknown id", async () => {
    const [foreign] = await expectedIds(other, "test");
    const [live] = await expectedIds(shop, "live");
    const answers = [];
    for (const id of [foreign!, live!, "ord_doesnotexist0000000000", "not-an-id"]) {
      const { status, body } = await getOne<ErrorBody>(id, shop.keys.test);
      expect(status, id).toBe(404);
      expect(body.error.code).toBe("NOT_FOUND");
      expect(JSON.stringify(body)).not.toMatch(/banxa|buyer@example\.com/);
      answers.push(body.error.message.replace(id, "<id>"));
    }
    // Nothing tells a foreign order from a missing one.
    expect(new Set(answers).size).toBe(1);
    // The owner still sees it.
    expect((await getOne(foreign!, other.keys.test)).status).toBe(200);
  });

  it("needs a secret key", async () => {
    const [id] = await expectedIds(shop, "test");
    const none = await getOne<ErrorBody>(id!);
    expect([none.status, none.body.error.code]).toEqual([401, "MISSING_API_KEY"]);
    const publishable = await getOne<ErrorBody>(id!, shop.keys.publishable);
    expect([publishable.status, publishable.body.error.code]).toEqual([403, "INSUFFICIENT_PERMISSIONS"]);
  });
});

describe("listOrders and getOrder (the module the console shares)", () => {
  it("answer what the API answers, from a project context", async () => {
    const ctx = projectContext(db, shop, "test");
    const params = parseListParams(new URLSearchParams("limit=4&status=completed"), { statuses: ORDER_STATUSES });
    const page = await listOrders(ctx, params);
    const api = await list("?limit=4&status=completed", shop.keys.test);
    expect(page.data.map((r) => r.id)).toEqual(ids(api.body));
    expect(page.hasMore).toBe(api.body.has_more);
    expect(await getOrder(ctx, page.data[0]!.id)).toMatchObject({ id: page.data[0]!.id, projectId: shop.projectId });
    expect(await getOrder(projectContext(db, shop, "live"), page.data[0]!.id)).toBeNull();
    expect(await getOrder(projectContext(db, other, "test"), page.data[0]!.id)).toBeNull();
  });
});

describe.runIf(TEST_DRIVER === "postgres")("the order keyset page on PostgreSQL", () => {
  it("is an index range scan whose Index Cond holds the row comparison, for every filter", async () => {
    const big = await newProject("Big");
    await generateHistory(db, { projectId: big.projectId, mode: "test", sessions: 6000, seed: 11, batchSize: 3000 });
    await db.execute(sql`analyze "order"`);
    const statements: { text: string; params: unknown[] }[] = [];
    const client = postgres(database.url!, { max: 1, onnotice: () => {}, debug: (_connection, text, params) => statements.push({ text, params: params as unknown[] }) });
    try {
      const scope = { db: drizzle({ client, schema }) as unknown as Database, projectId: big.projectId, mode: "test" as const };
      const first = await listOrders(scope, { limit: 100 });
      expect(first.data).toHaveLength(100);
      const cursor = first.data[40]!.id;
      const deeper = first.data[99]!.id;
      const queries = [
        { startingAfter: cursor },
        { startingAfter: cursor, status: "completed" as const },
        { startingAfter: cursor, destinationCurrency: "ETH" as const },
        { endingBefore: deeper, destinationNetwork: "ethereum" as const },
        { startingAfter: cursor, created: { gte: Math.floor(Date.now() / 1000) - 30 * 86_400 } },
      ];
      for (const query of queries) {
        statements.length = 0;
        const page = await listOrders(scope, { limit: 20, ...query });
        expect(page.data.length, JSON.stringify(query)).toBeGreaterThan(0);
        const statement = statements.find((s) => /from "order"/.test(s.text) && /order by/.test(s.text))!;
        const [row] = await client.unsafe(`explain (format json) ${statement.text}`, statement.params as never[]);
        const nodes = planNodes((row!["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0]!.Plan);
        const label = `${JSON.stringify(query)}: ${JSON.stringify(nodes.map((n) => [n["Node Type"], n["Index Name"], n["Index Cond"]]))}`;
        expect(nodes.some((n) => n["Node Type"] === "Seq Scan"), label).toBe(false);
        expect(nodes.some((n) => /ROW\(created_at, id\) [<>] ROW\(/.test(String(n["Index Cond"] ?? ""))), label).toBe(true);
      }
    } finally {
      await client.end();
    }
  });
});
