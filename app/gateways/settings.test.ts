/**
 * Gateway settings per project and mode: enable, order, live credentials encrypted and
 * write-only, every change audited without secrets, other projects untouched.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, gatewaySetting } from "~db/schema";
import { rowsOf } from "~db/client";
import type { Mode } from "~db/schema/types";
import { insertProject, projectContext, type ProjectIds } from "~test/contexts";
import { createTestDatabase, type TestDatabase } from "~test/database";
import type { ProjectContext } from "~/lib/context";
import { decryptSecret } from "~/lib/crypto.server";
import { DomainError } from "~/lib/domain-error";
import { GATEWAYS } from "./catalogue";
import {
  clearLiveCredentials,
  enableDefaultGateways,
  listEnabledGateways,
  listGatewaySettings,
  moveGateway,
  readCredentialsForGateway,
  reorderGateways,
  setGatewayEnabled,
  setLiveCredentials,
} from "./settings.server";

let database: TestDatabase;

const CATALOGUE_ORDER = GATEWAYS.map((g) => g.id);
// Distinctive values, so a search of a raw row or the audit log can't miss them.
const API_KEY = "pk_banxa_live_Zq81xUoVbT3mW7aP";
const API_SECRET = "sec_banxa_live_9dLk2QnRr5vXy0HsJf";

function newProject(name: string) {
  return insertProject(database.db, name);
}

function contextFor(ids: ProjectIds, mode: Mode): ProjectContext {
  return projectContext(database.db, ids, mode, "admin", "203.0.113.7");
}

/** Every column of every row, read raw so nothing is hidden by the drizzle mapping. */
async function dumpTable(table: "gateway_setting" | "audit_log"): Promise<string> {
  return JSON.stringify(rowsOf(await database.db.execute(sql.raw(`select * from ${table}`))));
}

