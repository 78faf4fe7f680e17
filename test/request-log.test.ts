/**
 * The request log (issue 16, docs/decisions/0015-request-log.md), on the driver under test:
 * every registry endpoint's calls are recorded with redacted bodies; the redaction module is fed
 * every secret-bearing answer the API gives; a failing request is found by its requestId;
 * retention drops whole partitions; a full buffer drops and counts instead of waiting;
 * GET /v1/request_logs filters and pages; callbacks are kept apart.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { order, requestLog } from "../db/schema";
import { decideSandboxPayment } from "../app/sandbox/provider.server";
import type { Endpoint } from "../app/api/endpoint.server";
import { API_ENDPOINTS } from "../app/api/registry.server";
import { rowsOf } from "../app/lib/db.server";
import { resetEnvForTests } from "../app/lib/env.server";
import { listRequestLogs, parseRequestLogParams } from "../app/request-logs/list.server";
import { rebuildErrorHours } from "../app/request-logs/error-hours.server";
import { summariseErrors } from "../app/request-logs/errors.server";
import { ensurePartitions, listPartitionDays, maintainPartitions } from "../app/request-logs/partitions.server";
import { configureRequestLogForTests, flushRequestLog, requestLogStats } from "../app/request-logs/record.server";
import { redactAuthorization, redactValue } from "../app/request-logs/redact";
import { createEndpoint } from "../app/webhooks/endpoints.server";
import { loader as healthz } from "../app/routes/healthz";
import { createApiKey } from "../app/keys/keys.server";
import { requireOrganization } from "../app/lib/permissions.server";
import { createProject } from "../app/projects/projects.server";
import * as logsPage from "../app/routes/_app.projects.$projectId.$mode.logs._index/route";
import * as errorsPage from "../app/routes/_app.projects.$projectId.$mode.logs.errors";
import * as requestPage from "../app/routes/_app.projects.$projectId.$mode.logs.$requestId";
import * as searchPage from "../app/routes/_app.projects.$projectId.$mode.search";
import { call, type ApiCall } from "./api-client";
import { routeOf as route } from "./api-routes";
import { addMember, createOrg, signUp, type TestUser } from "./users";
import { insertApiProject, projectContext, type ProjectIds, type TestKeys } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { orderBody, sessionBody } from "./fixtures";
import { useInProcessProviders } from "./in-process-providers";

const routeOf = (e: Pick<Endpoint, "method" | "path">) => route(e)!;
const byOperation = (id: string) => API_ENDPOINTS.find((e) => e.operation.operationId === id)!;

let database: TestDatabase;
let restoreFetch: () => void;
let home: { ids: ProjectIds; keys: TestKeys };
let other: { ids: ProjectIds; keys: TestKeys };
const objects = { sessionId: "", clientSecret: "", orderId: "", endpointId: "" };
/** Every secret the API handed out or was sent during the suite: none may reach the log. */
const secrets = new Set<string>();

function noteSecrets(value: unknown) {
  const text = JSON.stringify(value ?? null);
  for (const match of text.matchAll(/(sk|pk|rk)_(test|live)_[A-Za-z0-9]+|whsec_[A-Za-z0-9+/=]+|sess_secret_[A-Za-z0-9]+/g)) secrets.add(match[0]);
}

async function loggedRows() {
  await flushRequestLog();
  return database.db.select().from(requestLog);
}

beforeAll(async () => {
  database = await createTestDatabase();
  restoreFetch = useInProcessProviders();
  configureRequestLogForTests({ db: null, reset: true });
  home = await insertApiProject(database.db, "Logged shop");
  other = await insertApiProject(database.db, "Other shop");
  noteSecrets(home.keys);
  noteSecrets(other.keys);
  const created = await call(routeOf(byOperation("createSession")), { path: "/v1/sessions", key: home.keys.sk, body: sessionBody() });
  objects.sessionId = created.body.id;
  objects.clientSecret = created.body.attributes.clientSecret;
  noteSecrets(created.body);
  const second = await call(routeOf(byOperation("createSession")), { path: "/v1/sessions", key: home.keys.sk, body: sessionBody() });
  noteSecrets(second.body);
  const ordered = await call(routeOf(byOperation("createSessionOrder")), {
    path: `/v1/sessions/${second.body.id}/order`,
    key: home.keys.pk,
    params: { sessionId: second.body.id },
    body: { clientSecret: second.body.attributes.clientSecret, ...orderBody() },
  });
  expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  objects.orderId = ordered.body.id;
  // The sandbox gateway approves and calls back (a callback for the log), so the order can be refunded too.
  const [placed] = await database.db.select().from(order).where(eq(order.id, objects.orderId));
  await decideSandboxPayment(database.db, "banxa", placed!.providerOrderId!, "approve");
  const endpoint = await createEndpoint(projectContext(database.db, home.ids, "test"), { url: "https://example.com/hooks", enabledEvents: ["*"] });
  objects.endpointId = endpoint.endpoint.id;
  secrets.add(endpoint.secret);
});

