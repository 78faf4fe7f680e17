/**
 * The session and order browser as a support agent uses it: list pages that read the URL as
 * the list API does (and show the same rows), paging both ways, search by every supported
 * handle, detail pages without secrets and without other tenants' data, the streamed CSV
 * export, and the overview's charts (roll-up plus live days) against direct counts.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { analyticsRollup, checkoutSession, customer, order, project } from "../db/schema";
import { rowsOf } from "../db/client";
import { overviewCharts, refreshRollup } from "../app/analytics/overview.server";
import { generateHistory } from "../app/demo/history.server";
import { recordEvent } from "../app/events/events.server";
import { gatewayById } from "../app/gateways/catalogue";
import { csvStream } from "../app/search/export.server";
import { sessionColumns } from "../app/sessions/export.server";
import { requireOrganization } from "../app/lib/permissions.server";
import { createProject } from "../app/projects/projects.server";
import { listSessions, type SessionRow } from "../app/sessions/list.server";
import type { SessionStatus } from "../db/schema";
import * as customerPage from "../app/routes/_app.projects.$projectId.$mode.customers.$customerId";
import * as customersPage from "../app/routes/_app.projects.$projectId.$mode.customers._index";
import * as orderPage from "../app/routes/_app.projects.$projectId.$mode.orders.$orderId/route";
import * as ordersPage from "../app/routes/_app.projects.$projectId.$mode.orders._index";
import * as searchPage from "../app/routes/_app.projects.$projectId.$mode.search";
import * as sessionPage from "../app/routes/_app.projects.$projectId.$mode.sessions.$sessionId/route";
import * as sessionsPage from "../app/routes/_app.projects.$projectId.$mode.sessions._index";
import * as ordersCsv from "../app/routes/projects.$projectId.$mode.orders[.]csv";
import * as sessionsCsv from "../app/routes/projects.$projectId.$mode.sessions[.]csv";
import { createEndpoint } from "../app/webhooks/endpoints.server";
import { newId } from "../app/lib/ids";
import { projectContext } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { addMember, createOrg, signUp, type TestUser } from "./users";

let database: TestDatabase;
let support: TestUser;
let projectId: string;
let otherProjectId: string;
const now = new Date();

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

async function load<T = any>(loader: Loader, path: string, params: Record<string, string> = {}): Promise<T> {
  const request = new Request(`http://localhost:3000${path}`, { headers: { cookie: support.cookie } });
  return (await loader({ request, params: { projectId, mode: "test", ...params }, context: {} })) as T;
}

/** The status a thrown response carries (redirects give their Location). */
async function thrown(loader: Loader, path: string, params: Record<string, string> = {}) {
  try {
    await load(loader, path, params);
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    const init = (error as { init?: { status?: number } }).init;
    if (init?.status) return { status: init.status, location: null };
    throw error;
  }
  return { status: 200, location: null };
}

const base = () => `/projects/${projectId}/test`;
const scope = () => ({ db: database.db, projectId, mode: "test" as const });

beforeAll(async () => {
  database = await createTestDatabase();
  const owner = await signUp("owner");
  support = await signUp("support");
  const org = await createOrg(owner, "Browser Org");
  await addMember(org.id, support, "support");
  const ownerCtx = await requireOrganization(new Request("http://localhost:3000/", { headers: { cookie: owner.cookie } }));
  projectId = (await createProject(ownerCtx, { name: "Browser Project" })).project.id;
  otherProjectId = (await createProject(ownerCtx, { name: "Other Project" })).project.id;
  await generateHistory(database.db, { projectId, mode: "test", sessions: 400, seed: 11, now, days: 90 });
  await generateHistory(database.db, { projectId: otherProjectId, mode: "test", sessions: 50, seed: 12, now, days: 10 });
}, 120_000);

afterAll(async () => {
  await database?.destroy();
});

