/**
 * No secret is stored in plaintext: after creating every kind of secret the console
 * handles, read every column of every table and look for each plaintext.
 */
import { eq, sql } from "drizzle-orm";
import { project } from "../db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../db/client";
import { setCallbackSecret, setLiveCredentials } from "../app/gateways/settings.server";
import { createSecretKey } from "../app/keys/lifecycle.server";
import { requireOrganization } from "../app/lib/permissions.server";
import { createProject } from "../app/projects/projects.server";
import { createTestDatabase, type TestDatabase } from "./database";
import { createOrg, PASSWORD, requestFor, signUp } from "./users";
import { call } from "./api-client";
import { createEndpoint, rollSecret } from "../app/webhooks/endpoints.server";
import { action as webhookEndpointsApi } from "../app/routes/v1.webhook_endpoints";
import { action as createSessionRoute } from "../app/routes/v1.sessions";

let database: TestDatabase;
const secrets: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const owner = await signUp("secret-keeper");
  await createOrg(owner, "Vault Org");
  const orgCtx = await requireOrganization(requestFor(owner));
  const created = await createProject(orgCtx, { name: "Vault" });
  const test = { ...orgCtx, projectId: created.project.id, mode: "test" as const };
  const live = { ...orgCtx, projectId: created.project.id, mode: "live" as const };
  secrets["default live secret key"] = created.liveSecretKey;
  secrets["created test secret key"] = (await createSecretKey(test, { label: "t" })).token;
  secrets["created live secret key"] = (await createSecretKey(live, { label: "l" })).token;
  secrets["gateway api key"] = "gw_live_apikey_0123456789abcdef";
  secrets["gateway api secret"] = "gw_live_secret_fedcba9876543210";
  await setLiveCredentials(live, "banxa", { partner: "vault", apiKey: secrets["gateway api key"]!, apiSecret: secrets["gateway api secret"]! });
  secrets["gateway callback secret"] = "gw_live_callback_secret_5a5a5a5a5a";
  await setCallbackSecret(live, "banxa", secrets["gateway callback secret"]!);
  secrets["account password"] = PASSWORD;
  // Its live key is used below: the project has gone live (live keys are refused before).
  await database.db.update(project).set({ defaultMode: "live" }).where(eq(project.id, created.project.id));
  // Webhook signing secrets: created in the console, rolled (the old one kept for its grace
  // period), and created through the API with an Idempotency-Key (whose stored answer must not hold it).
  const endpoint = await createEndpoint(live, { url: "https://93.184.216.34/hooks", enabledEvents: ["*"] });
  secrets["webhook signing secret (rolled away)"] = endpoint.secret;
  secrets["webhook signing secret (rolled)"] = (await rollSecret(live, endpoint.endpoint.id, 24)).secret;
  const viaApi = await call(webhookEndpointsApi, {
    path: "/v1/webhook_endpoints",
    key: created.liveSecretKey,
    body: { url: "https://93.184.216.34/other" },
    headers: { "Idempotency-Key": "vault-1" },
  });
  expect(viaApi.status, JSON.stringify(viaApi.body)).toBe(201);
  secrets["webhook signing secret (API)"] = viaApi.body.attributes.secret;
  // A session's clientSecret is in its 201 answer only: the answer an Idempotency-Key keeps must not show it.
  const session = await call(createSessionRoute, {
    path: "/v1/sessions",
    key: created.liveSecretKey,
    body: { externalCustomerId: "vault-customer", metadata: { note: "kept for replays" } },
    headers: { "Idempotency-Key": "vault-session-1" },
  });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  secrets["session clientSecret (Idempotency-Key)"] = session.body.attributes.clientSecret;
});

afterAll(async () => {
  await database?.destroy();
});

describe("secrets at rest", () => {
  it("appear in no column of any table", async () => {
    const tables = rowsOf<{ table_name: string }>(
      await database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
    ).map((t) => t.table_name);
    expect(tables).toEqual(expect.arrayContaining(["api_key", "gateway_setting", "account", "audit_log", "webhook_endpoint", "idempotency_key"]));
    let dump = "";
    for (const table of tables) {
      // bytea and jsonb render as text too, so nothing escapes the search.
      dump += JSON.stringify(rowsOf(await database.db.execute(sql.raw(`select * from "${table}"`))));
    }
    expect(dump.length).toBeGreaterThan(1000);
    for (const [name, plaintext] of Object.entries(secrets)) {
      expect(dump.includes(plaintext), `${name} found in plaintext`).toBe(false);
      // Not even the secret part of a key without its prefix.
      if (plaintext.startsWith("sk_")) expect(dump.includes(plaintext.slice(8)), `${name} body found`).toBe(false);
      if (plaintext.startsWith("whsec_")) expect(dump.includes(plaintext.slice(6)), `${name} body found`).toBe(false);
      if (plaintext.startsWith("sess_secret_")) expect(dump.includes(plaintext.slice(12)), `${name} body found`).toBe(false);
    }
  });
});