afterAll(async () => {
  restoreFetch?.();
  await database?.destroy();
});

const PATH_OBJECTS: Record<string, keyof typeof objects> = { sessionId: "sessionId", orderId: "orderId", transactionId: "orderId", endpointId: "endpointId" };

/** The endpoint's documented example on this project, with the key its auth calls for. */
function probe(endpoint: Endpoint) {
  const params: Record<string, string> = {};
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] = objects[PATH_OBJECTS[name]!]));
  const ours = (name: string, value: unknown) => (name === "projectId" ? home.ids.projectId : name === "clientSecret" ? objects.clientSecret : value);
  const query = new URLSearchParams();
  for (const p of endpoint.operation.parameters ?? []) if (p.in === "query" && p.example !== undefined) query.set(p.name, String(ours(p.name, p.example)));
  const example = endpoint.operation.body?.example as Record<string, unknown> | undefined;
  const body = example ? Object.fromEntries(Object.entries(example).map(([n, v]) => [n, ours(n, v)])) : endpoint.method === "POST" ? {} : undefined;
  const key = endpoint.auth === "secret" ? home.keys.sk : endpoint.auth === "none" ? null : home.keys.pk;
  return {
    method: endpoint.method,
    path: query.size ? `${path}?${query}` : path,
    params,
    body,
    key,
    headers: { "user-agent": "logtest/1.0", "x-ramp-client-ip": "198.51.100.7" },
  };
}

const pattern = (e: Endpoint) => `${e.method} ${e.path.replace(/\{[^}]+\}/g, ":id")}`;

describe("recording", () => {
  const answers = new Map<string, ApiCall>();

  beforeAll(async () => {
    // DELETE last: it removes the webhook endpoint the other probes name.
    const ordered = [...API_ENDPOINTS].sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    for (const endpoint of ordered) {
      const result = await call(routeOf(endpoint), probe(endpoint));
      noteSecrets(result.body);
      answers.set(pattern(endpoint), result);
    }
  });

  it("records every endpoint of the registry that serves a project, with its pattern, key, IP, status and request id", async () => {
    const rows = await loggedRows();
    for (const endpoint of API_ENDPOINTS) {
      const answer = answers.get(pattern(endpoint))!;
      const requestId = answer.headers.get("Request-Id");
      const row = rows.find((r) => r.endpoint === pattern(endpoint) && r.id === requestId);
      if (endpoint.auth === "none") {
        // The API's own description belongs to no project: nobody's log.
        expect(row, pattern(endpoint)).toBeUndefined();
        continue;
      }
      expect(row, `${pattern(endpoint)} (${answer.status}) is logged`).toBeDefined();
      expect(row!.projectId).toBe(home.ids.projectId);
      expect(row!.mode).toBe("test");
      expect(row!.status).toBe(answer.status);
      expect(row!.source).toBe("api");
      expect(row!.ip).toBe("198.51.100.7");
      expect(row!.userAgent).toBe("logtest/1.0");
      expect(row!.latencyMs).toBeGreaterThanOrEqual(0);
      if (endpoint.auth !== "public") expect(row!.keyId).toMatch(/^key_/);
      expect(row!.responseBody, pattern(endpoint)).not.toBeNull();
      if (endpoint.method === "POST") expect(row!.requestBody, pattern(endpoint)).not.toBeNull();
    }
  });

  it("never keeps a secret: keys, clientSecrets and signing secrets are redacted everywhere", async () => {
    const rows = await loggedRows();
    expect(secrets.size).toBeGreaterThan(4);
    expect(
      [...secrets].some((s) => s.startsWith("whsec_")),
      "a signing secret was answered",
    ).toBe(true);
    expect(
      [...secrets].some((s) => s.startsWith("sess_secret_")),
      "a clientSecret was answered",
    ).toBe(true);
    const everything = JSON.stringify(rows);
    for (const secret of secrets) expect(everything.includes(secret), `${secret.slice(0, 12)}… in the log`).toBe(false);
    // The masks are there instead, prefix kept.
    expect(everything).toContain("sess_secret_[redacted]");
    expect(everything).toContain("whsec_[redacted]");
    expect(everything).toContain("Bearer sk_test_[redacted]");
  });

  it("keeps the object ids a request touched, from its path and its answer", async () => {
    const rows = await loggedRows();
    const created = rows.find((r) => r.endpoint === "POST /v1/sessions" && r.status === 201)!;
    expect(created.objectIds).toContain(JSON.parse(created.responseBody!).id);
    const page = await listRequestLogs(projectContext(database.db, home.ids, "test"), { q: objects.orderId, limit: 100 });
    expect(page.data.map((r) => r.endpoint)).toEqual(expect.arrayContaining(["GET /v1/orders/:id", "GET /public/v1/onramp/transactions/:id"]));
  });

  it("keeps gateway callbacks apart, in the order's project", async () => {
    const rows = await loggedRows();
    const callbacks = rows.filter((r) => r.source === "callback");
    expect(callbacks.length).toBeGreaterThan(0);
    expect(callbacks.every((r) => r.projectId === home.ids.projectId && r.endpoint === "POST /callbacks/sandbox/:gatewayId")).toBe(true);
    expect(callbacks.some((r) => r.objectIds.includes(objects.orderId))).toBe(true);
    const api = await listRequestLogs(projectContext(database.db, home.ids, "test"), { source: "callback", limit: 100 });
    expect(api.data.length).toBe(callbacks.length);
  });
});