describe("list pages", () => {
  it("show the rows GET /v1/sessions shows for the same parameters, and walk forward and back by cursors", async () => {
    const first = await load(sessionsPage.loader as Loader, `${base()}/sessions?limit=25&status=completed`);
    const api = await listSessions(scope(), { limit: 25, status: "completed" });
    expect(first.error).toBeNull();
    expect(first.items.map((s: { id: string }) => s.id)).toEqual(api.data.map((s) => s.id));
    expect(first.items.every((s: { status: string }) => s.status === "completed")).toBe(true);
    expect(first.cursors.previous).toBeNull();
    expect(first.cursors.next).toBe(first.items[24].id);

    const second = await load(sessionsPage.loader as Loader, `${base()}/sessions?limit=25&status=completed&starting_after=${first.cursors.next}`);
    expect(second.items).toHaveLength(25);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.cursors.previous).toBe(second.items[0].id);

    const back = await load(sessionsPage.loader as Loader, `${base()}/sessions?limit=25&status=completed&ending_before=${second.cursors.previous}`);
    expect(back.items.map((s: { id: string }) => s.id)).toEqual(first.items.map((s: { id: string }) => s.id));
    // Back on the first page: nothing newer.
    expect(back.cursors.previous).toBeNull();
    expect(back.cursors.next).toBe(first.cursors.next);
  });

  it("filter orders by currency, network and created range with the API's parameter names", async () => {
    const from = Math.floor(now.getTime() / 1000) - 30 * 86_400;
    const page = await load(ordersPage.loader as Loader, `${base()}/orders?limit=100&destination_currency=usdc&destination_network=base&created[gte]=${from}`);
    expect(page.error).toBeNull();
    expect(page.items.length).toBeGreaterThan(0);
    for (const o of page.items) {
      expect(o.destinationCurrency).toBe("USDC");
      expect(o.network).toBe("base");
      expect(Date.parse(o.createdAt) / 1000).toBeGreaterThanOrEqual(from);
    }
  });

  it("explain bad parameters and unknown cursors beside the list instead of failing", async () => {
    const bad = await load(sessionsPage.loader as Loader, `${base()}/sessions?status=lost&limit=500`);
    expect(bad.items).toEqual([]);
    expect(bad.error.details.map((d: { field: string }) => d.field).sort()).toEqual(["limit", "status"]);
    const foreign = await load(sessionsPage.loader as Loader, `${base()}/sessions?starting_after=sess_doesnotexist`);
    expect(foreign.error.message).toMatch(/No such session/);
  });

  it("page through customers", async () => {
    const first = await load(customersPage.loader as Loader, `${base()}/customers?limit=10`);
    expect(first.items).toHaveLength(10);
    const next = await load(customersPage.loader as Loader, `${base()}/customers?limit=10&starting_after=${first.cursors.next}`);
    expect(next.items.map((c: { id: string }) => c.id)).not.toContain(first.items[0].id);
  });
});

