/**
 * GET /v1/sessions and listSessions against a real database: the list envelope (docs/api-contract.md#lists), filters,
 * bounds and keyset paging (also while rows are being inserted), key kinds and tenancy,
 * and (on PostgreSQL) that a filtered keyset page is an index range scan.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkoutSession, customer, SESSION_STATUSES, type SessionStatus } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { projectContext } from "~test/contexts";
import {
  createdAtOf,
  expectKeysetIndexScans,
  ids,
  idsNewestFirst,
  insertProjectWithKeys,
  listApi,
  spreadRows,
  T0,
  type ErrorBody,
  type KeyedProject,
} from "~test/list-api";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "~test/database";
import { DomainError } from "~/lib/domain-error";
import { parseListParams, toListSearchParams } from "~/api/list-params";
import { generateHistory } from "~/demo/history.server";
import type { Database } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import { loader } from "~/routes/v1.sessions";
import { listSessions } from "./list.server";

let database: TestDatabase;
let db: Database;

interface Fixture extends KeyedProject {
  customers: Record<Mode, string>;
}

/** A project with its keys and one customer per mode (sessions need one). */
async function newProject(name: string): Promise<Fixture> {
  const project = await insertProjectWithKeys(db, name);
  const customers = {} as Record<Mode, string>;
  for (const mode of ["test", "live"] as const) {
    customers[mode] = newId("cust");
    await db.insert(customer).values({ id: customers[mode], projectId: project.projectId, mode, externalId: `ext_${mode}` });
  }
  return { ...project, customers };
}

interface SessionSpec {
  /** Unix seconds (fractions allowed) or an exact SQL timestamp (microseconds); default now(). */
  created?: number | SQL;
  status?: SessionStatus;
  currency?: string;
  network?: string;
}

async function insertSessions(fixture: Fixture, mode: Mode, specs: SessionSpec[]): Promise<string[]> {
  if (!specs.length) return [];
  const rows = specs.map((spec) => {
    const id = newId("sess");
    return {
      id,
      projectId: fixture.projectId,
      mode,
      status: spec.status ?? "pending",
      customerId: fixture.customers[mode],
      sourceAmount: "100",
      sourceCurrency: "USD",
      destinationCurrency: spec.currency ?? "USDC",
      network: spec.network ?? "polygon",
      destinationAddress: "0x1111111111111111111111111111111111111111",
      clientSecretHash: `hash_${id}`,
      expiresAt: new Date(Date.now() + 1_800_000),
      ...createdAtOf(spec.created),
    };
  });
  await db.insert(checkoutSession).values(rows as (typeof checkoutSession.$inferInsert)[]);
  return rows.map((r) => r.id);
}

/** The truth: a plain ORDER BY over the scope, no keyset. */
const expectedIds = (fixture: Fixture, mode: Mode, where?: SQL) => idsNewestFirst(db, checkoutSession, fixture, mode, where);

const api = listApi(loader, "/v1/sessions");
const { get, expectValidationError } = api;

let shop: Fixture;
let other: Fixture;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  shop = await newProject("Shop");
  other = await newProject("Other");
  // 46 test rows: pairs sharing one timestamp (ties broken by id), every status and pair.
  await insertSessions(shop, "test", spreadRows(46, 2, SESSION_STATUSES));
  // Rows a millisecond cannot tell apart: a JS Date cursor would skip or repeat them.
  await insertSessions(shop, "test", [
    { created: sql`'2024-03-02T00:00:00.000001Z'::timestamptz` },
    { created: sql`'2024-03-02T00:00:00.000002Z'::timestamptz` },
    { created: sql`'2024-03-02T00:00:00.000002Z'::timestamptz` },
    { created: sql`'2024-03-02T00:00:00.000003Z'::timestamptz` },
    { created: sql`'2024-03-02T00:00:00.0009Z'::timestamptz` },
  ]);
  await insertSessions(
    shop,
    "live",
    Array.from({ length: 6 }, (_, i) => ({ created: T0 + i * 60, status: "completed" as const })),
  );
  await insertSessions(
    other,
    "test",
    Array.from({ length: 8 }, (_, i) => ({ created: T0 + i * 60 + 30, status: "completed" as const })),
  );
});
afterAll(async () => {
  await database?.destroy();
});

