/** The demo organization and its generated history. */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~db/client";
import { apiKey, checkoutSession, customer, member, order, organization, project, sandboxPayment, user } from "~db/schema";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { createAuth } from "~/lib/auth.server";
import { DEMO_ORGANIZATION, DEMO_PROJECTS, DEMO_USER, ensureDemoOrganization, isDatabaseEmpty, seedDemo } from "./demo.server";
import { generateHistory } from "./history.server";

const DAY = 86_400_000;
const ORDER_STATUSES_FOR_SESSION = new Set(["processing", "completed", "failed"]);

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe("seedDemo: coherent with go-live", () => {
  let other: TestDatabase;
  beforeAll(async () => {
    other = await createTestDatabase({ install: false });
  });
  afterAll(async () => {
    await other?.destroy();
  });

  it("a project with live history is shown live; a test-only one has none; no live order ever touched the sandbox", async () => {
    const demo = await seedDemo(other.db, { sessions: 200 });
    for (const projectId of demo.projectIds) {
      const [row] = await other.db.select().from(project).where(eq(project.id, projectId));
      const liveOrders = await other.db
        .select({ id: order.id, checkoutUrl: order.checkoutUrl, createdAt: order.createdAt })
        .from(order)
        .where(and(eq(order.projectId, projectId), eq(order.mode, "live")));
      if (row!.defaultMode === "test") expect(liveOrders, row!.name).toEqual([]);
      else {
        expect(row!.wentLiveAt).not.toBeNull();
        expect(liveOrders.every((o) => o.createdAt >= row!.wentLiveAt!)).toBe(true);
        expect(row!.allowedRedirectOrigins.length).toBeGreaterThan(0);
      }
      expect(liveOrders.filter((o) => o.checkoutUrl?.includes("/sandbox/"))).toEqual([]);
      const sandboxed = await other.db
        .select({ id: sandboxPayment.id })
        .from(sandboxPayment)
        .innerJoin(order, eq(order.id, sandboxPayment.partnerOrderId))
        .where(and(eq(order.projectId, projectId), eq(order.mode, "live")));
      expect(sandboxed).toEqual([]);
    }
    const modes = await Promise.all(demo.projectIds.map(async (id) => (await other.db.select().from(project).where(eq(project.id, id)))[0]!.defaultMode));
    expect(modes).toContain("live");
  });
});

describe("ensureDemoOrganization", () => {
  it("creates the demo once and finds it again", async () => {
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    const first = await ensureDemoOrganization(database.db);
    expect(first.created).toBe(true);
    expect(first.projectIds).toHaveLength(2);
    expect(await isDatabaseEmpty(database.db)).toBe(false);

    const second = await ensureDemoOrganization(database.db);
    expect(second.created).toBe(false);
    expect(second.organizationId).toBe(first.organizationId);
    expect(second.projectIds).toEqual(first.projectIds);
    expect(second.userId).toBe(first.userId);

    const orgs = await database.db.select().from(organization).where(eq(organization.slug, DEMO_ORGANIZATION.slug));
    expect(orgs).toHaveLength(1);
    expect(orgs[0]!.name).toBe(DEMO_ORGANIZATION.name);
    const projects = await database.db.select().from(project).where(eq(project.organizationId, first.organizationId));
    expect(projects).toHaveLength(2);
    expect(projects.map((p) => p.name).sort()).toEqual([...DEMO_PROJECTS].sort());
    // Project ids come back in DEMO_PROJECTS order.
    expect(first.projectIds.map((id) => projects.find((p) => p.id === id)!.name)).toEqual([...DEMO_PROJECTS]);

    const users = await database.db.select().from(user).where(eq(user.email, DEMO_USER.email));
    expect(users).toHaveLength(1);
    const memberships = await database.db
      .select()
      .from(member)
      .where(and(eq(member.organizationId, first.organizationId), eq(member.userId, first.userId)));
    expect(memberships).toHaveLength(1);
    expect(memberships[0]!.role).toBe("owner");

    // Each demo project got its default keys once.
    for (const projectId of first.projectIds) {
      const keys = await database.db.select().from(apiKey).where(eq(apiKey.projectId, projectId));
      expect(keys).toHaveLength(4);
    }
  });

  it("lets the demo user sign in with the documented password", async () => {
    const auth = createAuth(database.db);
    const result = await auth.api.signInEmail({ body: { email: DEMO_USER.email, password: DEMO_USER.password } });
    expect(result.user.email).toBe(DEMO_USER.email);
    expect(result.token).toBeTruthy();
    await expect(auth.api.signInEmail({ body: { email: DEMO_USER.email, password: "wrong-password-123" } })).rejects.toThrow();
  });

  it("restores the demo user's membership if it was removed", async () => {
    const demo = await ensureDemoOrganization(database.db);
    await database.db.delete(member).where(and(eq(member.organizationId, demo.organizationId), eq(member.userId, demo.userId)));
    const again = await ensureDemoOrganization(database.db);
    expect(again.organizationId).toBe(demo.organizationId);
    const rows = await database.db
      .select()
      .from(member)
      .where(and(eq(member.organizationId, demo.organizationId), eq(member.userId, demo.userId)));
    expect(rows.map((r) => r.role)).toEqual(["owner"]);
  });
});