describe("detail pages", () => {
  it("show a session without its client secret hash, with its order and customer", async () => {
    const [withOrder] = await database.db
      .select({ sessionId: order.sessionId, orderId: order.id })
      .from(order)
      .where(and(eq(order.projectId, projectId), sql`${order.sessionId} is not null`))
      .limit(1);
    const page = await load(sessionPage.loader as Loader, `${base()}/sessions/${withOrder!.sessionId}`, { sessionId: withOrder!.sessionId! });
    expect(page.session.id).toBe(withOrder!.sessionId);
    expect(page.order.id).toBe(withOrder!.orderId);
    expect(page.customer.id).toBe(page.session.customerId);
    expect(JSON.stringify(page)).not.toMatch(/clientSecret(Hash)?"/);
  });

  it("show an order's amounts, explorer link, metadata and events", async () => {
    const [done] = await database.db
      .select()
      .from(order)
      .where(and(eq(order.projectId, projectId), eq(order.status, "completed")))
      .limit(1);
    const page = await load(orderPage.loader as Loader, `${base()}/orders/${done!.id}`, { orderId: done!.id });
    expect(page.order.sourceAmount).toBe(done!.sourceAmount);
    // A test-mode (sandbox) hash is made up: labelled, never linked to a real block explorer.
    expect(done!.transactionHash).toBeTruthy();
    expect(page.explorerUrl).toBeNull();
    expect(page.sandboxHash).toBe(true);
    expect(page.systemMetadata.provider).toBeDefined();
    expect(page.partnerMetadata).toEqual(done!.metadata.partnerMetadata);
    expect(page.events).toEqual([]);
    // Its events, from the event table, each for the event's page; never another project's.
    // A test-mode endpoint gets a delivery of the test-mode event, listed under it.
    const [{ organizationId }] = await database.db.select({ organizationId: project.organizationId }).from(project).where(eq(project.id, projectId));
    const endpointCtx = projectContext(database.db, { organizationId, projectId }, "test");
    await createEndpoint(endpointCtx, { url: "http://127.0.0.1:9/order-page", enabledEvents: ["*"], description: "order page" });
    const evt = await recordEvent(database.db, {
      projectId,
      mode: "test",
      type: "order.completed",
      orderId: done!.id,
      sequence: 1,
      data: { order: { id: done!.id } },
    });
    await recordEvent(database.db, { projectId, mode: "live", type: "order.completed", orderId: done!.id, sequence: 2, data: {} });
    const again = await load(orderPage.loader as Loader, `${base()}/orders/${done!.id}`, { orderId: done!.id });
    expect(again.events.map((e: { id: string; type: string }) => [e.id, e.type])).toEqual([[evt.id, "order.completed"]]);
    expect(again.events[0].deliveries).toEqual([expect.objectContaining({ endpointUrl: "http://127.0.0.1:9/order-page", status: "pending", attemptCount: 0 })]);
    // A support agent sees the deliveries but may not resend them (the event page's action checks it too).
    expect(again.canResend).toBe(false);
  });

  it("list a customer's sessions and orders", async () => {
    const [s] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.projectId, projectId)).limit(1);
    const page = await load(customerPage.loader as Loader, `${base()}/customers/${s!.customerId}`, { customerId: s!.customerId });
    expect(page.sessions.map((x: { id: string }) => x.id)).toContain(s!.id);
  });

  it("show a customer's email from their order when they have none of their own", async () => {
    const [o] = await database.db
      .select()
      .from(order)
      .where(and(eq(order.projectId, projectId), sql`${order.email} is not null`, sql`${order.customerId} is not null`))
      .limit(1);
    await database.db.update(customer).set({ email: null }).where(eq(customer.id, o!.customerId!));
    const page = await load(customerPage.loader as Loader, `${base()}/customers/${o!.customerId}`, { customerId: o!.customerId! });
    expect(page.customer.email).toBe(o!.email);
    const created = await database.db.select({ createdAt: customer.createdAt }).from(customer).where(eq(customer.id, o!.customerId!));
    const gte = Math.floor(created[0]!.createdAt.getTime() / 1000);
    const list = await load(customersPage.loader as Loader, `${base()}/customers?limit=100&created[gte]=${gte}&created[lte]=${gte + 1}`);
    expect(list.items.find((c: { id: string }) => c.id === o!.customerId)?.email).toBe(o!.email);
  });

  it("answer 404 for another project's records and for unknown ids", async () => {
    const [foreign] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.projectId, otherProjectId)).limit(1);
    expect((await thrown(sessionPage.loader as Loader, `${base()}/sessions/${foreign!.id}`, { sessionId: foreign!.id })).status).toBe(404);
    expect((await thrown(orderPage.loader as Loader, `${base()}/orders/ord_nope`, { orderId: "ord_nope" })).status).toBe(404);
    expect((await thrown(customerPage.loader as Loader, `${base()}/customers/${foreign!.customerId}`, { customerId: foreign!.customerId })).status).toBe(404);
  });
});