describe("GET /v1/sessions: the list envelope", () => {
  it("answers the contract's list with 10 sessions by default, newest first, in the session shape", async () => {
    const all = await expectedIds(shop, "test");
    expect(all).toHaveLength(51);
    const body = await api.expectDefaultPage(shop.keys.test, all);
    const item = body.data[0]!;
    expect(item.type).toBe("session");
    expect(item.attributes).toMatchObject({ sessionId: item.id, projectId: shop.projectId, livemode: false });
    expect(JSON.stringify(body)).not.toMatch(/clientSecret|client_secret_hash|hash_sess/);
  });

  it("takes limit 1 to 100; has_more is false once the list is exhausted", async () => {
    const all = await expectedIds(shop, "test");
    expect(ids((await get("?limit=1", shop.keys.test)).body)).toEqual(all.slice(0, 1));
    const max = await get("?limit=100", shop.keys.test);
    expect(ids(max.body)).toEqual(all);
    expect(max.body.has_more).toBe(false);
    const exact = await get(`?limit=${all.length}`, shop.keys.test);
    expect(exact.body.has_more).toBe(false);
    const oneShort = await get(`?limit=${all.length - 1}`, shop.keys.test);
    expect(oneShort.body.has_more).toBe(true);
  });

  it.each(["0", "101", "abc", "-1", "1.5", "1e2", " 5x"])("refuses limit=%s with VALIDATION_ERROR on limit", async (value) => {
    const error = await expectValidationError(`?limit=${encodeURIComponent(value)}`, shop.keys.test, "limit");
    expect(error.message).toBeTruthy();
  });

  it("answers an empty list for a project with no sessions", async () => {
    const empty = await newProject("Empty");
    const { status, body } = await get("", empty.keys.test);
    expect(status).toBe(200);
    expect(body).toEqual({ object: "list", url: "/v1/sessions", has_more: false, data: [] });
  });
});

describe("GET /v1/sessions: filters", () => {
  it("filters by status, destination_currency and destination_network, alone and combined", async () => {
    const cases: [string, SQL][] = [
      ["status=failed", eq(checkoutSession.status, "failed")],
      ["destination_currency=ETH", eq(checkoutSession.destinationCurrency, "ETH")],
      ["destination_network=arbitrum", eq(checkoutSession.network, "arbitrum")],
      ["destination_currency=USDC&destination_network=solana", and(eq(checkoutSession.destinationCurrency, "USDC"), eq(checkoutSession.network, "solana"))!],
      ["status=completed&destination_currency=USDT", and(eq(checkoutSession.status, "completed"), eq(checkoutSession.destinationCurrency, "USDT"))!],
      [
        `status=pending&destination_network=polygon&created[gte]=${T0}&created[lt]=${T0 + 3600}`,
        and(
          eq(checkoutSession.status, "pending"),
          eq(checkoutSession.network, "polygon"),
          sql`${checkoutSession.createdAt} < ${new Date((T0 + 3600) * 1000).toISOString()}::timestamptz`,
        )!,
      ],
    ];
    await api.expectFilters(shop.keys.test, cases, (where) => expectedIds(shop, "test", where));
    // A filter that matches nothing is an empty list, not an error.
    const none = await get("?destination_currency=BTC&destination_network=polygon", shop.keys.test);
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual([]);
  });

  it("takes Stripe's lower-case enum spelling for currencies", async () => {
    const upper = await get("?limit=100&destination_currency=ETH", shop.keys.test);
    const lower = await get("?limit=100&destination_currency=eth", shop.keys.test);
    expect(ids(lower.body)).toEqual(ids(upper.body));
  });

  it("pages through a filtered list with the same filter, newest first, each row once", async () => {
    await api.expectWalk(shop.keys.test, "&destination_network=ethereum", [2], await expectedIds(shop, "test", eq(checkoutSession.network, "ethereum")));
  });

  it.each([
    ["status=initialized", "status"],
    ["status=created", "status"],
    ["destination_currency=DOGE", "destination_currency"],
    ["destination_network=tron", "destination_network"],
    ["created[gte]=yesterday", "created[gte]"],
    ["created[lt]=1.5", "created[lt]"],
    ["created[gt]=-5", "created[gt]"],
    ["created[lte]=1709251200000", "created[lte]"],
    ["created[between]=1", "created[between]"],
    ["expand[]=data.customer", "expand[]"],
    ["statuss=failed", "statuss"],
    ["status=failed&status=pending", "status"],
    ["starting_after=not an id", "starting_after"],
  ])("refuses %s with a detail on %s", async (query, field) => {
    await expectValidationError(`?${query}`, shop.keys.test, field);
  });

  it("names every bad parameter at once", async () => {
    const { body } = await get<ErrorBody>("?limit=0&status=nope&foo=1", shop.keys.test);
    expect(body.error.details!.map((d) => d.field).sort()).toEqual(["foo", "limit", "status"]);
  });

  it("treats an empty value as no filter (what an 'any' choice in a GET form sends)", async () => {
    const plain = await get("?limit=100", shop.keys.test);
    const empty = await get("?limit=100&status=&destination_currency=&created[gte]=", shop.keys.test);
    expect(empty.status).toBe(200);
    expect(ids(empty.body)).toEqual(ids(plain.body));
  });
});

