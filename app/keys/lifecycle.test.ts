/** Key lifecycle as the console drives it, and the API's key check, against a real database. */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiKey, auditLog, project } from "~db/schema";
import { openDatabase, rowsOf } from "~db/client";
import { insertProject, projectContext, type ProjectIds } from "~test/contexts";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "~test/database";
import type { ProjectContext } from "~/lib/context";
import type { Mode } from "~db/schema/types";
import { announceKeyChange, authenticateApiKey, clearKeyCheckCache, KEY_CACHE_TTL_MS, listenForKeyChanges } from "./key-check.server";
import { createDefaultKeys } from "./keys.server";
import { createSecretKey, listKeysForConsole, revealTestSecretKey, revokeApiKey, rollApiKey } from "./lifecycle.server";
import { DomainError } from "~/lib/domain-error";
import { archiveProject } from "~/projects/projects.server";

let database: TestDatabase;

async function newProject(): Promise<ProjectIds> {
  const ids = await insertProject(database.db);
  await createDefaultKeys(database.db, ids.projectId, null);
  return ids;
}

function contextFor(ids: ProjectIds, mode: Mode): ProjectContext {
  return projectContext(database.db, ids, mode);
}

async function auditActions(projectId: string) {
  const rows = await database.db
    .select({ action: auditLog.action, details: auditLog.details, ip: auditLog.ipAddress })
    .from(auditLog)
    .where(eq(auditLog.projectId, projectId));
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(() => clearKeyCheckCache());

describe("creating and revealing secret keys", () => {
  it("creates a labelled test key that the key check accepts and that can be revealed again", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids, "test");
    const created = await createSecretKey(ctx, { label: "Checkout backend" });
    expect(created.token).toMatch(/^sk_test_[0-9A-Za-z]{43}$/);
    const check = await authenticateApiKey(database.db, created.token);
    expect(check).toMatchObject({ ok: true, kind: "secret", mode: "test", projectId: ids.projectId, organizationId: ids.organizationId });
    expect(await revealTestSecretKey(ctx, created.id)).toBe(created.token);
    const listed = (await listKeysForConsole(ctx)).find((k) => k.id === created.id)!;
    expect(listed).toMatchObject({ label: "Checkout backend", status: "active", revealable: true, publishableToken: null });
    expect(JSON.stringify(await listKeysForConsole(ctx))).not.toContain(created.token);
    const actions = (await auditActions(ids.projectId)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["api_key.created", "api_key.revealed"]));
  });

  it("never stores a live secret key in a readable form and refuses to reveal it", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids, "live");
    const created = await createSecretKey(ctx, { label: "Prod" });
    expect(created.token).toMatch(/^sk_live_/);
    const dump = JSON.stringify(rowsOf(await database.db.execute(sql`select * from api_key where id = ${created.id}`)));
    expect(dump).not.toContain(created.token);
    expect(dump).not.toContain(created.token.slice(8, 30));
    await expect(revealTestSecretKey(ctx, created.id)).rejects.toThrow(DomainError);
  });

  it("does not find another project's key, nor the same project's key in the other mode", async () => {
    const a = await newProject();
    const b = await newProject();
    const keyOfA = await createSecretKey(contextFor(a, "test"), { label: "A" });
    await expect(revealTestSecretKey(contextFor(b, "test"), keyOfA.id)).rejects.toThrow("doesn't exist");
    await expect(revokeApiKey(contextFor(b, "test"), keyOfA.id)).rejects.toThrow("doesn't exist");
    await expect(rollApiKey(contextFor(a, "live"), keyOfA.id, 0)).rejects.toThrow("doesn't exist");
    expect((await authenticateApiKey(database.db, keyOfA.token)).ok).toBe(true);
  });
});

