/** Restricted keys and key hygiene (IP allowlists, chosen expiry, warnings, last use) against a real database. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiKey, auditLog } from "~db/schema";
import { rowsOf } from "~db/client";
import { insertProject, projectContext, type ProjectIds } from "~test/contexts";
import { createTestDatabase, type TestDatabase } from "~test/database";
import type { Mode } from "~db/schema/types";
import { assertKeyPermission, authenticateApiKey, clearKeyCheckCache } from "./key-check.server";
import { createDefaultKeys } from "./keys.server";
import { createSecretKey, listKeysForConsole, revealTestSecretKey, rollApiKey, updateKeyAllowlist } from "./lifecycle.server";

let database: TestDatabase;

async function newProject(): Promise<ProjectIds> {
  const ids = await insertProject(database.db);
  await createDefaultKeys(database.db, ids.projectId, null);
  return ids;
}
const contextFor = (ids: ProjectIds, mode: Mode = "test") => projectContext(database.db, ids, mode);

async function audits(projectId: string, action: string) {
  return database.db
    .select({ details: auditLog.details, targetId: auditLog.targetId })
    .from(auditLog)
    .where(sql`${auditLog.projectId} = ${projectId} and ${auditLog.action} = ${action}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(() => clearKeyCheckCache());

describe("restricted keys", () => {
  it("are rk_ keys that carry their permissions, refused without one with the permission named", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids);
    const created = await createSecretKey(ctx, { label: "Reports", type: "restricted", permissions: ["sessions:read", "orders:read"] });
    expect(created.token).toMatch(/^rk_test_[0-9A-Za-z]{43}$/);
    const check = await authenticateApiKey(database.db, created.token);
    expect(check).toMatchObject({ ok: true, kind: "restricted", permissions: ["sessions:read", "orders:read"] });
    if (!check.ok) return;
    expect(() => assertKeyPermission(check, "sessions:read")).not.toThrow();
    let refusal: unknown;
    try {
      assertKeyPermission(check, "orders:refund");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS", status: 403, details: [{ field: "permission", message: "orders:refund" }] });
    expect((refusal as Error).message).toContain("orders:refund");
    // Secret keys hold every permission.
    const secret = await createSecretKey(ctx, { label: "All" });
    const secretCheck = await authenticateApiKey(database.db, secret.token);
    expect(secretCheck).toMatchObject({ ok: true, kind: "secret", permissions: null });
    if (secretCheck.ok) expect(() => assertKeyPermission(secretCheck, "orders:refund")).not.toThrow();
  });

  it("are revealable in test mode, shown once in live mode, listed with their permissions and audited", async () => {
    const ids = await newProject();
    const test = await createSecretKey(contextFor(ids), { label: "Test reader", type: "restricted", permissions: ["request_logs:read"] });
    expect(await revealTestSecretKey(contextFor(ids), test.id)).toBe(test.token);
    const live = await createSecretKey(contextFor(ids, "live"), { label: "Live reader", type: "restricted", permissions: ["sessions:read"] });
    expect(live.token).toMatch(/^rk_live_/);
    await expect(revealTestSecretKey(contextFor(ids, "live"), live.id)).rejects.toThrow("shown once");
    const dump = JSON.stringify(rowsOf(await database.db.execute(sql`select * from api_key where id = ${live.id}`)));
    expect(dump).not.toContain(live.token.slice(8));
    const listed = (await listKeysForConsole(contextFor(ids))).find((k) => k.id === test.id)!;
    expect(listed).toMatchObject({
      kind: "restricted",
      masked: expect.stringMatching(/^rk_test_…/),
      revealable: true,
      permissionSummary: "Request logs: read",
    });
    const [created] = await audits(ids.projectId, "api_key.created");
    expect(created!.details).toMatchObject({ kind: "restricted", permissions: ["request_logs:read"] });
    await expect(createSecretKey(contextFor(ids), { label: "Empty", type: "restricted", permissions: [] })).rejects.toThrow("at least one permission");
  });

  it("roll into a restricted key with the same permissions, allowlist and expiry date", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids);
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const old = await createSecretKey(ctx, { label: "Rolled", type: "restricted", permissions: ["sessions:write"], allowedIps: ["10.0.0.0/8"], expiresAt });
    const rolled = await rollApiKey(ctx, old.id, 3600);
    expect(rolled.token).toMatch(/^rk_test_/);
    const [row] = await database.db.select().from(apiKey).where(eq(apiKey.id, rolled.id));
    expect(row).toMatchObject({ kind: "restricted", permissions: ["sessions:write"], allowedIps: ["10.0.0.0/8"], expiresAt });
    // A key with a chosen expiry can be rolled; once rolled, not again.
    await expect(rollApiKey(ctx, old.id, 0)).rejects.toThrow("already rolled");
    expect((await listKeysForConsole(ctx)).find((k) => k.id === old.id)).toMatchObject({ status: "expiring", replacedBy: rolled.id });
  });
});

describe("IP allowlists", () => {
  it("let a key be used only from its ranges, IPv4 and IPv6", async () => {
    const ids = await newProject();
    const key = await createSecretKey(contextFor(ids), { label: "Office", allowedIps: ["203.0.113.0/24", "2001:db8::/32"] });
    const from = (clientIp: string | null) => authenticateApiKey(database.db, key.token, { clientIp });
    expect((await from("203.0.113.9")).ok).toBe(true);
    expect((await from("::ffff:203.0.113.9")).ok).toBe(true);
    expect((await from("2001:db8::5")).ok).toBe(true);
    for (const ip of ["127.0.0.1", "198.51.100.1", "::1", null]) {
      const refused = await from(ip);
      expect(refused, String(ip)).toMatchObject({ ok: false, status: 403, code: "IP_NOT_ALLOWED", identity: { keyId: key.id } });
    }
    expect(await from("127.0.0.1")).toMatchObject({ message: expect.stringContaining("127.0.0.1 is not on it") });
  });

  it("take effect at once on this instance when edited, even with a warm cache, and are audited", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids);
    const key = await createSecretKey(ctx, { label: "Edited" });
    const t0 = Date.now();
    expect((await authenticateApiKey(database.db, key.token, { now: t0, clientIp: "127.0.0.1" })).ok).toBe(true);
    await updateKeyAllowlist(ctx, key.id, ["10.0.0.0/8"]);
    // Same instant: the cached lookup was dropped by the change.
    expect(await authenticateApiKey(database.db, key.token, { now: t0, clientIp: "127.0.0.1" })).toMatchObject({ ok: false, code: "IP_NOT_ALLOWED" });
    expect((await authenticateApiKey(database.db, key.token, { now: t0, clientIp: "10.9.9.9" })).ok).toBe(true);
    await updateKeyAllowlist(ctx, key.id, []);
    expect((await authenticateApiKey(database.db, key.token, { now: t0, clientIp: "127.0.0.1" })).ok).toBe(true);
    const changes = await audits(ids.projectId, "api_key.allowlist_changed");
    expect(changes.map((c) => c.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ before: [], after: ["10.0.0.0/8"] }), expect.objectContaining({ before: ["10.0.0.0/8"], after: [] })]),
    );
    const [publishable] = (await listKeysForConsole(ctx)).filter((k) => k.kind === "publishable");
    await expect(updateKeyAllowlist(ctx, publishable!.id, ["10.0.0.0/8"])).rejects.toThrow("Publishable keys");
    await expect(updateKeyAllowlist(contextFor(await newProject()), key.id, [])).rejects.toThrow("doesn't exist");
  });
});

describe("expiry, warnings and last use", () => {
  it("refuses a key after the expiry date chosen at creation, and warns in the week before", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids);
    const soon = await createSecretKey(ctx, { label: "Soon", expiresAt: new Date(Date.now() + 3 * 86_400_000) });
    const later = await createSecretKey(ctx, { label: "Later", expiresAt: new Date(Date.now() + 60 * 86_400_000) });
    expect((await authenticateApiKey(database.db, soon.token, { cache: false })).ok).toBe(true);
    expect(await authenticateApiKey(database.db, soon.token, { cache: false, now: Date.now() + 4 * 86_400_000 })).toMatchObject({
      ok: false,
      code: "API_KEY_EXPIRED",
    });
    const listed = await listKeysForConsole(ctx);
    expect(listed.find((k) => k.id === soon.id)).toMatchObject({ status: "expiring", replacedBy: null });
    expect(listed.find((k) => k.id === later.id)).toMatchObject({ status: "active", expiresAt: expect.any(String) });
  });

  it("flags keys unused for 90 days (or never used since then)", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids);
    const idle = await createSecretKey(ctx, { label: "Idle" });
    const never = await createSecretKey(ctx, { label: "Never" });
    const fresh = await createSecretKey(ctx, { label: "Fresh" });
    const old = new Date(Date.now() - 91 * 86_400_000);
    await database.db.update(apiKey).set({ createdAt: old, lastUsedAt: old }).where(eq(apiKey.id, idle.id));
    await database.db.update(apiKey).set({ createdAt: old }).where(eq(apiKey.id, never.id));
    await database.db.update(apiKey).set({ createdAt: old, lastUsedAt: new Date() }).where(eq(apiKey.id, fresh.id));
    const listed = await listKeysForConsole(ctx);
    expect(listed.find((k) => k.id === idle.id)!.unused).toBe(true);
    expect(listed.find((k) => k.id === never.id)!.unused).toBe(true);
    expect(listed.find((k) => k.id === fresh.id)!.unused).toBe(false);
  });

  it("records the last-used IP with the last-used time", async () => {
    const ids = await newProject();
    const ctx = contextFor(ids);
    const key = await createSecretKey(ctx, { label: "Seen" });
    await authenticateApiKey(database.db, key.token, { clientIp: "2001:db8::7" });
    let listed: Awaited<ReturnType<typeof listKeysForConsole>>[number] | undefined;
    for (let i = 0; i < 50 && !listed?.lastUsedIp; i++) {
      await new Promise((r) => setTimeout(r, 20));
      listed = (await listKeysForConsole(ctx)).find((k) => k.id === key.id);
    }
    expect(listed).toMatchObject({ lastUsedIp: "2001:db8::7", lastUsedAt: expect.any(String) });
  });
});