describe("GET /v1/sessions: created[gt|gte|lt|lte]", () => {
  let edges: Fixture;
  const B = T0 + 86_400 * 10;
  const at: Record<string, string> = {};

  beforeAll(async () => {
    edges = await newProject("Edges");
    const specs: [string, SessionSpec["created"]][] = [
      ["before", sql`${new Date((B - 1) * 1000).toISOString()}::timestamptz + interval '999999 microseconds'`],
      ["at", B],
      ["half", B + 0.5],
      ["lastMicro", sql`${new Date(B * 1000).toISOString()}::timestamptz + interval '999999 microseconds'`],
      ["next", B + 1],
      ["later", B + 2],
    ];
    for (const [name, created] of specs) at[name] = (await insertSessions(edges, "test", [{ created }]))[0]!;
  });

  // `created` is whole seconds: rows at B, B+0.5 and B+0.999999 all have created = B.
  it.each([
    [`created[gt]=${B}`, ["later", "next"]],
    [`created[gte]=${B}`, ["later", "next", "lastMicro", "half", "at"]],
    [`created[lt]=${B}`, ["before"]],
    [`created[lte]=${B}`, ["lastMicro", "half", "at", "before"]],
    [`created[gt]=${B - 1}&created[lt]=${B + 1}`, ["lastMicro", "half", "at"]],
    [`created[gte]=${B}&created[lte]=${B + 1}`, ["next", "lastMicro", "half", "at"]],
    [`created[gt]=${B}&created[lte]=${B}`, []],
    [`created=${B}`, ["lastMicro", "half", "at"]],
    [`created[gte]=${B - 1}&created[gt]=${B}`, ["later", "next"]],
  ])("%s", async (query, names) => {
    const { status, body } = await get(`?limit=100&${query}`, edges.keys.test);
    expect(status).toBe(200);
    expect(ids(body)).toEqual(names.map((n) => at[n]));
  });

  it("pages within a created range", async () => {
    const expected = ["next", "lastMicro", "half", "at"].map((n) => at[n]!);
    await api.expectWalk(edges.keys.test, `&created[gte]=${B}&created[lte]=${B + 1}`, [1], expected);
  });

  it("refuses created together with created[…]", async () => {
    await expectValidationError(`?created=${B}&created[gt]=${B}`, edges.keys.test, "created");
  });
});