describe("the redaction module", () => {
  it("masks every secret-bearing answer the API gives", async () => {
    const ctx = projectContext(database.db, home.ids, "test");
    const answers: unknown[] = [];
    const session = await call(routeOf(byOperation("createSession")), { path: "/v1/sessions", key: home.keys.sk, body: sessionBody() });
    answers.push(session.body);
    const created = await call(routeOf(byOperation("createWebhookEndpoint")), {
      path: "/v1/webhook_endpoints",
      key: home.keys.sk,
      body: { url: "https://example.com/other", enabledEvents: ["*"] },
    });
    answers.push(created.body);
    const update = API_ENDPOINTS.find((e) => e.method === "POST" && e.path === "/v1/webhook_endpoints/{endpointId}")!;
    const rolled = await call(routeOf(update), {
      path: `/v1/webhook_endpoints/${created.body.id}`,
      key: home.keys.sk,
      params: { endpointId: created.body.id },
      body: { rollSecret: true },
    });
    answers.push(rolled.body);
    const found: string[] = [];
    for (const answer of answers) {
      const before = JSON.stringify(answer);
      for (const m of before.matchAll(/whsec_[A-Za-z0-9+/=]+|sess_secret_[A-Za-z0-9]+/g)) found.push(m[0]);
      const after = JSON.stringify(redactValue(answer));
      for (const secret of found) expect(after).not.toContain(secret);
    }
    expect(found.filter((s) => s.startsWith("whsec_")).length, "create and roll both answer a secret").toBeGreaterThanOrEqual(2);
    expect(found.some((s) => s.startsWith("sess_secret_"))).toBe(true);
    void ctx;
  });

  it("masks keys in headers, gateway credentials and tokens in free text", () => {
    expect(redactAuthorization(`Bearer ${home.keys.sk}`)).toBe("Bearer sk_test_[redacted]");
    expect(redactAuthorization("Basic dXNlcjpwYXNz")).toBe("Basic [redacted]");
    const credentials = { gateway: "banxa", credentials: { apiKey: "live-api-key-123", apiSecret: "very-secret" }, apiKey: "x", note: `use ${home.keys.pk}` };
    const redacted = JSON.stringify(redactValue(credentials));
    expect(redacted).not.toContain("live-api-key-123");
    expect(redacted).not.toContain("very-secret");
    expect(redacted).not.toContain(home.keys.pk);
    expect(redacted).toContain('"gateway":"banxa"');
  });
});

