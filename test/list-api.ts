/**
 * Helpers for testing a list endpoint (docs/api-contract.md#lists) through its route loader: fetch a page,
 * expect a validation error, walk every page forward then back, and the assertions every
 * list (sessions, orders) must pass: envelope, filters, paging, keys and tenancy, the
 * console's query module agreeing with the API, and (on PostgreSQL) the index range scan.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { expect } from "vitest";
import * as schema from "../db/schema";
import type { Mode } from "../db/schema/types";
import type { ListScope } from "../app/api/keyset.server";
import { parseListParams, type ListQuery } from "../app/api/list-params";
import { CRYPTO_CURRENCIES } from "../app/gateways/catalogue";
import { createApiKey } from "../app/keys/keys.server";
import type { Database } from "../app/lib/db.server";
import { insertProject, markProjectLive, type ProjectIds } from "./contexts";

export interface ListBody {
  object: string;
  url: string;
  has_more: boolean;
  data: { type: string; id: string; attributes: Record<string, unknown> }[];
}

export interface ErrorBody {
  success: false;
  error: { code: string; message: string; details?: { field: string; message: string }[]; requestId: string };
}

type Loader = (args: LoaderFunctionArgs) => Promise<Response> | Response;

export const ids = (body: ListBody) => body.data.map((d) => d.id);

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
export function planNodes(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(planNodes)];
}

/** 2024-03-01T00:00:00Z: fixture rows are older than anything inserted with now(). */
export const T0 = 1_709_251_200;

/** Every (currency, network) pair the catalogue offers. */
const PAIRS = CRYPTO_CURRENCIES.flatMap((c) => c.networks.map((network) => ({ currency: c.code as string, network: network as string })));

/**
 * `count` fixture rows from T0 on, a minute apart, `perMinute` of them sharing each timestamp
 * (ties broken by id), cycling through every status and every currency and network pair.
 */
export function spreadRows<S extends string>(count: number, perMinute: number, statuses: readonly S[]) {
  return Array.from({ length: count }, (_, i) => ({
    created: T0 + Math.floor(i / perMinute) * 60,
    status: statuses[i % statuses.length],
    currency: PAIRS[i % PAIRS.length]!.currency,
    network: PAIRS[i % PAIRS.length]!.network,
  }));
}

/** A fixture row's createdAt: unix seconds (fractions allowed) or an exact SQL timestamp; none: the column's default, now(). */
export function createdAtOf(created: number | SQL | undefined): { createdAt?: Date | SQL } {
  return created === undefined ? {} : { createdAt: typeof created === "number" ? new Date(created * 1000) : created };
}

export interface KeyedProject extends ProjectIds {
  keys: { test: string; live: string; publishable: string };
}

/** A bare project with a test and a live secret key and a test publishable key. */
export async function insertProjectWithKeys(db: Database, name: string): Promise<KeyedProject> {
  const project = await insertProject(db, name);
  // Its live key is used: the project is live.
  await markProjectLive(db, project.projectId);
  const key = async (mode: Mode, kind: "secret" | "publishable") => (await createApiKey(db, { projectId: project.projectId, mode, kind, label: "t" })).token;
  return { ...project, keys: { test: await key("test", "secret"), live: await key("live", "secret"), publishable: await key("test", "publishable") } };
}

/** A listable table: scoped by project and mode, newest first by (created_at, id). */
type ListTable = PgTable & { id: PgColumn; projectId: PgColumn; mode: PgColumn; createdAt: PgColumn };

/** The truth a list must match: a plain ORDER BY over the project and mode, no keyset, narrowed by `where`. */
export async function idsNewestFirst(db: Database, table: ListTable, project: ProjectIds, mode: Mode, where?: SQL): Promise<string[]> {
  const rows = await db
    .select({ id: table.id })
    .from(table as PgTable)
    .where(and(eq(table.projectId, project.projectId), eq(table.mode, mode), where))
    .orderBy(desc(table.createdAt), desc(table.id));
  return rows.map((r) => r.id as string);
}

