/**
 * Faults answer clearly and log nothing they should not: while the database is unreachable
 * the API answers 503 SERVICE_UNAVAILABLE with Retry-After (and /healthz 503); an unexpected
 * failed query is logged without its parameter values (wallet addresses, emails, metadata).
 */
import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { handleApi } from "../app/api/respond.server";
import { useDatabaseHandle } from "../app/lib/db.server";
import { clearKeyCheckCache } from "../app/keys/key-check.server";
import { loader as healthz } from "../app/routes/healthz";
import { loader as listSessions } from "../app/routes/v1.sessions";
import { call } from "./api-client";
import { createTestDatabase, type TestDatabase } from "./database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.destroy();
});

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Everything written to the console while `work` runs. */
async function logged(work: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const spies = (["error", "warn", "log"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args) => void lines.push(args.map(String).join(" "))),
  );
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines.join("\n");
}

describe("the database is unreachable", () => {
  let unreachable: DatabaseHandle;

  beforeAll(async () => {
    unreachable = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`, migrate: false, maxConnections: 1 });
    useDatabaseHandle(unreachable);
    clearKeyCheckCache();
  });

  afterAll(async () => {
    useDatabaseHandle(database);
    await unreachable?.close().catch(() => {});
  });

  it("the API answers 503 SERVICE_UNAVAILABLE with Retry-After, and logs no stack trace", async () => {
    let result!: Awaited<ReturnType<typeof call>>;
    const log = await logged(async () => {
      result = await call(listSessions, { path: "/v1/sessions", key: `sk_test_${"A".repeat(43)}` });
    });
    expect(result.status, JSON.stringify(result.body)).toBe(503);
    expect(result.body).toMatchObject({ success: false, error: { code: "SERVICE_UNAVAILABLE", requestId: expect.stringMatching(/^req_/) } });
    expect(result.headers.get("Request-Id")).toBe(result.body.error.requestId);
    expect(Number(result.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(log).not.toContain("INTERNAL_ERROR");
    expect(log).not.toMatch(/\n\s+at /);
  });

  it("/healthz answers 503 as before", async () => {
    const response = await healthz();
    expect(response.status).toBe(503);
  });
});

describe("error logs", () => {
  it("carry no SQL parameter values of a failed query", async () => {
    const wallet = "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21";
    const email = "alice.private@example.com";
    const metadata = JSON.stringify({ partnerOrderId: "secret-order-778" });
    let status = 0;
    const log = await logged(async () => {
      const response = await handleApi({ request: new Request("http://localhost:3000/v1/anything"), params: {} }, async ({ db }) => {
        // A query that fails for a reason of its own (no such table), with personal data as parameters.
        await db.execute(sql`insert into no_such_table (wallet, email, metadata) values (${wallet}, ${email}, ${metadata})`);
        return new Response(null);
      });
      status = response.status;
    });
    expect(status).toBe(500);
    expect(log).toContain("api.internal_error");
    expect(log).toContain("no_such_table");
    for (const value of [wallet, email, "secret-order-778"]) expect(log).not.toContain(value);
  });
});
