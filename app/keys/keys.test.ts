/** API keys at rest: prefixes, hashes, encryption of test secrets, no plaintext secret in the database. */
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKey, organization, project } from "~db/schema";
import { rowsOf } from "~db/client";
import { createTestDatabase, type TestDatabase } from "~test/database";
import { decryptSecret, sha256Hex } from "~/lib/crypto.server";
import { activePublishableKey, createApiKey, createDefaultKeys, generateKeyToken, KEY_PREFIX, listApiKeys, maskKey } from "./keys.server";

const TOKEN = /^(pk|sk)_(test|live)_[0-9A-Za-z]{43,}$/;

let database: TestDatabase;

async function newProject(name: string) {
  const orgId = `org_${crypto.randomBytes(6).toString("hex")}`;
  await database.db.insert(organization).values({ id: orgId, name, slug: orgId });
  const [created] = await database.db.insert(project).values({ organizationId: orgId, name }).returning();
  return created!.id;
}

/** Every column of every api_key row, read raw so nothing is hidden by the drizzle mapping. */
async function dumpApiKeys(): Promise<string> {
  const result = await database.db.execute(sql`select * from api_key`);
  return JSON.stringify(rowsOf(result));
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe("generateKeyToken / maskKey", () => {
  it("prefixes by kind and mode with ≥ 43 random base62 characters", () => {
    for (const kind of ["publishable", "secret"] as const) {
      for (const mode of ["test", "live"] as const) {
        const token = generateKeyToken(kind, mode);
        const prefix = `${kind === "publishable" ? "pk" : "sk"}_${mode}_`;
        expect(KEY_PREFIX[kind][mode]).toBe(prefix);
        expect(token.startsWith(prefix)).toBe(true);
        expect(token).toMatch(TOKEN);
        expect(token.length).toBeGreaterThanOrEqual(8 + 43);
      }
    }
    expect(generateKeyToken("secret", "test")).not.toBe(generateKeyToken("secret", "test"));
  });

  it("masks with the prefix and the last four characters", () => {
    expect(maskKey("secret", "live", "a1B2")).toBe("sk_live_…a1B2");
    expect(maskKey("publishable", "test", "zzzz")).toBe("pk_test_…zzzz");
  });
});

describe("createDefaultKeys", () => {
  let projectId: string;
  let rows: (typeof apiKey.$inferSelect)[];

  beforeAll(async () => {
    projectId = await newProject("Defaults");
    await createDefaultKeys(database.db, projectId, null);
    rows = await database.db.select().from(apiKey).where(eq(apiKey.projectId, projectId));
  });

  it("makes one publishable and one secret key per mode", () => {
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => `${r.kind}/${r.mode}`).sort()).toEqual(["publishable/live", "publishable/test", "secret/live", "secret/test"]);
    for (const row of rows) {
      expect(row.revokedAt).toBeNull();
      expect(row.expiresAt).toBeNull();
      expect(row.label).toBe("Default");
      expect(row.id).toMatch(/^key_/);
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.lastFour).toHaveLength(4);
    }
    expect(new Set(rows.map((r) => r.tokenHash)).size).toBe(4);
  });

  it("stores publishable keys in plaintext with the right prefix, hashed and last-four'd", () => {
    for (const row of rows.filter((r) => r.kind === "publishable")) {
      const token = row.publishableToken!;
      expect(token.startsWith(`pk_${row.mode}_`)).toBe(true);
      expect(token).toMatch(TOKEN);
      expect(token.length).toBeGreaterThanOrEqual(8 + 43);
      expect(row.tokenHash).toBe(sha256Hex(token));
      expect(row.lastFour).toBe(token.slice(-4));
      expect(row.secretCiphertext).toBeNull();
    }
  });

  it("keeps the test secret key only encrypted; it decrypts to a token that hashes to tokenHash", async () => {
    const testSecret = rows.find((r) => r.kind === "secret" && r.mode === "test")!;
    expect(testSecret.publishableToken).toBeNull();
    expect(testSecret.secretCiphertext).toBeTruthy();
    const token = decryptSecret(testSecret.secretCiphertext!);
    expect(token.startsWith("sk_test_")).toBe(true);
    expect(token).toMatch(TOKEN);
    expect(token.length).toBeGreaterThanOrEqual(8 + 43);
    expect(testSecret.tokenHash).toBe(sha256Hex(token));
    expect(testSecret.lastFour).toBe(token.slice(-4));
    expect(testSecret.secretCiphertext).not.toContain(token);
    // The plaintext is nowhere in the table.
    expect(await dumpApiKeys()).not.toContain(token);
    expect(await dumpApiKeys()).not.toContain(token.slice(8));
  });

  it("keeps nothing recoverable of the live secret key", () => {
    const liveSecret = rows.find((r) => r.kind === "secret" && r.mode === "live")!;
    expect(liveSecret.secretCiphertext).toBeNull();
    expect(liveSecret.publishableToken).toBeNull();
  });

  it("exposes the active publishable key per mode", async () => {
    const test = await activePublishableKey(database.db, projectId, "test");
    const live = await activePublishableKey(database.db, projectId, "live");
    expect(test).toBe(rows.find((r) => r.kind === "publishable" && r.mode === "test")!.publishableToken);
    expect(live).toBe(rows.find((r) => r.kind === "publishable" && r.mode === "live")!.publishableToken);
    expect(await activePublishableKey(database.db, crypto.randomUUID(), "test")).toBeNull();
  });

  it("lists keys per project and mode only", async () => {
    const other = await newProject("Other");
    await createDefaultKeys(database.db, other, null);
    const listed = await listApiKeys(database.db, projectId, "live");
    expect(listed).toHaveLength(2);
    expect(listed.every((k) => k.projectId === projectId && k.mode === "live")).toBe(true);
  });
});