export function listApi(loader: Loader, path: string) {
  async function get<T = ListBody>(query: string, token?: string) {
    const request = new Request(`http://localhost:3000${path}${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const response = await loader({ request, params: {}, context: {} } as LoaderFunctionArgs);
    return { status: response.status, headers: response.headers, body: (await response.json()) as T };
  }

  async function expectValidationError(query: string, token: string, field: string) {
    const { status, headers, body } = await get<ErrorBody>(query, token);
    expect(status, query).toBe(400);
    expect(body.success).toBe(false);
    expect(body.error.code).toBe("VALIDATION_ERROR");
    expect(
      body.error.details?.map((d) => d.field),
      query,
    ).toContain(field);
    expect(body.error.requestId).toMatch(/^req_/);
    expect(headers.get("Request-Id")).toBe(body.error.requestId);
    return body.error;
  }

  /** Pages forward from the top, then backward from the last page; `between` runs before every fetch after the first. */
  async function walk(token: string, query: string, limit: number, between: () => Promise<void> = async () => {}) {
    const forwardPages: string[][] = [];
    let page = await get(`?limit=${limit}${query}`, token);
    expect(page.status).toBe(200);
    forwardPages.push(ids(page.body));
    while (page.body.has_more) {
      // A cursor that does not advance would loop forever: fail instead.
      if (forwardPages.length > 500) throw new Error("the forward walk does not end");
      await between();
      page = await get(`?limit=${limit}${query}&starting_after=${ids(page.body).at(-1)}`, token);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeGreaterThan(0);
      forwardPages.push(ids(page.body));
    }
    const lastPage = forwardPages.at(-1)!;
    const backwardPages: string[][] = [];
    let cursor = lastPage[0];
    while (cursor) {
      if (backwardPages.length > 500) throw new Error("the backward walk does not end");
      await between();
      const back = await get(`?limit=${limit}${query}&ending_before=${cursor}`, token);
      expect(back.status).toBe(200);
      backwardPages.unshift(ids(back.body));
      if (!back.body.has_more) break;
      cursor = ids(back.body)[0];
    }
    return { forward: forwardPages.flat(), forwardPages, backward: [...backwardPages.flat(), ...lastPage] };
  }

  /** The first page without parameters: the list envelope around the 10 newest rows (`all`: every row, newest first). */
  async function expectDefaultPage(token: string, all: string[]) {
    const { status, headers, body } = await get("", token);
    expect(status).toBe(200);
    expect(headers.get("Request-Id")).toMatch(/^req_/);
    expect(headers.get("Content-Type")).toMatch(/application\/json/);
    expect(Object.keys(body).sort()).toEqual(["data", "has_more", "object", "url"]);
    expect(body).toMatchObject({ object: "list", url: path, has_more: all.length > 10 });
    expect(ids(body)).toEqual(all.slice(0, 10));
    return body;
  }

  /** Each filter query answers exactly the rows `expected` finds for its condition, on one page of 100. */
  async function expectFilters(token: string, cases: [string, SQL | undefined][], expected: (where?: SQL) => Promise<string[]>) {
    for (const [query, where] of cases) {
      const rows = await expected(where);
      expect(rows.length, query).toBeGreaterThan(0);
      const { status, body } = await get(`?limit=100&${query}`, token);
      expect(status, query).toBe(200);
      expect(ids(body), query).toEqual(rows);
      expect(body.has_more).toBe(false);
    }
  }

  /** With each page size: forward and backward both give `expected`, each row once, in order, every page but the last full. */
  async function expectWalk(token: string, query: string, limits: number[], expected: string[]) {
    for (const limit of limits) {
      const { forward, forwardPages, backward } = await walk(token, query, limit);
      expect(forward, `limit ${limit}`).toEqual(expected);
      expect(backward, `limit ${limit}`).toEqual(expected);
      expect(forwardPages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    }
  }

  /**
   * Rows inserted while a walk is under way (`insert` adds some, newest, and says how many) are
   * neither repeated nor skipped. `current`: every row of the walked scope, newest first.
   */
  async function expectStableWhileInserting(token: string, limit: number, current: () => Promise<string[]>, insert: () => Promise<number>) {
    const before = await current();
    let inserted = 0;
    const { forward, backward } = await walk(token, "", limit, async () => {
      inserted += await insert();
    });
    // Forward: exactly the rows that existed when the walk began.
    expect(forward).toEqual(before);
    // Backward to the top: everything, the new rows included, once each, in order.
    const after = await current();
    expect(after).toHaveLength(before.length + inserted);
    expect(backward).toEqual(after);
    expect(new Set(backward).size).toBe(backward.length);
    return { before, inserted };
  }

  /** Both cursors at once are refused, on ending_before. */
  async function expectBothCursorsRefused(token: string, startingAfter: string, endingBefore: string) {
    const error = await expectValidationError(`?starting_after=${startingAfter}&ending_before=${endingBefore}`, token, "ending_before");
    expect(error.details!.find((d) => d.field === "ending_before")!.message).toMatch(/not both/);
  }

  /** A cursor that is not a row of the key's project and mode is refused, naming the parameter. */
  async function expectForeignCursorsRefused(token: string, cursors: string[], noun: string) {
    for (const cursor of cursors) {
      const after = await expectValidationError(`?starting_after=${cursor}`, token, "starting_after");
      expect(after.message).toContain(`No such ${noun}`);
      await expectValidationError(`?ending_before=${cursor}&status=completed`, token, "ending_before");
    }
  }

  /** Only a secret key lists: none is 401 MISSING_API_KEY, an unknown one 401 INVALID_API_KEY, a publishable one 403. */
  async function expectSecretKeyOnly(publishableKey: string) {
    const none = await get<ErrorBody>("");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("MISSING_API_KEY");
    expect(none.headers.get("Request-Id")).toBe(none.body.error.requestId);
    const bad = await get<ErrorBody>("", `sk_test_${"x".repeat(43)}`);
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("INVALID_API_KEY");
    const publishable = await get<ErrorBody>("", publishableKey);
    expect(publishable.status).toBe(403);
    expect(publishable.body.error.code).toBe("INSUFFICIENT_PERMISSIONS");
    return publishable.body;
  }

  /** Each key sees its own project's rows of its own mode, and only those (`ids`: the truth for that key, at most 100). */
  async function expectScopedToKey(keys: Record<"test" | "live" | "other", { token: string; ids: string[] }>) {
    const asOther = await get("?limit=100", keys.other.token);
    expect(ids(asOther.body)).toEqual(keys.other.ids);
    expect(ids(asOther.body).some((id) => keys.test.ids.includes(id))).toBe(false);

    const asLive = await get("?limit=100", keys.live.token);
    expect(ids(asLive.body)).toEqual(keys.live.ids);
    expect(asLive.body.data.every((d) => d.attributes.livemode === true)).toBe(true);

    const asTest = await get("?limit=100", keys.test.token);
    expect(ids(asTest.body).some((id) => keys.live.ids.includes(id))).toBe(false);
    expect(asTest.body.data.every((d) => d.attributes.livemode === false)).toBe(true);
  }

  /** The console's query module (`list`) answers the same page as the API for `query`. */
  async function expectModuleAgrees<S extends string, R extends { id: string }>(
    token: string,
    query: string,
    statuses: readonly S[],
    list: (params: ListQuery<S>) => Promise<{ data: R[]; hasMore: boolean }>,
  ) {
    const page = await list(parseListParams(new URLSearchParams(query), { statuses }));
    const api = await get(`?${query}`, token);
    expect(page.data.map((r) => r.id)).toEqual(ids(api.body));
    expect(page.hasMore).toBe(api.body.has_more);
    return page;
  }

  return {
    get,
    expectValidationError,
    walk,
    expectDefaultPage,
    expectFilters,
    expectWalk,
    expectStableWhileInserting,
    expectBothCursorsRefused,
    expectForeignCursorsRefused,
    expectSecretKeyOnly,
    expectScopedToKey,
    expectModuleAgrees,
  };
}

/**
 * On PostgreSQL: a keyset page of `table` is an index range scan whose Index Cond holds the
 * (created_at, id) row comparison, never a Seq Scan, unfiltered and for every filter (each value
 * in `filters`, and the last 30 days), after the `cursorAt`-th newest row (before the 100th for
 * the network). `list` runs over a second client that records the exact statements it sends.
 */
export async function expectKeysetIndexScans<S extends string>(options: {
  url: string;
  projectId: string;
  table: string;
  list: (scope: ListScope, params: ListQuery<S>) => Promise<{ data: { id: string }[] }>;
  cursorAt: number;
  filters: Required<Pick<ListQuery<S>, "status" | "destinationCurrency" | "destinationNetwork">>;
}) {
  const { status, destinationCurrency, destinationNetwork } = options.filters;
  const queries = (newest: string[]): ListQuery<S>[] => {
    const startingAfter = newest[options.cursorAt];
    return [
      { startingAfter },
      { startingAfter, status },
      { startingAfter, destinationCurrency },
      { endingBefore: newest[99], destinationNetwork },
      { startingAfter, created: { gte: Math.floor(Date.now() / 1000) - 30 * 86_400 } },
    ];
  };
  const statements: { text: string; params: unknown[] }[] = [];
  const client = postgres(options.url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, text, params) => statements.push({ text, params: params as unknown[] }),
  });
  try {
    const scope = { db: drizzle({ client, schema }) as unknown as Database, projectId: options.projectId, mode: "test" as const };
    const first = await options.list(scope, { limit: 100 });
    expect(first.data).toHaveLength(100);
    for (const query of queries(first.data.map((r) => r.id))) {
      statements.length = 0;
      const page = await options.list(scope, { limit: 20, ...query });
      expect(page.data.length, JSON.stringify(query)).toBeGreaterThan(0);
      const statement = statements.find((s) => s.text.includes(`from "${options.table}"`) && /order by/.test(s.text))!;
      const [row] = await client.unsafe(`explain (format json) ${statement.text}`, statement.params as never[]);
      const nodes = planNodes((row!["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0]!.Plan);
      const label = `${JSON.stringify(query)}: ${JSON.stringify(nodes.map((n) => [n["Node Type"], n["Index Name"], n["Index Cond"]]))}`;
      expect(
        nodes.some((n) => n["Node Type"] === "Seq Scan"),
        label,
      ).toBe(false);
      expect(
        nodes.some((n) => /ROW\(created_at, id\) [<>] ROW\(/.test(String(n["Index Cond"] ?? ""))),
        label,
      ).toBe(true);
    }
  } finally {
    await client.end();
  }
}