describe("finding a request", () => {
  it("finds a failing request by the requestId of its error, with its body and error", async () => {
    const bad = await call(routeOf(byOperation("createSession")), {
      path: "/v1/sessions",
      key: home.keys.sk,
      body: sessionBody({ sourceAmount: "-5" }),
      headers: { "idempotency-key": "retry-me-42" },
    });
    expect(bad.status).toBe(400);
    const requestId = bad.body.error.requestId;
    await flushRequestLog();
    const scope = projectContext(database.db, home.ids, "test");
    const byId = await listRequestLogs(scope, parseRequestLogParams(new URLSearchParams({ q: requestId })), { bodies: true });
    expect(byId.data).toHaveLength(1);
    const row = byId.data[0]!;
    expect(row).toMatchObject({ id: requestId, status: 400, endpoint: "POST /v1/sessions", errorCode: bad.body.error.code, idempotencyKey: "retry-me-42" });
    expect(JSON.parse(row.requestBody!)).toMatchObject({ sourceAmount: "-5" });
    expect(JSON.parse(row.responseBody!)).toMatchObject({ error: { requestId } });
    const byIdempotency = await listRequestLogs(scope, { q: "retry-me-42" });
    expect(byIdempotency.data.map((r) => r.id)).toEqual([requestId]);
    // Another project's (or mode's) scope does not see it.
    expect((await listRequestLogs(projectContext(database.db, other.ids, "test"), { q: requestId })).data).toEqual([]);
    expect((await listRequestLogs(projectContext(database.db, home.ids, "live"), { q: requestId })).data).toEqual([]);
  });

  it("counts failed requests for the Errors view as they are written, the same as a recount from the log", async () => {
    const scope = projectContext(database.db, other.ids, "test");
    const fail = () => call(routeOf(byOperation("createSession")), { path: "/v1/sessions", key: other.keys.sk, body: sessionBody({ sourceAmount: "-5" }) });
    const missing = () => call(routeOf(byOperation("getSession")), { path: "/v1/sessions/sess_nope", key: other.keys.sk, params: { sessionId: "sess_nope" } });
    // Two batches: the second adds to the first's hour.
    await fail();
    await missing();
    await flushRequestLog();
    await fail();
    // A later millisecond than the one before: two in the same one are ordered by id (app/request-logs/error-hours.test.ts).
    await new Promise((resolve) => setTimeout(resolve, 5));
    const last = await fail();
    await flushRequestLog();
    const written = await summariseErrors(scope, "24h");
    const invalid = written.groups.find((g) => g.endpoint === "POST /v1/sessions")!;
    expect(invalid).toMatchObject({ errorCode: last.body.error.code, count: 3, statuses: [400], lastRequestId: last.body.error.requestId });
    expect(invalid.series.at(-1)).toBe(3);
    expect(written.groups.find((g) => g.endpoint === "GET /v1/sessions/:id")).toMatchObject({ errorCode: "NOT_FOUND", count: 1, statuses: [404] });
    expect((await summariseErrors(scope, "7d")).total).toBe(written.total);
    // The window starts on a whole hour, 23 hours before the current one: the Logs link filters from there.
    expect(written.since % 3600).toBe(0);
    await rebuildErrorHours(database.db);
    expect(await summariseErrors(scope, "24h")).toEqual(written);
  });

  it("a recount while requests are being logged counts each failed request once", async () => {
    const fail = () => call(routeOf(byOperation("createSession")), { path: "/v1/sessions", key: other.keys.sk, body: sessionBody({ sourceAmount: "-1" }) });
    let writing = true;
    const writes = (async () => {
      for (let i = 0; i < 40; i++) {
        await fail();
        await flushRequestLog();
      }
      writing = false;
    })();
    // Recounts (the benchmark's, a repair) run back to back while the flushes add to the same hours.
    const recounts = (async () => {
      while (writing) await rebuildErrorHours(database.db);
    })();
    await Promise.all([writes, recounts]);
    const scope = sql`project_id = ${other.ids.projectId} and mode = 'test' and endpoint = 'POST /v1/sessions'`;
    const [counted] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select coalesce(sum(count), 0)::int as n from request_log_error_hours where ${scope}`),
    );
    const [logged] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from request_log where ${scope} and status >= 400`));
    expect(logged!.n).toBeGreaterThanOrEqual(40);
    expect(counted!.n).toBe(logged!.n);
  });

  it("caps a large body at 16 KB with a truncated mark", async () => {
    const big = await call(routeOf(byOperation("createSession")), {
      path: "/v1/sessions",
      key: home.keys.sk,
      body: sessionBody({ metadata: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, "x".repeat(480)])) }),
    });
    await flushRequestLog();
    const [row] = (await listRequestLogs(projectContext(database.db, home.ids, "test"), { q: big.headers.get("Request-Id")! }, { bodies: true })).data;
    const stored = JSON.parse(row!.requestBody!);
    expect(Buffer.byteLength(row!.requestBody!)).toBeLessThanOrEqual(16 * 1024 + 200);
    expect(stored).toMatchObject({ $truncated: true, $bytes: expect.any(Number) });
    expect(stored.$bytes).toBeGreaterThan(16 * 1024);
  });
});