describe("GET /v1/sessions: cursors", () => {
  it("walks forward page by page over every row, then backward, each row exactly once in order", async () => {
    await api.expectWalk(shop.keys.test, "", [1, 3, 7, 10, 51, 100], await expectedIds(shop, "test"));
  });

  it("keeps rows apart that share a timestamp or differ by microseconds only", async () => {
    const micro = await expectedIds(
      shop,
      "test",
      sql`${checkoutSession.createdAt} >= '2024-03-02T00:00:00Z' and ${checkoutSession.createdAt} < '2024-03-02T00:00:01Z'`,
    );
    expect(micro).toHaveLength(5);
    await api.expectWalk(shop.keys.test, `&created=${T0 + 86_400}`, [1], micro);
  });

  it("says has_more on an ending_before page only while newer rows exist", async () => {
    const all = await expectedIds(shop, "test");
    const top = await get(`?limit=3&ending_before=${all[3]}`, shop.keys.test);
    expect(ids(top.body)).toEqual(all.slice(0, 3));
    expect(top.body.has_more).toBe(false);
    const mid = await get(`?limit=3&ending_before=${all[10]}`, shop.keys.test);
    expect(ids(mid.body)).toEqual(all.slice(7, 10));
    expect(mid.body.has_more).toBe(true);
    const newest = await get(`?limit=3&ending_before=${all[0]}`, shop.keys.test);
    expect(newest.body).toMatchObject({ has_more: false, data: [] });
    const oldest = await get(`?limit=3&starting_after=${all.at(-1)}`, shop.keys.test);
    expect(oldest.body).toMatchObject({ has_more: false, data: [] });
  });

  it("accepts a cursor that does not match the filter (the filter changed between pages)", async () => {
    const all = await expectedIds(shop, "test");
    const completed = await expectedIds(shop, "test", eq(checkoutSession.status, "completed"));
    const cursor = all.find((id) => !completed.includes(id) && all.indexOf(id) > 5)!;
    const { body } = await get(`?limit=100&status=completed&starting_after=${cursor}`, shop.keys.test);
    const after = all.slice(all.indexOf(cursor) + 1);
    expect(ids(body)).toEqual(completed.filter((id) => after.includes(id)));
  });

  it("refuses starting_after together with ending_before", async () => {
    const all = await expectedIds(shop, "test");
    await api.expectBothCursorsRefused(shop.keys.test, all[2]!, all[5]!);
  });

  it("refuses a cursor that is not a session of this project and mode, naming the parameter", async () => {
    const [otherProjectRow] = await expectedIds(other, "test");
    const [liveRow] = await expectedIds(shop, "live");
    await api.expectForeignCursorsRefused(shop.keys.test, ["sess_doesnotexist000000000000", otherProjectRow!, liveRow!], "session");
  });

  it("never repeats or skips a row while new sessions are inserted between page fetches", async () => {
    const busy = await newProject("Busy");
    await insertSessions(
      busy,
      "test",
      Array.from({ length: 30 }, (_, i) => ({ created: T0 + Math.floor(i / 3), status: SESSION_STATUSES[i % 3] })),
    );
    const { before, inserted } = await api.expectStableWhileInserting(
      busy.keys.test,
      4,
      () => expectedIds(busy, "test"),
      // New sessions arrive as they do in production: created now, i.e. newest.
      async () => (await insertSessions(busy, "test", [{}, { status: "confirmed" }])).length,
    );
    expect(before).toHaveLength(30);
    expect(inserted).toBeGreaterThan(10);
  });
});

describe("GET /v1/sessions: keys and tenancy", () => {
  it("needs a secret key: no key is 401 MISSING_API_KEY, a bad one 401 INVALID_API_KEY, a publishable one 403", async () => {
    const publishable = await api.expectSecretKeyOnly(shop.keys.publishable);
    expect(JSON.stringify(publishable)).not.toContain("sess_");
  });

  it("authenticates before it validates: a bad query without a key is still 401", async () => {
    const { status, body } = await get<ErrorBody>("?limit=0");
    expect(status).toBe(401);
    expect(body.error.code).toBe("MISSING_API_KEY");
  });

  it("shows a key only its own project's rows of its own mode", async () => {
    await api.expectScopedToKey({
      test: { token: shop.keys.test, ids: await expectedIds(shop, "test") },
      live: { token: shop.keys.live, ids: await expectedIds(shop, "live") },
      other: { token: other.keys.test, ids: await expectedIds(other, "test") },
    });
  });
});

