/**
 * Idempotency-Key leases: a key left "in progress" by a request whose process died is free
 * again once its lease runs out, and the retry runs the request once; while the lease holds,
 * a retry is told to wait (409 with Retry-After). The crash itself, on a real server, is in
 * test/idempotency-crash.test.ts.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkoutSession, idempotencyKey } from "../db/schema";
import { sha256Hex } from "../app/lib/crypto.server";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { call } from "./api-client";
import { insertApiProject, type TestKeys } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";

let database: TestDatabase;
let projectId = "";
let keys: TestKeys;

beforeAll(async () => {
  database = await createTestDatabase();
  const created = await insertApiProject(database.db, "Lease shop");
  projectId = created.ids.projectId;
  keys = created.keys;
});

afterAll(async () => {
  await database?.destroy();
});

/** The row a request leaves behind when its process dies after claiming the key. */
async function orphanedClaim(key: string, body: unknown, leaseExpiresAt: Date) {
  await database.db.insert(idempotencyKey).values({
    projectId,
    mode: "test",
    key,
    method: "POST",
    path: "/v1/sessions",
    requestHash: sha256Hex(`POST /v1/sessions\n${JSON.stringify(body)}`),
    leaseToken: "dead-process",
    leaseExpiresAt,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
}

const create = (key: string, body: unknown) => call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body, headers: { "Idempotency-Key": key } });

describe("Idempotency-Key leases", () => {
  it("runs a request again, once, when the request holding its key died and the lease ran out", async () => {
    const body = { externalCustomerId: "lease-1" };
    await orphanedClaim("orphan-1", body, new Date(Date.now() - 1000));
    const retried = await create("orphan-1", body);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.body.attributes.clientSecret).toMatch(/^sess_secret_/);
    const again = await create("orphan-1", body);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.body).toEqual(retried.body);
    const sessions = await database.db
      .select()
      .from(checkoutSession)
      .where(and(eq(checkoutSession.projectId, projectId), eq(checkoutSession.externalCustomerId, "lease-1")));
    expect(sessions).toHaveLength(1);
  });

  it("tells a retry to wait while the lease holds", async () => {
    const body = { externalCustomerId: "lease-2" };
    await orphanedClaim("orphan-2", body, new Date(Date.now() + 20_000));
    const retried = await create("orphan-2", body);
    expect(retried.status).toBe(409);
    expect(retried.body.error.code).toBe("IDEMPOTENCY_KEY_IN_USE");
    // Most likely the first request is about to answer: retry in a second, not at the lease's end.
    expect(retried.headers.get("Retry-After")).toBe("1");
  });

  it("still refuses the same key with another body, even once the lease ran out", async () => {
    await orphanedClaim("orphan-3", { externalCustomerId: "lease-3" }, new Date(Date.now() - 1000));
    const other = await create("orphan-3", { externalCustomerId: "someone-else" });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("stores the answer encrypted, and releases the lease once answered", async () => {
    const created = await create("stored-1", { externalCustomerId: "lease-4" });
    expect(created.status).toBe(201);
    const [row] = await database.db
      .select()
      .from(idempotencyKey)
      .where(and(eq(idempotencyKey.projectId, projectId), eq(idempotencyKey.key, "stored-1")));
    expect(row).toMatchObject({ responseStatus: 201, leaseToken: null, leaseExpiresAt: null });
    expect(row!.responseCiphertext).toMatch(/^v1\./);
    expect(row!.responseCiphertext).not.toContain(created.body.id);
  });

  it("replays a refusal (a 4xx answer) like any other answer", async () => {
    // An unknown customerId: the 400 is stored, and a retry gets the same answer.
    const refused = await create("refused-1", { customerId: "cust_nope" });
    expect(refused.status).toBe(400);
    const replayed = await create("refused-1", { customerId: "cust_nope" });
    expect(replayed.body).toEqual(refused.body);
    expect(replayed.headers.get("Idempotent-Replayed")).toBe("true");
  });
});