describe("GET /v1/request_logs", () => {
  const list = (query: string, key = home.keys.sk) => call(routeOf(byOperation("listRequestLogs")), { path: `/v1/request_logs${query}`, key });

  it("lists the key's project and mode, newest first, with filters and cursors", async () => {
    await flushRequestLog();
    const all: string[] = [];
    let page = await list("?limit=5");
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({ object: "list", url: "/v1/request_logs" });
    for (let guard = 0; guard < 50; guard++) {
      all.push(...page.body.data.map((r: { id: string }) => r.id));
      if (!page.body.has_more) break;
      page = await list(`?limit=5&starting_after=${all.at(-1)}`);
    }
    const rows = (await loggedRows()).filter((r) => r.projectId === home.ids.projectId && r.mode === "test");
    // The list calls themselves are logged after they answer: compare with what existed before.
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(10);
    expect(rows.length).toBeGreaterThanOrEqual(all.length);
    const times = rows.filter((r) => all.includes(r.id)).map((r) => r.createdAt.getTime());
    expect(times.length).toBe(all.length);

    const back = await list(`?limit=5&ending_before=${all[7]}`);
    expect(back.body.data.map((r: { id: string }) => r.id)).toEqual(all.slice(2, 7));

    const failed = await list("?status=4xx&limit=100");
    expect(failed.body.data.length).toBeGreaterThan(0);
    expect(failed.body.data.every((r: { attributes: { status: number } }) => r.attributes.status >= 400 && r.attributes.status < 500)).toBe(true);
    const posts = await list(`?method=post&endpoint=${encodeURIComponent("POST /v1/sessions")}&limit=100`);
    expect(posts.body.data.length).toBeGreaterThan(0);
    expect(posts.body.data.every((r: { attributes: { endpoint: string } }) => r.attributes.endpoint === "POST /v1/sessions")).toBe(true);
    const byCode = await list("?error_code=validation_error&limit=100");
    expect(byCode.body.data.every((r: { attributes: { error: { code: string } } }) => r.attributes.error.code === "VALIDATION_ERROR")).toBe(true);
    const byIp = await list("?ip=198.51.100.7&limit=100");
    expect(byIp.body.data.length).toBeGreaterThan(0);
    expect(byIp.body.data.every((r: { attributes: { ip: string } }) => r.attributes.ip === "198.51.100.7")).toBe(true);
    const keyId = byIp.body.data.find((r: { attributes: { key: { id: string } | null } }) => r.attributes.key)?.attributes.key.id;
    const byKey = await list(`?key=${keyId}&limit=100`);
    expect(byKey.body.data.every((r: { attributes: { key: { id: string } } }) => r.attributes.key?.id === keyId)).toBe(true);
    const future = await list(`?created[gte]=${Math.floor(Date.now() / 1000) + 3600}`);
    expect(future.body.data).toEqual([]);
  });

  it("refuses bad parameters with the error envelope, and shows nothing of another project", async () => {
    const bad = await list("?status=teapot&method=BREW&statuss=1");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_ERROR");
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(["status", "method", "statuss"]));
    const foreignCursor = await list(`?starting_after=${(await list("?limit=1")).body.data[0].id}`, other.keys.sk);
    expect(foreignCursor.status).toBe(400);
    const theirs = await list("?limit=100", other.keys.sk);
    expect(theirs.body.data.every((r: { attributes: { objectIds: string[] } }) => !r.attributes.objectIds.includes(objects.sessionId))).toBe(true);
  });
});

