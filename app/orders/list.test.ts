/**
 * GET /v1/orders, GET /v1/orders/:id, listOrders and getOrder against a real database:
 * the list envelope, filters, bounds and keyset paging (docs/api-contract.md#lists) (also while orders are being
 * inserted), key kinds and tenancy, and (on PostgreSQL) the index range scan.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { order, ORDER_STATUSES, type OrderStatus } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { projectContext, type ProjectIds } from "~test/contexts";
import {
  createdAtOf,
  expectKeysetIndexScans,
  idsNewestFirst,
  insertProjectWithKeys,
  listApi,
  spreadRows,
  T0,
  type ErrorBody,
  type KeyedProject,
} from "~test/list-api";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "~test/database";
import { generateHistory } from "~/demo/history.server";
import type { Database } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import { loader as listLoader } from "~/routes/v1.orders";
import { loader as getLoader } from "~/routes/v1.orders.$orderId";
import { serializeOrder } from "./serialize";
import { getOrder, listOrders } from "./list.server";

let database: TestDatabase;
let db: Database;

const newProject = (name: string) => insertProjectWithKeys(db, name);

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
    ...createdAtOf(spec.created),
  }));
  await db.insert(order).values(rows as (typeof order.$inferInsert)[]);
  return rows.map((r) => r.id);
}

const expectedIds = (fixture: ProjectIds, mode: Mode, where?: SQL) => idsNewestFirst(db, order, fixture, mode, where);

function request(path: string, token?: string) {
  return new Request(`http://localhost:3000${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

async function getOne<T = { type: string; id: string; attributes: Record<string, unknown> }>(orderId: string, token?: string) {
  const response = await getLoader({ request: request(`/v1/orders/${orderId}`, token), params: { orderId }, context: {} } as LoaderFunctionArgs);
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

const api = listApi(listLoader, "/v1/orders");
const { expectValidationError } = api;

let shop: KeyedProject;
let other: KeyedProject;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  shop = await newProject("Shop");
  other = await newProject("Other");
  await insertOrders(shop, "test", spreadRows(36, 3, ORDER_STATUSES));
  await insertOrders(shop, "test", [
    { created: sql`'2024-03-02T00:00:00.000001Z'::timestamptz` },
    { created: sql`'2024-03-02T00:00:00.000002Z'::timestamptz` },
    { created: sql`'2024-03-02T00:00:00.000002Z'::timestamptz` },
  ]);
  await insertOrders(
    shop,
    "live",
    Array.from({ length: 4 }, (_, i) => ({ created: T0 + i, status: "completed" as const })),
  );
  await insertOrders(
    other,
    "test",
    Array.from({ length: 5 }, (_, i) => ({ created: T0 + i, status: "completed" as const })),
  );
});
afterAll(async () => {
  await database?.destroy();
});

describe("GET /v1/orders", () => {
  it("answers the contract's list with 10 orders by default, newest first, in the order shape", async () => {
    const all = await expectedIds(shop, "test");
    expect(all).toHaveLength(39);
    const body = await api.expectDefaultPage(shop.keys.test, all);
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
      [`status=completed&destination_currency=ETH&created[lte]=${T0 + 3600}`, and(eq(order.status, "completed"), eq(order.destinationCurrency, "ETH"))],
      ["destination_currency=USDC&destination_network=polygon", and(eq(order.destinationCurrency, "USDC"), eq(order.network, "polygon"))],
    ];
    await api.expectFilters(shop.keys.test, cases, (where) => expectedIds(shop, "test", where));
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
    await api.expectWalk(shop.keys.test, "", [1, 4, 10, 39], await expectedIds(shop, "test"));
    await api.expectWalk(shop.keys.test, "&status=processing", [2], await expectedIds(shop, "test", eq(order.status, "processing")));
  });

  it("never repeats or skips an order while new orders are inserted between page fetches", async () => {
    const busy = await newProject("Busy");
    await insertOrders(
      busy,
      "test",
      Array.from({ length: 25 }, (_, i) => ({ created: T0 + Math.floor(i / 4), status: "completed" as const })),
    );
    const { before } = await api.expectStableWhileInserting(
      busy.keys.test,
      3,
      () => expectedIds(busy, "test"),
      async () => (await insertOrders(busy, "test", [{ status: "processing" }, {}])).length,
    );
    expect(before).toHaveLength(25);
  });

  it("refuses both cursors, and a cursor that is not an order of this project and mode", async () => {
    const all = await expectedIds(shop, "test");
    await api.expectBothCursorsRefused(shop.keys.test, all[1]!, all[3]!);
    const [foreign] = await expectedIds(other, "test");
    const [live] = await expectedIds(shop, "live");
    await api.expectForeignCursorsRefused(shop.keys.test, [foreign!, live!, "ord_nothere"], "order");
  });

  it("needs a secret key and shows only the key's own project and mode", async () => {
    await api.expectSecretKeyOnly(shop.keys.publishable);
    await api.expectScopedToKey({
      test: { token: shop.keys.test, ids: await expectedIds(shop, "test") },
      live: { token: shop.keys.live, ids: await expectedIds(shop, "live") },
      other: { token: other.keys.test, ids: await expectedIds(other, "test") },
    });
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
    const page = await api.expectModuleAgrees(shop.keys.test, "limit=4&status=completed", ORDER_STATUSES, (params) => listOrders(ctx, params));
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
    await expectKeysetIndexScans({
      url: database.url!,
      projectId: big.projectId,
      table: "order",
      list: listOrders,
      cursorAt: 40,
      filters: { status: "completed", destinationCurrency: "ETH", destinationNetwork: "ethereum" },
    });
  });
});