describe("listSessions (the module the console shares)", () => {
  it("answers what the API answers, from a project context", async () => {
    const ctx = projectContext(db, shop, "test");
    const page = await api.expectModuleAgrees(shop.keys.test, "limit=5&status=completed", SESSION_STATUSES, (params) => listSessions(ctx, params));
    expect(page.data.every((r) => r.status === "completed" && r.projectId === shop.projectId && r.mode === "test")).toBe(true);
  });

  it("defaults to 10 rows and refuses both cursors", async () => {
    const ctx = projectContext(db, shop, "test");
    const page = await listSessions(ctx);
    expect(page.data).toHaveLength(10);
    const all = await expectedIds(shop, "test");
    await expect(listSessions(ctx, { startingAfter: all[1], endingBefore: all[4] })).rejects.toBeInstanceOf(DomainError);
  });

  it("narrows further with extra conditions, in the same scope", async () => {
    const ctx = projectContext(db, shop, "test");
    const page = await listSessions(ctx, { limit: 100 }, [eq(checkoutSession.network, "bitcoin")]);
    expect(page.data.map((r) => r.id)).toEqual(await expectedIds(shop, "test", eq(checkoutSession.network, "bitcoin")));
  });
});

describe("parseListParams", () => {
  const parse = (query: string) => parseListParams(new URLSearchParams(query), { statuses: SESSION_STATUSES });

  it("reads every parameter into typed values", () => {
    expect(parse("")).toEqual({ limit: 10, created: {} });
    expect(
      parse(
        "limit=25&starting_after=sess_abc&created[gt]=1&created[gte]=2&created[lt]=3&created[lte]=4&status=Failed&destination_currency=usdc&destination_network=Base",
      ),
    ).toEqual({
      limit: 25,
      startingAfter: "sess_abc",
      created: { gt: 1, gte: 2, lt: 3, lte: 4 },
      status: "failed",
      destinationCurrency: "USDC",
      destinationNetwork: "base",
    });
    expect(parse("created=7")).toMatchObject({ created: { gte: 7, lte: 7 } });
  });

  it("round-trips through toListSearchParams", () => {
    const query = "limit=25&ending_before=sess_abc&created[gte]=2&created[lt]=3&status=failed&destination_currency=USDC&destination_network=base";
    const params = parse(query);
    expect(parse(toListSearchParams(params).toString())).toEqual(params);
    expect(toListSearchParams(params, { cursor: false }).has("ending_before")).toBe(false);
  });

  it("throws DomainError VALIDATION_ERROR with details", () => {
    try {
      parse("limit=500&status=initialized");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("VALIDATION_ERROR");
      expect((error as DomainError).status).toBe(400);
      expect((error as DomainError).details!.map((d) => d.field).sort()).toEqual(["limit", "status"]);
    }
  });
});

describe.runIf(TEST_DRIVER === "postgres")("the keyset page on PostgreSQL", () => {
  it("is an index range scan whose Index Cond holds the row comparison, for every filter", async () => {
    const big = await newProject("Big");
    await generateHistory(db, { projectId: big.projectId, mode: "test", sessions: 4000, seed: 7, batchSize: 2000 });
    await generateHistory(db, { projectId: big.projectId, mode: "live", sessions: 1000, seed: 8, batchSize: 2000 });
    await db.execute(sql`analyze checkout_session`);

    await expectKeysetIndexScans({
      url: database.url!,
      projectId: big.projectId,
      table: "checkout_session",
      list: listSessions,
      cursorAt: 60,
      filters: { status: "completed", destinationCurrency: "USDC", destinationNetwork: "solana" },
    });
  });
});