describe("generateHistory", () => {
  let projectId: string;
  let sessions: (typeof checkoutSession.$inferSelect)[];
  let orders: (typeof order.$inferSelect)[];
  let startedAt: number;
  let finishedAt: number;

  beforeAll(async () => {
    const demo = await ensureDemoOrganization(database.db);
    projectId = demo.projectIds[1]!;
    startedAt = Date.now();
    const result = await generateHistory(database.db, { projectId, mode: "test", sessions: 600, seed: 7 });
    finishedAt = Date.now();
    expect(result.sessions).toBe(600);
    sessions = await database.db.select().from(checkoutSession).where(eq(checkoutSession.projectId, projectId));
    orders = await database.db.select().from(order).where(eq(order.projectId, projectId));
  });

  it("inserts exactly the requested number of sessions, in the requested project and mode", () => {
    expect(sessions).toHaveLength(600);
    expect(new Set(sessions.map((s) => s.id)).size).toBe(600);
    expect(sessions.every((s) => s.mode === "test" && s.id.startsWith("sess_"))).toBe(true);
  });

  it("has a realistic mix of statuses", () => {
    const statuses = new Set(sessions.map((s) => s.status));
    for (const status of ["completed", "expired", "failed", "cancelled"]) expect(statuses).toContain(status);
  });

  it("makes exactly one order for each session that reached a gateway, and none for the others", () => {
    const sessionsById = new Map(sessions.map((s) => [s.id, s]));
    const withOrder = sessions.filter((s) => ORDER_STATUSES_FOR_SESSION.has(s.status));
    expect(withOrder.length).toBeGreaterThan(0);
    expect(orders).toHaveLength(withOrder.length);
    const orderSessionIds = orders.map((o) => o.sessionId);
    expect(new Set(orderSessionIds).size).toBe(orders.length);
    for (const o of orders) {
      const session = sessionsById.get(o.sessionId!);
      expect(session, `order ${o.id} has a session of this project`).toBeDefined();
      expect(ORDER_STATUSES_FOR_SESSION.has(session!.status)).toBe(true);
      expect(o.mode).toBe("test");
      expect(o.customerId).toBe(session!.customerId);
      expect(o.destinationAddress).toBe(session!.destinationAddress);
      expect(o.destinationCurrency).toBe(session!.destinationCurrency);
      expect(o.network).toBe(session!.network);
      expect(Number(o.sourceAmount)).toBe(Number(session!.sourceAmount));
      // Order status follows the session's.
      if (session!.status === "processing") expect(o.status).toBe("processing");
      if (session!.status === "failed") expect(o.status).toBe("failed");
      if (session!.status === "completed") expect(["completed", "refunded"]).toContain(o.status);
    }
  });

  it("copies each session's metadata into its order's partnerMetadata, beside the system keys", () => {
    const sessionsById = new Map(sessions.map((s) => [s.id, s]));
    let withMetadata = 0;
    for (const o of orders) {
      const session = sessionsById.get(o.sessionId!)!;
      expect(o.metadata.partnerMetadata).toStrictEqual(session.metadata);
      expect(o.metadata.provider).toBe(o.gatewayId);
      expect(o.metadata.providerOrderId).toBe(o.providerOrderId);
      if (Object.keys(session.metadata).length) withMetadata++;
    }
    expect(withMetadata).toBeGreaterThan(0);
  });

  it("creates sessions and orders within the last 90 days, none in the future", () => {
    const earliest = startedAt - 90 * DAY;
    for (const s of sessions) {
      const t = s.createdAt.getTime();
      expect(t, s.id).toBeGreaterThanOrEqual(earliest);
      expect(t, s.id).toBeLessThanOrEqual(finishedAt);
    }
    // The history spans the window, not just its end.
    const oldest = Math.min(...sessions.map((s) => s.createdAt.getTime()));
    expect(oldest).toBeLessThan(startedAt - 30 * DAY);
    for (const o of orders) {
      expect(o.createdAt.getTime(), o.id).toBeGreaterThanOrEqual(earliest);
      expect(o.createdAt.getTime(), o.id).toBeLessThanOrEqual(finishedAt);
    }
  });

  it("creates the customers it references, per project and mode", async () => {
    const result = await database.db.execute(
      sql`select count(*)::int as n from checkout_session s left join customer c on c.id = s.customer_id
          where s.project_id = ${projectId} and (c.id is null or c.project_id <> s.project_id or c.mode <> s.mode)`,
    );
    expect(rowsOf<{ n: number }>(result)[0]?.n).toBe(0);
    const customers = await database.db.select().from(customer).where(eq(customer.projectId, projectId));
    expect(customers.length).toBeGreaterThanOrEqual(20);
  });

  it("can run again into the same project without id collisions", async () => {
    await generateHistory(database.db, { projectId, mode: "test", sessions: 50, seed: 7 });
    const result = await database.db.execute(sql`select count(*)::int as n from checkout_session where project_id = ${projectId}`);
    expect(rowsOf<{ n: number }>(result)[0]?.n).toBe(650);
  });
});

describe("generateHistory timestamps", () => {
  // No stamp of a session or order may be later than `now`, even for sessions created moments ago.
  it("puts no event after `now`", async () => {
    const demo = await ensureDemoOrganization(database.db);
    const projectId = demo.projectIds[0]!;
    const now = new Date("2025-06-01T12:00:00Z");
    await generateHistory(database.db, { projectId, mode: "live", sessions: 4000, seed: 11, now });
    const result = await database.db.execute(sql`
      select
        (select count(*)::int from checkout_session where project_id = ${projectId} and mode = 'live' and greatest(
           created_at, confirmed_at, processing_at, completed_at, failed_at, cancelled_at, expired_at, updated_at) > ${now.toISOString()}::timestamptz) as sessions,
        (select count(*)::int from "order" where project_id = ${projectId} and mode = 'live' and greatest(
           created_at, processing_at, completed_at, failed_at, refunded_at, updated_at) > ${now.toISOString()}::timestamptz) as orders`);
    expect(rowsOf<{ sessions: number; orders: number }>(result)[0]).toEqual({ sessions: 0, orders: 0 });
  });
});