describe("retention", () => {
  it("drops whole partitions older than the retention, and keeps the coming days'", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 40 * 86_400_000);
    const recent = new Date(now.getTime() - 5 * 86_400_000);
    await ensurePartitions(database.db, [old, recent]);
    const base = {
      projectId: home.ids.projectId,
      mode: "test" as const,
      source: "api" as const,
      method: "GET",
      path: "/v1/sessions",
      status: 200,
      latencyMs: 1,
    };
    await database.db.insert(requestLog).values([
      { ...base, id: "req_oldoldoldoldold", createdAt: old },
      { ...base, id: "req_recentrecentre", createdAt: recent },
      { ...base, id: "req_oldfailedoldfa", createdAt: old, status: 404, errorCode: "NOT_FOUND" },
      { ...base, id: "req_recentfailedre", createdAt: recent, status: 404, errorCode: "NOT_FOUND" },
    ]);
    await rebuildErrorHours(database.db);
    const dropped = await maintainPartitions(database.db, now, 30);
    // The Errors view's counts of the dropped days go too.
    const counted = rowsOf<{ last_request_id: string }>(
      await database.db.execute(sql`select last_request_id from request_log_error_hours where last_request_id like 'req_%failed%'`),
    ).map((r) => r.last_request_id);
    expect(counted).toEqual(["req_recentfailedre"]);
    expect(dropped).toContain(old.toISOString().slice(0, 10));
    const days = await listPartitionDays(database.db);
    expect(days).not.toContain(old.toISOString().slice(0, 10));
    expect(days).toContain(recent.toISOString().slice(0, 10));
    for (let i = 0; i <= 3; i++) expect(days).toContain(new Date(now.getTime() + i * 86_400_000).toISOString().slice(0, 10));
    const ids = rowsOf<{ id: string }>(
      await database.db.execute(sql`select id from request_log where id in ('req_oldoldoldoldold', 'req_recentrecentre')`),
    ).map((r) => r.id);
    expect(ids).toEqual(["req_recentrecentre"]);
  });
});

describe("overflow", () => {
  it("keeps answering while the database stalls, dropping and counting what the buffer cannot hold", async () => {
    process.env.REQUEST_LOG_BUFFER = "10";
    process.env.REQUEST_LOG_FLUSH_MS = "10";
    resetEnvForTests();
    let release!: () => void;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    // A database whose inserts wait until released (a lock, a failover).
    const stallingDb = new Proxy(database.db, {
      get(target, prop, receiver) {
        if (prop === "insert")
          return (...args: unknown[]) => ({
            values: async (rows: unknown) => (
              await stalled,
              (target.insert as (...a: unknown[]) => { values: (r: unknown) => Promise<unknown> })(...args).values(rows)
            ),
          });
        return Reflect.get(target, prop, receiver);
      },
    });
    configureRequestLogForTests({ db: stallingDb as typeof database.db, reset: true });
    try {
      const getSession = routeOf(byOperation("getSession"));
      for (let i = 0; i < 40; i++) {
        const answer = await call(getSession, { path: `/v1/sessions/${objects.sessionId}`, key: home.keys.pk, params: { sessionId: objects.sessionId } });
        expect(answer.status).toBe(200);
        await new Promise((r) => setTimeout(r, 2));
      }
      const stats = requestLogStats();
      expect(stats.dropped).toBeGreaterThan(0);
      expect(stats.buffered).toBeLessThanOrEqual(10);
      const health = await (await healthz()).json();
      expect(health.requestLog.dropped).toBe(stats.dropped);
      release();
      await flushRequestLog();
      const after = requestLogStats();
      expect(after.written + after.dropped).toBe(40);
    } finally {
      release();
      delete process.env.REQUEST_LOG_BUFFER;
      delete process.env.REQUEST_LOG_FLUSH_MS;
      resetEnvForTests();
      configureRequestLogForTests({ db: null });
    }
  });
});