describe("rolling", () => {
  it("keeps the old key working through the grace period, then answers API_KEY_EXPIRED", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids, "test");
    const old = await createSecretKey(ctx, { label: "Rolling" });
    const rolled = await rollApiKey(ctx, old.id, 3600);
    expect(rolled.token).not.toBe(old.token);
    const now = Date.now();
    expect((await authenticateApiKey(database.db, old.token, { cache: false, now })).ok).toBe(true);
    expect((await authenticateApiKey(database.db, rolled.token, { cache: false, now })).ok).toBe(true);
    const later = await authenticateApiKey(database.db, old.token, { cache: false, now: now + 3601_000 });
    expect(later).toMatchObject({ ok: false, code: "API_KEY_EXPIRED", status: 401 });
    expect((await authenticateApiKey(database.db, rolled.token, { cache: false, now: now + 3601_000 })).ok).toBe(true);
    const [row] = await database.db.select().from(apiKey).where(eq(apiKey.id, rolled.id));
    expect(row!.rolledFromKeyId).toBe(old.id);
    expect(row!.label).toBe("Rolling");
    await expect(rollApiKey(ctx, old.id, 0)).rejects.toThrow("already rolled");
    const listed = await listKeysForConsole(ctx);
    expect(listed.find((k) => k.id === old.id)!.status).toBe("expiring");
  });

  it("with no grace the old key stops at once; publishable keys roll too", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids, "test");
    const [publishable] = await database.db
      .select()
      .from(apiKey)
      .where(and(eq(apiKey.projectId, ids.projectId), eq(apiKey.mode, "test"), eq(apiKey.kind, "publishable")));
    const rolled = await rollApiKey(ctx, publishable!.id, 0);
    expect(rolled.token).toMatch(/^pk_test_/);
    expect(await authenticateApiKey(database.db, publishable!.publishableToken!, { cache: false })).toMatchObject({ ok: false, code: "API_KEY_EXPIRED" });
    const audit = (await auditActions(ids.projectId)).find((a) => a.action === "api_key.rolled")!;
    expect(audit.details).toMatchObject({ newKeyId: rolled.id, mode: "test" });
    expect(audit.ip).toBe("203.0.113.9");
    expect(JSON.stringify(audit.details)).not.toContain(rolled.token);
  });
});