describe("createApiKey", () => {
  it("never stores a secret key's plaintext, and hashes every token", async () => {
    const projectId = await newProject("Secrets");
    const created = [];
    for (const mode of ["test", "live"] as const) {
      for (const kind of ["publishable", "secret"] as const) {
        created.push({ kind, mode, ...(await createApiKey(database.db, { projectId, mode, kind, label: `${kind} ${mode}` })) });
      }
    }
    const dump = await dumpApiKeys();
    for (const { kind, mode, token, record } of created) {
      expect(token.startsWith(KEY_PREFIX[kind][mode])).toBe(true);
      expect(token.length).toBeGreaterThanOrEqual(8 + 43);
      expect(record.tokenHash).toBe(sha256Hex(token));
      expect(record.lastFour).toBe(token.slice(-4));
      if (kind === "secret") {
        expect(dump, `${kind}/${mode} plaintext in api_key`).not.toContain(token);
        expect(dump).not.toContain(token.slice(KEY_PREFIX[kind][mode].length));
      } else {
        // Publishable keys are public by design and kept as they are.
        expect(dump).toContain(token);
        expect(record.publishableToken).toBe(token);
      }
    }
    const liveSecret = created.find((c) => c.kind === "secret" && c.mode === "live")!;
    expect(liveSecret.record.secretCiphertext).toBeNull();
    const testSecret = created.find((c) => c.kind === "secret" && c.mode === "test")!;
    expect(decryptSecret(testSecret.record.secretCiphertext!)).toBe(testSecret.token);
  });

  it("records who created a key and what it was rolled from", async () => {
    const projectId = await newProject("Rolled");
    const first = await createApiKey(database.db, { projectId, mode: "test", kind: "secret" });
    const second = await createApiKey(database.db, { projectId, mode: "test", kind: "secret", rolledFromKeyId: first.record.id });
    expect(second.record.rolledFromKeyId).toBe(first.record.id);
    expect(second.token).not.toBe(first.token);
    expect(second.record.createdByUserId).toBeNull();
  });

  it("rejects a duplicate token hash (the lookup column is unique)", async () => {
    const projectId = await newProject("Unique");
    const { record } = await createApiKey(database.db, { projectId, mode: "test", kind: "publishable" });
    await expect(database.db.insert(apiKey).values({ ...record, id: `key_${crypto.randomBytes(8).toString("hex")}` })).rejects.toThrow();
  });
});