describe("the console's Logs", () => {
  type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
  const people: Record<"owner" | "support" | "developer" | "outsider", TestUser> = {} as never;
  let projectId = "";
  let failedId = "";

  const load = async (fn: Loader, who: keyof typeof people, path: string, params: Record<string, string> = {}) => {
    const request = new Request(`http://localhost:3000/projects/${projectId}/test${path}`, { headers: { cookie: people[who].cookie } });
    try {
      return { status: 200, data: (await fn({ request, params: { projectId, mode: "test", ...params }, context: {} } as LoaderFunctionArgs)) as any };
    } catch (error) {
      if (error instanceof Response) return { status: error.status, data: null };
      const init = (error as { init?: { status?: number } }).init;
      if (init?.status) return { status: init.status, data: null };
      throw error;
    }
  };

  beforeAll(async () => {
    for (const who of Object.keys({ owner: 1, support: 1, developer: 1, outsider: 1 }) as (keyof typeof people)[]) people[who] = await signUp(who);
    const org = await createOrg(people.owner, "Logs Org");
    await addMember(org.id, people.support, "support");
    await addMember(org.id, people.developer, "developer");
    await createOrg(people.outsider, "Elsewhere");
    const ownerCtx = await requireOrganization(new Request("http://localhost:3000/", { headers: { cookie: people.owner.cookie } }));
    projectId = (await createProject(ownerCtx, { name: "Logged project" })).project.id;
    const { token } = await createApiKey(database.db, { projectId, mode: "test", kind: "secret" });
    const failed = await call(routeOf(byOperation("createSession")), { path: "/v1/sessions", key: token, body: { sourceAmount: "abc" } });
    failedId = failed.body.error.requestId;
    await flushRequestLog();
  });

  it("shows support the log and the request, without bodies; a developer with them", async () => {
    const list = await load(logsPage.loader as Loader, "support", "/logs?status=4xx");
    expect(list.status).toBe(200);
    expect(list.data.items.map((i: { id: string }) => i.id)).toContain(failedId);
    const asSupport = await load(requestPage.loader as Loader, "support", `/logs/${failedId}`, { requestId: failedId });
    expect(asSupport.status).toBe(200);
    expect(asSupport.data.bodies).toBe(false);
    expect(asSupport.data.request.requestBody).toBeNull();
    expect(asSupport.data.request.error.code).toBe("INVALID_AMOUNT");
    const asDeveloper = await load(requestPage.loader as Loader, "developer", `/logs/${failedId}`, { requestId: failedId });
    expect(asDeveloper.data.bodies).toBe(true);
    expect(asDeveloper.data.request.requestBody).toEqual({ sourceAmount: "abc" });
    expect(asDeveloper.data.curl).toContain("Bearer sk_test_YOUR_KEY");
    expect(asDeveloper.data.curl).not.toMatch(/sk_test_[A-Za-z0-9]{20,}/);
    const errors = await load(errorsPage.loader as Loader, "support", "/logs/errors");
    expect(errors.data.groups).toEqual([expect.objectContaining({ endpoint: "POST /v1/sessions", errorCode: "INVALID_AMOUNT", count: 1, statuses: [400] })]);
    expect(errors.data.groups[0].series.reduce((a: number, b: number) => a + b, 0)).toBe(1);
  });

  it("finds the request from a pasted requestId in the console search", async () => {
    // One hit redirects straight to the request's page.
    const request = new Request(`http://localhost:3000/projects/${projectId}/test/search?q=${failedId}`, { headers: { cookie: people.support.cookie } });
    const redirect = await (searchPage.loader as Loader)({ request, params: { projectId, mode: "test" }, context: {} } as LoaderFunctionArgs).catch((r) => r);
    expect(redirect).toBeInstanceOf(Response);
    expect((redirect as Response).headers.get("Location")).toBe(`/projects/${projectId}/test/logs/${failedId}`);
  });

  it("hides another organization's log and requests (404)", async () => {
    expect((await load(logsPage.loader as Loader, "outsider", "/logs")).status).toBe(404);
    expect((await load(requestPage.loader as Loader, "outsider", `/logs/${failedId}`, { requestId: failedId })).status).toBe(404);
    expect((await load(errorsPage.loader as Loader, "outsider", "/logs/errors")).status).toBe(404);
    // A member opening another project's request id under their own project: not found either.
    const ownProject = await requireOrganization(new Request("http://localhost:3000/", { headers: { cookie: people.outsider.cookie } }));
    const theirs = (await createProject(ownProject, { name: "Theirs" })).project.id;
    const request = new Request(`http://localhost:3000/projects/${theirs}/test/logs/${failedId}`, { headers: { cookie: people.outsider.cookie } });
    const answer = await (requestPage.loader as Loader)({
      request,
      params: { projectId: theirs, mode: "test", requestId: failedId },
      context: {},
    } as LoaderFunctionArgs).catch((e) => e);
    expect((answer as { init?: { status?: number } }).init?.status ?? (answer as Response).status).toBe(404);
  });
});