describe("revoking and the key check", () => {
  it("refuses a revoked key: at once without the cache, within the cache time on a warm instance", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids, "test");
    const key = await createSecretKey(ctx, { label: "Soon revoked" });
    const t0 = Date.now();
    expect((await authenticateApiKey(database.db, key.token, { now: t0 })).ok).toBe(true);
    await revokeApiKey(ctx, key.id);
    // A cold instance (no cache) refuses immediately.
    expect(await authenticateApiKey(database.db, key.token, { cache: false })).toMatchObject({ ok: false, code: "INVALID_API_KEY" });
    // A warm instance refuses once its 5-second entry has lapsed.
    expect(await authenticateApiKey(database.db, key.token, { now: t0 + KEY_CACHE_TTL_MS + 1 })).toMatchObject({ ok: false, code: "INVALID_API_KEY" });
    await expect(revokeApiKey(ctx, key.id)).rejects.toThrow("already revoked");
  });

  it("refuses a key revoked, rolled (no grace) or archived on this instance at once, even with a warm cache", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids, "test");
    const revoked = await createSecretKey(ctx, { label: "Revoked here" });
    const rolled = await createSecretKey(ctx, { label: "Rolled here" });
    // Warm this instance's cache for both keys.
    expect((await authenticateApiKey(database.db, revoked.token)).ok).toBe(true);
    expect((await authenticateApiKey(database.db, rolled.token)).ok).toBe(true);
    await revokeApiKey(ctx, revoked.id);
    expect(await authenticateApiKey(database.db, revoked.token)).toMatchObject({ ok: false, code: "INVALID_API_KEY" });
    const replacement = await rollApiKey(ctx, rolled.id, 0);
    expect(await authenticateApiKey(database.db, rolled.token)).toMatchObject({ ok: false, code: "API_KEY_EXPIRED" });
    expect((await authenticateApiKey(database.db, replacement.token)).ok).toBe(true);
    await archiveProject(ctx);
    expect(await authenticateApiKey(database.db, replacement.token)).toMatchObject({ ok: false, code: "PROJECT_ARCHIVED" });
  });

  it.skipIf(TEST_DRIVER !== "postgres")("refuses a key revoked on another instance at once, through LISTEN/NOTIFY (PostgreSQL)", async () => {
    const ids = await newProject();
    const key = await createSecretKey(contextFor(ids, "test"), { label: "Revoked elsewhere" });
    const stopListening = await listenForKeyChanges(database);
    const elsewhere = await openDatabase({ databaseUrl: database.url, migrate: false, maxConnections: 1 });
    try {
      const t0 = Date.now();
      expect((await authenticateApiKey(database.db, key.token, { now: t0 })).ok).toBe(true);
      // Another instance revokes it: its own connection, its own (here: no) cache.
      await elsewhere.db.transaction(async (tx) => {
        await tx.update(apiKey).set({ revokedAt: new Date() }).where(eq(apiKey.id, key.id));
        await announceKeyChange(tx, { keyId: key.id });
      });
      // At the same instant for this instance's cache (t0): only the notification can make it refuse.
      const deadline = Date.now() + 2_000;
      while ((await authenticateApiKey(database.db, key.token, { now: t0 })).ok && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await authenticateApiKey(database.db, key.token, { now: t0 })).toMatchObject({ ok: false, code: "INVALID_API_KEY" });
    } finally {
      await stopListening();
      await elsewhere.close();
    }
  });

  it("answers missing, malformed and unknown keys without telling them apart beyond MISSING", async () => {
    expect(await authenticateApiKey(database.db, null)).toMatchObject({ ok: false, code: "MISSING_API_KEY", status: 401 });
    expect(await authenticateApiKey(database.db, "sk_test_short")).toMatchObject({ ok: false, code: "INVALID_API_KEY" });
    expect(await authenticateApiKey(database.db, `sk_test_${"A".repeat(43)}`)).toMatchObject({ ok: false, code: "INVALID_API_KEY" });
  });

  it("refuses keys of an archived project with PROJECT_ARCHIVED", async () => {
    const ids = await newProject();
    const key = await createSecretKey(contextFor(ids, "test"), { label: "Archived" });
    await database.db.update(project).set({ archivedAt: new Date() }).where(eq(project.id, ids.projectId));
    expect(await authenticateApiKey(database.db, key.token, { cache: false })).toMatchObject({ ok: false, code: "PROJECT_ARCHIVED", status: 403 });
  });

  it("records last use without writing on every request", async () => {
    const ids = await newProject();
    const key = await createSecretKey(contextFor(ids, "test"), { label: "Busy" });
    for (let i = 0; i < 20; i++) await authenticateApiKey(database.db, key.token);
    // The write is off the request path: give it a moment.
    let lastUsedAt: Date | null = null;
    for (let i = 0; i < 50 && !lastUsedAt; i++) {
      await new Promise((r) => setTimeout(r, 20));
      [{ lastUsedAt }] = (await database.db.select({ lastUsedAt: apiKey.lastUsedAt }).from(apiKey).where(eq(apiKey.id, key.id))) as [
        { lastUsedAt: Date | null },
      ];
    }
    expect(lastUsedAt).toBeInstanceOf(Date);
    const first = lastUsedAt!.getTime();
    for (let i = 0; i < 5; i++) await authenticateApiKey(database.db, key.token);
    await new Promise((r) => setTimeout(r, 100));
    const [after] = await database.db.select({ lastUsedAt: apiKey.lastUsedAt }).from(apiKey).where(eq(apiKey.id, key.id));
    expect(after!.lastUsedAt!.getTime()).toBe(first);
  });
});