describe("search", () => {
  const search = (q: string) => thrown(searchPage.loader as Loader, `${base()}/search?q=${encodeURIComponent(q)}`);
  const results = (q: string) => load(searchPage.loader as Loader, `${base()}/search?q=${encodeURIComponent(q)}`);
  /** The pages a search leads to: the one it jumps to, or every result's. */
  async function found(q: string): Promise<string[]> {
    const jump = await search(q);
    if (jump.status === 302) return [jump.location!];
    return (await results(q)).hits.map((h: { path: string }) => h.path);
  }

  it("jumps straight to the one session, order, customer or transaction an id names", async () => {
    const [o] = await database.db
      .select()
      .from(order)
      .where(and(eq(order.projectId, projectId), sql`${order.transactionId} is not null`, sql`${order.sessionId} is not null`))
      .limit(1);
    expect(await search(o!.sessionId!)).toEqual({ status: 302, location: `${base()}/sessions/${o!.sessionId}` });
    expect(await search(o!.id)).toEqual({ status: 302, location: `${base()}/orders/${o!.id}` });
    expect(await search(` ${o!.transactionId} `)).toEqual({ status: 302, location: `${base()}/orders/${o!.id}` });
    expect(await search(o!.transactionHash!)).toEqual({ status: 302, location: `${base()}/orders/${o!.id}` });
    expect(await search(o!.customerId!)).toEqual({ status: 302, location: `${base()}/customers/${o!.customerId}` });
  });

  it("finds by email, wallet address, external customer id and metadata pair", async () => {
    const [o] = await database.db
      .select()
      .from(order)
      .where(and(eq(order.projectId, projectId), sql`${order.email} is not null`, sql`${order.metadata}->'partnerMetadata' ? 'partnerOrderId'`))
      .limit(1);
    expect(await found(o!.email!)).toContain(`${base()}/orders/${o!.id}`);
    expect(await found(o!.destinationAddress!)).toContain(`${base()}/orders/${o!.id}`);
    expect(await found(o!.destinationAddress!)).toContain(`${base()}/sessions/${o!.sessionId}`);

    const ref = (o!.metadata.partnerMetadata as { partnerOrderId: string }).partnerOrderId;
    const byMetadata = await results(`partnerOrderId=${ref}`);
    expect(byMetadata.hits.map((h: { kind: string; id: string }) => `${h.kind}:${h.id}`)).toEqual(
      expect.arrayContaining([`order:${o!.id}`, `session:${o!.sessionId}`]),
    );
    expect(byMetadata.hits.find((h: { kind: string }) => h.kind === "order").matched).toMatch(/^partnerMetadata partnerOrderId/);

    const [s] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.projectId, projectId)).limit(1);
    expect(await found(s!.externalCustomerId!)).toContain(`${base()}/customers/${s!.customerId}`);
  });

  it("never finds another project's records", async () => {
    const [foreign] = await database.db.select().from(order).where(eq(order.projectId, otherProjectId)).limit(1);
    for (const q of [foreign!.id, foreign!.sessionId!, foreign!.destinationAddress!]) {
      const r = await results(q);
      expect(r.hits).toEqual([]);
    }
  });
});

