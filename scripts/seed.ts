/**
 * npm run seed -- [--json] [--sessions N] [--mode test|live]
 *
 * Creates (or reuses) the demo organization on the configured database
 * (DATABASE_URL, else the embedded PGlite folder DATA_DIR) and issues a fresh
 * test secret key. --sessions N bulk-inserts N sessions (with their orders) into
 * the demo project. --json prints ONE JSON object on stdout and nothing else:
 *   { email, password, organizationId, projectId, testPublishableKey, testSecretKey }
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { DEMO_USER, ensureDemoOrganization } from "../app/demo/demo.server";
import { generateHistory } from "../app/demo/history.server";
import { activePublishableKey, createApiKey } from "../app/keys/keys.server";
import { env } from "../app/lib/env.server";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    sessions: { type: "string" },
    mode: { type: "string", default: "test" },
    days: { type: "string", default: "90" },
  },
});

// With --json, stdout carries the JSON object only: everything else goes to stderr.
const say = (message: string) => (values.json ? process.stderr : process.stdout).write(`${message}\n`);
if (values.json) console.log = (...args: unknown[]) => process.stderr.write(`${args.join(" ")}\n`);

async function main() {
  const sessions = values.sessions === undefined ? 0 : Number(values.sessions);
  if (!Number.isInteger(sessions) || sessions < 0) throw new Error("--sessions takes a whole number, e.g. --sessions 100000");
  const mode = values.mode === "live" ? "live" : values.mode === "test" ? "test" : null;
  if (!mode) throw new Error("--mode is test or live");

  const config = env();
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, maxConnections: 4 });
  try {
    const demo = await ensureDemoOrganization(handle.db);
    const projectId = demo.projectIds[0]!;
    if (sessions > 0) {
      const started = Date.now();
      let lastReport = 0;
      await generateHistory(handle.db, {
        projectId,
        mode,
        sessions,
        days: Number(values.days) || 90,
        batchSize: handle.driver === "postgres" ? 2500 : 1000,
        onProgress: (inserted) => {
          if (Date.now() - lastReport > 2000 || inserted === sessions) {
            lastReport = Date.now();
            const rate = Math.round(inserted / ((Date.now() - started) / 1000));
            say(`  ${inserted.toLocaleString("en")} / ${sessions.toLocaleString("en")} sessions (${rate.toLocaleString("en")}/s)`);
          }
        },
      });
      say(`Inserted ${sessions} ${mode} sessions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const secret = await createApiKey(handle.db, {
      projectId,
      mode: "test",
      kind: "secret",
      label: `seed script ${new Date().toISOString()}`,
      createdByUserId: demo.userId,
    });
    const result = {
      email: DEMO_USER.email,
      password: DEMO_USER.password,
      organizationId: demo.organizationId,
      projectId,
      testPublishableKey: await activePublishableKey(handle.db, projectId, "test"),
      testSecretKey: secret.token,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      say(`Demo organization ${demo.organizationId} on ${handle.driver}`);
      say(`Sign in: ${result.email} / ${result.password}`);
      say(`Project: ${projectId}`);
      say(`Test publishable key: ${result.testPublishableKey}`);
      say(`New test secret key: ${result.testSecretKey}`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  // A failed query's message repeats every parameter: show its first line and the database's reason.
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  process.stderr.write(`seed: ${message}${cause}\n`);
  process.exit(1);
});