function order(list: { gatewayId: string }[]) {
  return list.map((g) => g.gatewayId);
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe("listGatewaySettings", () => {
  it("treats missing rows as disabled, in catalogue order, without credentials", async () => {
    const ctx = contextFor(await newProject("Fresh"), "test");
    const list = await listGatewaySettings(ctx);
    expect(order(list)).toEqual(CATALOGUE_ORDER);
    expect(list.map((g) => g.priority)).toEqual(CATALOGUE_ORDER.map((_, i) => i + 1));
    for (const g of list) {
      expect(g.enabled).toBe(false);
      expect(g.hasCredentials).toBe(false);
      expect(g.credentialsHint).toBeNull();
    }
    expect(await listEnabledGateways(database.db, ctx.projectId, "test")).toEqual([]);
  });
});

describe("enable, disable and reorder", () => {
  it("keeps test and live mode independent", async () => {
    const ids = await newProject("Modes");
    const test = contextFor(ids, "test");
    const live = contextFor(ids, "live");

    await setGatewayEnabled(test, "moonpay", true);
    await setGatewayEnabled(test, "transak", true);
    await moveGateway(test, "mercuryo", "up");
    await moveGateway(test, "mercuryo", "up");

    const testList = await listGatewaySettings(test);
    expect(order(testList)).toEqual(["banxa", "mercuryo", "moonpay", "transak"]);
    expect(testList.filter((g) => g.enabled).map((g) => g.gatewayId)).toEqual(["moonpay", "transak"]);
    expect((await listEnabledGateways(database.db, ids.projectId, "test")).map((g) => g.id)).toEqual(["moonpay", "transak"]);

    // Live mode saw none of it.
    const liveList = await listGatewaySettings(live);
    expect(order(liveList)).toEqual(CATALOGUE_ORDER);
    expect(liveList.every((g) => !g.enabled)).toBe(true);

    await reorderGateways(live, ["transak", "banxa", "moonpay", "mercuryo"]);
    expect(order(await listGatewaySettings(live))).toEqual(["transak", "banxa", "moonpay", "mercuryo"]);
    expect(order(await listGatewaySettings(test))).toEqual(["banxa", "mercuryo", "moonpay", "transak"]);

    await setGatewayEnabled(test, "moonpay", false);
    expect((await listEnabledGateways(database.db, ids.projectId, "test")).map((g) => g.id)).toEqual(["transak"]);

    // Every catalogue gateway now has a row per touched mode, with dense priorities.
    const rows = await database.db.select().from(gatewaySetting).where(eq(gatewaySetting.projectId, ids.projectId));
    for (const mode of ["test", "live"] as const) {
      expect(
        rows
          .filter((r) => r.mode === mode)
          .map((r) => r.priority)
          .sort(),
      ).toEqual([0, 1, 2, 3]);
    }
  });

  it("orders enabled gateways by priority for quotes", async () => {
    const ids = await newProject("Priority");
    const ctx = contextFor(ids, "test");
    for (const id of CATALOGUE_ORDER) await setGatewayEnabled(ctx, id, true);
    await reorderGateways(ctx, ["mercuryo", "transak", "moonpay", "banxa"]);
    expect((await listEnabledGateways(database.db, ids.projectId, "test")).map((g) => g.id)).toEqual(["mercuryo", "transak", "moonpay", "banxa"]);
  });

  it("moves within bounds and ignores a move past either end", async () => {
    const ctx = contextFor(await newProject("Bounds"), "test");
    await moveGateway(ctx, "banxa", "up");
    await moveGateway(ctx, "mercuryo", "down");
    expect(order(await listGatewaySettings(ctx))).toEqual(CATALOGUE_ORDER);
    await moveGateway(ctx, "banxa", "down");
    expect(order(await listGatewaySettings(ctx))).toEqual(["moonpay", "banxa", "transak", "mercuryo"]);
  });

  it("refuses unknown gateways and incomplete orders with a readable message", async () => {
    const ctx = contextFor(await newProject("Invalid"), "test");
    await expect(setGatewayEnabled(ctx, "coinbase", true)).rejects.toThrow(/no gateway “coinbase”/);
    await expect(setGatewayEnabled(ctx, "coinbase", true)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reorderGateways(ctx, ["banxa", "moonpay"])).rejects.toThrow(/missing: transak, mercuryo/);
    await expect(reorderGateways(ctx, ["banxa", "moonpay"])).rejects.toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "order" }] });
    await expect(reorderGateways(ctx, ["banxa", "banxa", "transak", "mercuryo"])).rejects.toThrow(/only once/);
    await expect(reorderGateways(ctx, ["banxa", "moonpay", "transak", "mercuryo", "coinbase"])).rejects.toThrow(/Unknown gateway: coinbase/);
    await expect(moveGateway(ctx, "nope", "up")).rejects.toBeInstanceOf(DomainError);
    await expect(moveGateway(ctx, "nope", "up")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("live credentials", () => {
  let ids: { organizationId: string; projectId: string };
  let live: ProjectContext;

  beforeAll(async () => {
    ids = await newProject("Credentials");
    live = contextFor(ids, "live");
  });

  it("refuses to enable a live gateway without credentials, but test mode needs none", async () => {
    await expect(setGatewayEnabled(live, "banxa", true)).rejects.toThrow(/Add your live Banxa credentials before enabling it/);
    await expect(setGatewayEnabled(live, "banxa", true)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect((await listGatewaySettings(live)).find((g) => g.gatewayId === "banxa")!.enabled).toBe(false);
    await setGatewayEnabled(contextFor(ids, "test"), "banxa", true);
    await expect(setLiveCredentials(contextFor(ids, "test"), "banxa", { apiKey: API_KEY, apiSecret: API_SECRET })).rejects.toThrow(/only used in live mode/);
    await expect(clearLiveCredentials(contextFor(ids, "test"), "banxa")).rejects.toThrow(/only used in live mode/);
    await expect(clearLiveCredentials(contextFor(ids, "test"), "banxa")).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("validates what was pasted", async () => {
    await expect(setLiveCredentials(live, "banxa", { partner: "acme", apiKey: "short", apiSecret: API_SECRET })).rejects.toMatchObject({
      code: "VALIDATION_ERROR",
      details: [{ field: "apiKey", message: expect.stringMatching(/too short/) }],
      message: expect.stringMatching(/too short/),
    });
    await expect(setLiveCredentials(live, "banxa", { partner: "acme", apiKey: API_KEY, apiSecret: "two words here" })).rejects.toMatchObject({
      details: [{ field: "apiSecret" }],
    });
  });

  it("stores them encrypted, returns only a hint, and decrypts them for the adapter", async () => {
    const result = await setLiveCredentials(live, "banxa", { partner: "acme", apiKey: ` ${API_KEY} `, apiSecret: API_SECRET });
    expect(result).toEqual({ hint: `…${API_KEY.slice(-4)}`, replaced: false });

    const [row] = await database.db
      .select()
      .from(gatewaySetting)
      .where(and(eq(gatewaySetting.projectId, ids.projectId), eq(gatewaySetting.mode, "live"), eq(gatewaySetting.gatewayId, "banxa")));
    expect(row!.credentialsCiphertext).toMatch(/^v1\./);
    expect(row!.credentialsHint).toBe(`…${API_KEY.slice(-4)}`);
    expect(JSON.parse(decryptSecret(row!.credentialsCiphertext!))).toEqual({ partner: "acme", apiKey: API_KEY, apiSecret: API_SECRET });

    const raw = await dumpTable("gateway_setting");
    expect(raw).not.toContain(API_KEY);
    expect(raw).not.toContain(API_SECRET);
    expect(raw).not.toContain(API_KEY.slice(0, 12));
    expect(raw).not.toContain(API_SECRET.slice(-12));

    expect(await readCredentialsForGateway(database.db, ids.projectId, "banxa")).toEqual({ partner: "acme", apiKey: API_KEY, apiSecret: API_SECRET });
    expect(await readCredentialsForGateway(database.db, ids.projectId, "moonpay")).toBeNull();
  });

  it("never returns them from listGatewaySettings", async () => {
    const list = await listGatewaySettings(live);
    const banxa = list.find((g) => g.gatewayId === "banxa")!;
    expect(banxa.hasCredentials).toBe(true);
    expect(banxa.credentialsHint).toBe(`…${API_KEY.slice(-4)}`);
    expect(Object.keys(banxa).sort()).toEqual([
      "callbackSecretHint",
      "connection",
      "credentialsHint",
      "enabled",
      "gatewayId",
      "hasCredentials",
      "lastCheckedAt",
      "lastError",
      "name",
      "priority",
      "updatedAt",
    ]);
    // Saved but never tested: not connected yet.
    expect(banxa.connection).toBe("not_connected");
    const text = JSON.stringify(list);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(API_SECRET);
    expect(text).not.toContain("v1.");
  });

  it("enables with credentials, replaces them, and clearing disables the gateway", async () => {
    await setGatewayEnabled(live, "banxa", true);
    expect((await listEnabledGateways(database.db, ids.projectId, "live")).map((g) => g.id)).toEqual(["banxa"]);

    const replaced = await setLiveCredentials(live, "banxa", {
      partner: "acme",
      apiKey: "pk_banxa_live_second_k3Y9",
      apiSecret: "sec_banxa_live_second_value",
    });
    expect(replaced).toEqual({ hint: "…k3Y9", replaced: true });
    expect(await readCredentialsForGateway(database.db, ids.projectId, "banxa")).toEqual({
      partner: "acme",
      apiKey: "pk_banxa_live_second_k3Y9",
      apiSecret: "sec_banxa_live_second_value",
    });
    expect((await listGatewaySettings(live)).find((g) => g.gatewayId === "banxa")!.enabled).toBe(true);

    expect(await clearLiveCredentials(live, "banxa")).toEqual({ cleared: true, disabled: true });
    const banxa = (await listGatewaySettings(live)).find((g) => g.gatewayId === "banxa")!;
    expect(banxa).toMatchObject({ enabled: false, hasCredentials: false, credentialsHint: null });
    expect(await readCredentialsForGateway(database.db, ids.projectId, "banxa")).toBeNull();
    expect(await listEnabledGateways(database.db, ids.projectId, "live")).toEqual([]);
    // Twice is harmless.
    expect(await clearLiveCredentials(live, "banxa")).toEqual({ cleared: false, disabled: false });
    // Test mode kept its own state throughout.
    expect((await listEnabledGateways(database.db, ids.projectId, "test")).map((g) => g.id)).toEqual(["banxa"]);
  });

  it("audits every change with the mode, and never a secret", async () => {
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.projectId, ids.projectId)).orderBy(auditLog.createdAt, auditLog.id);
    const actions = entries.map((e) => `${e.action}:${e.details.mode}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        "gateway.enabled:test",
        "gateway.credentials_set:live",
        "gateway.enabled:live",
        "gateway.credentials_cleared:live",
        "gateway.disabled:live",
      ]),
    );
    expect(actions.filter((a) => a === "gateway.credentials_set:live")).toHaveLength(2);
    for (const e of entries) {
      expect(e.organizationId).toBe(ids.organizationId);
      expect(e.targetType).toBe("gateway");
      expect(e.targetId).toBe("banxa");
      expect(e.actorEmail).toBe("admin@example.com");
      expect(e.ipAddress).toBe("203.0.113.7");
    }
    const cleared = entries.find((e) => e.action === "gateway.credentials_cleared")!;
    expect(cleared.details).toEqual({ mode: "live", disabled: true });

    const raw = await dumpTable("audit_log");
    for (const secret of [API_KEY, API_SECRET, "pk_banxa_live_second_k3Y9", "sec_banxa_live_second_value"]) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).not.toContain('"v1.');
  });
});

describe("isolation and audit of ordering", () => {
  it("leaves another project's settings untouched", async () => {
    const mine = await newProject("Mine");
    const theirs = await newProject("Theirs");
    await enableDefaultGateways(database.db, theirs.projectId);
    const before = await database.db.select().from(gatewaySetting).where(eq(gatewaySetting.projectId, theirs.projectId));

    const ctx = contextFor(mine, "test");
    await setGatewayEnabled(ctx, "transak", true);
    await reorderGateways(ctx, ["mercuryo", "transak", "moonpay", "banxa"]);
    await setGatewayEnabled(ctx, "banxa", false);
    const live = contextFor(mine, "live");
    await setLiveCredentials(live, "banxa", { partner: "acme", apiKey: API_KEY, apiSecret: API_SECRET });
    await clearLiveCredentials(live, "banxa");

    const after = await database.db.select().from(gatewaySetting).where(eq(gatewaySetting.projectId, theirs.projectId));
    expect(after).toEqual(before);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.projectId, theirs.projectId))).toEqual([]);
  });

  it("audits a reorder with the old and new order, and a no-op not at all", async () => {
    const ids = await newProject("Reorder audit");
    const ctx = contextFor(ids, "live");
    await moveGateway(ctx, "transak", "up");
    await moveGateway(ctx, "banxa", "up"); // already first: nothing to record
    await setGatewayEnabled(ctx, "moonpay", false); // already disabled: nothing to record
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.projectId, ids.projectId));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "gateway.reordered",
      targetType: "gateway",
      targetId: "transak",
      details: { mode: "live", order: ["banxa", "transak", "moonpay", "mercuryo"], previousOrder: CATALOGUE_ORDER },
    });
  });
});

describe("enableDefaultGateways", () => {
  it("enables every catalogue gateway in test mode only, in catalogue order", async () => {
    const ids = await newProject("Defaults");
    await database.db.transaction(async (tx) => enableDefaultGateways(tx, ids.projectId));
    expect((await listEnabledGateways(database.db, ids.projectId, "test")).map((g) => g.id)).toEqual(CATALOGUE_ORDER);
    expect(await listEnabledGateways(database.db, ids.projectId, "live")).toEqual([]);
    const list = await listGatewaySettings(contextFor(ids, "test"));
    expect(order(list)).toEqual(CATALOGUE_ORDER);
    expect(list.every((g) => g.enabled && !g.hasCredentials)).toBe(true);
    const liveRows = await database.db
      .select()
      .from(gatewaySetting)
      .where(and(eq(gatewaySetting.projectId, ids.projectId), eq(gatewaySetting.mode, "live")));
    expect(liveRows).toEqual([]);

    // Called again (e.g. a retried creation) it keeps the partner's order and re-enables.
    await reorderGateways(contextFor(ids, "test"), ["mercuryo", "banxa", "moonpay", "transak"]);
    await setGatewayEnabled(contextFor(ids, "test"), "banxa", false);
    await enableDefaultGateways(database.db, ids.projectId);
    expect((await listEnabledGateways(database.db, ids.projectId, "test")).map((g) => g.id)).toEqual(["mercuryo", "banxa", "moonpay", "transak"]);
  });
});