describe("CSV export", () => {
  async function csv(loader: Loader, path: string) {
    const response = (await load(loader, path)) as Response;
    return { status: response.status, type: response.headers.get("Content-Type"), text: await response.text() };
  }

  it("streams the whole filtered list, not one page, in the chosen time zone", async () => {
    const [{ count }] = rowsOf<{ count: number }>(
      await database.db.execute(
        sql`select count(*)::int as count from checkout_session where project_id = ${projectId} and mode = 'test' and status = 'completed'`,
      ),
    ) as [{ count: number }];
    expect(count).toBeGreaterThan(100); // more than the longest page of the list
    const utc = await csv(sessionsCsv.loader as Loader, `${base()}/sessions.csv?status=completed&limit=10&tz=UTC`);
    expect(utc.status).toBe(200);
    expect(utc.type).toMatch(/text\/csv/);
    const rows = parse(utc.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["completed"]));
    expect(new Set(rows.map((r) => r.id)).size).toBe(count);

    const [first] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, rows[0]!.id!));
    expect(rows[0]!["created (UTC)"]).toBe(first!.createdAt.toISOString().slice(0, 19).replace("T", " "));
    const tokyo = parse((await csv(sessionsCsv.loader as Loader, `${base()}/sessions.csv?status=completed&tz=Asia/Tokyo`)).text, { columns: true }) as Record<
      string,
      string
    >[];
    expect(tokyo[0]!["created (Asia/Tokyo)"]).toBe(new Date(first!.createdAt.getTime() + 9 * 3_600_000).toISOString().slice(0, 19).replace("T", " "));
  });

  it("pages through the list in batches without skipping or repeating a row", async () => {
    const stream = csvStream<SessionRow, SessionStatus>(
      (p) => listSessions(scope(), p, [], { maxLimit: 7 }),
      { limit: 7, created: {} },
      sessionColumns("UTC"),
      "UTC",
      7,
    );
    const rows = parse(await new Response(stream).text(), { columns: true }) as Record<string, string>[];
    const [{ count }] = rowsOf<{ count: number }>(
      await database.db.execute(sql`select count(*)::int as count from checkout_session where project_id = ${projectId} and mode = 'test'`),
    ) as [{ count: number }];
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.id)).size).toBe(count);
    const created = rows.map((r) => r["created (UTC)"]!);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it("exports orders with partnerMetadata and escapes formulas", async () => {
    const [o] = await database.db.select().from(order).where(eq(order.projectId, projectId)).limit(1);
    await database.db.update(order).set({ email: '=HYPERLINK("http://evil")' }).where(eq(order.id, o!.id));
    const text = (await csv(ordersCsv.loader as Loader, `${base()}/orders.csv`)).text;
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.id === o!.id)!;
    expect(row.email.startsWith("'=")).toBe(true);
    expect(row.partner_metadata).toBe(Object.keys(o!.metadata.partnerMetadata).length ? JSON.stringify(o!.metadata.partnerMetadata) : "");
  });

  it("refuses an unknown time zone or filter with a readable 400", async () => {
    const badZone = await csv(sessionsCsv.loader as Loader, `${base()}/sessions.csv?tz=Mars/Olympus`);
    expect(badZone.status).toBe(400);
    expect(badZone.text).toMatch(/tz: Unknown time zone/);
    const badStatus = await csv(ordersCsv.loader as Loader, `${base()}/orders.csv?status=lost`);
    expect(badStatus.status).toBe(400);
    expect(badStatus.text).toMatch(/status/);
  });
});

describe("overview charts", () => {
  async function direct(fromMs: number) {
    const [s] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from checkout_session where project_id = ${projectId} and mode = 'test' and created_at >= ${new Date(fromMs).toISOString()}::timestamptz`,
      ),
    );
    const [o] = rowsOf<{ n: number; completed: number; volume: string }>(
      await database.db.execute(
        sql`select count(*)::int as n, (count(*) filter (where status = 'completed'))::int as completed, coalesce(sum(source_amount) filter (where status = 'completed' and source_currency = 'USD'), 0)::text as volume
            from "order" where project_id = ${projectId} and mode = 'test' and created_at >= ${new Date(fromMs).toISOString()}::timestamptz`,
      ),
    );
    return { sessions: Number(s!.n), orders: Number(o!.n), completed: Number(o!.completed), usd: Number(o!.volume) };
  }

  it("match direct counts for 90 days, from the roll-up and the live days together", async () => {
    const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
    const charts = await overviewCharts(scope(), "90d", now);
    const expected = await direct(today - 89 * 86_400_000);
    expect(charts.totals).toEqual({ sessions: expected.sessions, orders: expected.orders, completed: expected.completed });
    const usd = charts.volume.reduce((sum, row) => sum + Number(row.USD ?? 0), 0);
    expect(usd).toBeCloseTo(expected.usd, 0);
    expect(charts.volume).toHaveLength(90);
    const [state] = await database.db.select().from(analyticsRollup).where(eq(analyticsRollup.projectId, projectId));
    expect(state!.rolledThrough).toBe(new Date(today - 2 * 86_400_000).toISOString().slice(0, 10));
    expect(charts.gateways.reduce((sum, g) => sum + g.share, 0)).toBeCloseTo(1, 5);
    // Gateways by their names, as the rest of the console shows them ("MoonPay", never "moonpay").
    for (const g of charts.gateways) expect(g.name).toBe(gatewayById(g.gateway)!.name);
    expect(charts.funnel.map((f) => f.stage)).toEqual(["Sessions", "Orders", "Completed"]);
  });

  it("count the last 24 hours per hour, live", async () => {
    const charts = await overviewCharts(scope(), "24h", now);
    expect(charts.unit).toBe("hour");
    expect(charts.buckets).toHaveLength(24);
    expect(charts.totals.sessions).toBe((await direct(now.getTime() - 24 * 3_600_000)).sessions);
  });

  it("extend the roll-up a day later without recounting the past, and agree with a fresh count", async () => {
    const tomorrow = new Date(now.getTime() + 86_400_000);
    await refreshRollup(scope(), tomorrow);
    const [state] = await database.db.select().from(analyticsRollup).where(eq(analyticsRollup.projectId, projectId));
    expect(state!.rolledThrough).toBe(new Date(Date.parse(`${tomorrow.toISOString().slice(0, 10)}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10));
    const charts = await overviewCharts(scope(), "30d", tomorrow);
    const today = Date.parse(`${tomorrow.toISOString().slice(0, 10)}T00:00:00Z`);
    expect(charts.totals.sessions).toBe((await direct(today - 29 * 86_400_000)).sessions);
  });

  it("are on the overview page for a support agent", async () => {
    const page = await load((await import("../app/routes/_app.projects.$projectId.$mode._index")).loader as Loader, `${base()}?range=30d`);
    expect(page.charts.range).toBe("30d");
    expect(page.keys).toBeNull();
  });
});

describe("sells in the console", () => {
  const sold = { sessionId: "", orderId: "", waitingOrderId: "" };

  /** A generated buy's session and order cloned as a sell: 0.5 ETH sold for 1200 EUR by SEPA, created an hour ago. */
  async function insertSell(status: "completed" | "created") {
    const [buy] = await database.db
      .select()
      .from(order)
      .where(and(eq(order.projectId, projectId), sql`${order.sessionId} is not null`))
      .limit(1);
    const [buySession] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, buy!.sessionId!));
    const createdAt = new Date(now.getTime() - 3_600_000);
    const sessionId = newId("sess");
    const orderId = newId("ord");
    await database.db.insert(checkoutSession).values({
      ...buySession!,
      id: sessionId,
      type: "offramp",
      status: status === "completed" ? "completed" : "confirmed",
      sourceAmount: "0.5",
      sourceCurrency: "ETH",
      destinationCurrency: "EUR",
      network: "ethereum",
      destinationAddress: null,
      refundAddress: "0x1111111111111111111111111111111111111111",
      createdAt,
    });
    await database.db.insert(order).values({
      ...buy!,
      id: orderId,
      sessionId,
      type: "sell",
      status,
      paymentMethod: "sepa",
      sourceAmount: "0.5",
      sourceCurrency: "ETH",
      destinationAmount: "1200.00",
      destinationCurrency: "EUR",
      network: "ethereum",
      destinationAddress: null,
      depositAddress: "0x2222222222222222222222222222222222222222",
      depositExpiresAt: new Date(createdAt.getTime() + 30 * 60_000),
      refundAddress: "0x1111111111111111111111111111111111111111",
      transactionId: null,
      processingAt: status === "completed" ? new Date(createdAt.getTime() + 60_000) : null,
      completedAt: status === "completed" ? new Date(createdAt.getTime() + 120_000) : null,
      failedAt: null,
      refundedAt: null,
      expiredAt: null,
      createdAt,
    });
    return { sessionId, orderId };
  }

  let eurBefore = 0;
  beforeAll(async () => {
    const before = await overviewCharts(scope(), "24h", now);
    eurBefore = before.volume.reduce((sum, row) => sum + Number(row.EUR ?? 0), 0);
    const done = await insertSell("completed");
    sold.sessionId = done.sessionId;
    sold.orderId = done.orderId;
    sold.waitingOrderId = (await insertSell("created")).orderId;
  });

  it("lists only sells under ?type=sell / ?type=offramp, only buys under buy / onramp, with the row's type", async () => {
    const sells = await load(ordersPage.loader as Loader, `${base()}/orders?limit=100&type=sell`);
    expect(sells.error).toBeNull();
    expect(sells.filtered).toBe(true);
    expect(sells.items.map((o: { id: string }) => o.id).sort()).toEqual([sold.orderId, sold.waitingOrderId].sort());
    expect(sells.items.every((o: { type: string }) => o.type === "sell")).toBe(true);
    const buys = await load(ordersPage.loader as Loader, `${base()}/orders?limit=100&type=buy`);
    expect(buys.items.length).toBeGreaterThan(0);
    expect(buys.items.every((o: { type: string }) => o.type === "buy")).toBe(true);

    const offramp = await load(sessionsPage.loader as Loader, `${base()}/sessions?type=offramp`);
    expect(offramp.items.map((s: { id: string }) => s.id)).toContain(sold.sessionId);
    expect(offramp.items.every((s: { type: string }) => s.type === "offramp")).toBe(true);
    const onramp = await load(sessionsPage.loader as Loader, `${base()}/sessions?limit=100&type=onramp`);
    expect(onramp.items.map((s: { id: string }) => s.id)).not.toContain(sold.sessionId);
    // The API's values only: an order type on the session list is explained, not ignored.
    const wrong = await load(sessionsPage.loader as Loader, `${base()}/sessions?type=sell`);
    expect(wrong.error.details.map((d: { field: string }) => d.field)).toEqual(["type"]);
  });

  it("show a sell order's deposit, payout and refund address, and the session's sell with its order's", async () => {
    const page = await load(orderPage.loader as Loader, `${base()}/orders/${sold.orderId}`, { orderId: sold.orderId });
    expect(page.order).toMatchObject({
      type: "sell",
      sourceAmount: "0.5",
      sourceCurrency: "ETH",
      destinationAmount: "1200.00",
      destinationCurrency: "EUR",
      depositAddress: "0x2222222222222222222222222222222222222222",
      refundAddress: "0x1111111111111111111111111111111111111111",
    });
    expect(page.order.depositExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const session = await load(sessionPage.loader as Loader, `${base()}/sessions/${sold.sessionId}`, { sessionId: sold.sessionId });
    expect(session.session.type).toBe("offramp");
    expect(session.order).toMatchObject({ id: sold.orderId, depositAddress: "0x2222222222222222222222222222222222222222", paymentMethod: "sepa" });
    expect(session.order.processingAt).toBeTruthy();
  });

  it("export the type and the sell's deposit and refund fields, filtered by type", async () => {
    const response = (await load(ordersCsv.loader as Loader, `${base()}/orders.csv?type=sell&tz=UTC`)) as Response;
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id).sort()).toEqual([sold.orderId, sold.waitingOrderId].sort());
    const row = rows.find((r) => r.id === sold.orderId)!;
    expect(row).toMatchObject({
      type: "sell",
      source_amount: "0.5",
      source_currency: "ETH",
      destination_amount: "1200.00",
      destination_currency: "EUR",
      payment_method: "sepa",
      deposit_address: "0x2222222222222222222222222222222222222222",
      refund_address: "0x1111111111111111111111111111111111111111",
      destination_address: "",
    });
    expect(row["deposit_expires (UTC)"]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    const sessions = parse(await ((await load(sessionsCsv.loader as Loader, `${base()}/sessions.csv?type=offramp`)) as Response).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(sessions.every((s) => s.type === "offramp")).toBe(true);
    expect(sessions.find((s) => s.id === sold.sessionId)!.refund_address).toBe("0x1111111111111111111111111111111111111111");
    const bad = (await load(ordersCsv.loader as Loader, `${base()}/orders.csv?type=offramp`)) as Response;
    expect(bad.status).toBe(400);
  });

  it("split the overview's fiat volume into buys and sells: the completed sell's payout is its sell part", async () => {
    const charts = await overviewCharts(scope(), "24h", now);
    const eur = (rows: Record<string, string | number>[]) => rows.reduce((sum, row) => sum + Number(row.EUR ?? 0), 0);
    // Only the completed sell counts (the one awaiting its deposit does not), on its payout's fiat side.
    expect(eur(charts.sellVolume)).toBeCloseTo(1200, 2);
    expect(eur(charts.volume)).toBeCloseTo(eurBefore + 1200, 2);
    expect(charts.sellVolume.map((r) => r.bucket)).toEqual(charts.volume.map((r) => r.bucket));
  });
});
