/**
 * Idempotency-Key survives a crash, on the real server (node server.js on the build): a
 * burst of keyed session creations, the server killed with SIGKILL in the middle of it,
 * every key retried against a fresh server. Every key ends with exactly one session, and
 * every client gets its session's id and clientSecret (from its first answer or a replay).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { createApiKey } from "../app/keys/keys.server";
import { insertProject } from "./contexts";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "./database";
import { ensureBuild, freePort, startServer, tempDataDir, type ServerProcess } from "./server-process";

const KEYS = 300;
const CONCURRENCY = 20;

let database: TestDatabase | undefined;
let data: ReturnType<typeof tempDataDir> | undefined;
let server: ServerProcess | undefined;
let projectId = "";
let secretKey = "";
let port = 0;

function serverEnv() {
  return {
    HOST: "127.0.0.1",
    // A request cut short by the kill leaves its key leased this long; retries wait it out.
    IDEMPOTENCY_LEASE_SECONDS: "2",
    ...(database ? { DATABASE_URL: database.url, WEB_CONCURRENCY: "2", DATABASE_POOL_SIZE: "5" } : { DATA_DIR: data!.dir }),
  };
}

beforeAll(async () => {
  await ensureBuild();
  let handle: DatabaseHandle;
  if (TEST_DRIVER === "postgres") {
    database = await createTestDatabase({ install: false });
    handle = database;
  } else {
    data = tempDataDir("idem-crash-");
    handle = await openDatabase({ dataDir: data.dir });
  }
  projectId = (await insertProject(handle.db, "Crash shop")).projectId;
  secretKey = (await createApiKey(handle.db, { projectId, mode: "test", kind: "secret" })).token;
  // The embedded database belongs to one process: hand it to the server.
  if (!database) await handle.close();
  port = await freePort();
  server = await startServer(serverEnv(), { port });
}, 180_000);

afterAll(async () => {
  await server?.kill("SIGKILL");
  await database?.destroy();
  data?.remove();
});

interface Created {
  id: string;
  clientSecret: string;
}

async function api(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    headers: { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function createSession(key: string): Promise<{ status: number; body: any; replayed: boolean }> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/sessions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify({ externalCustomerId: key, metadata: { key } }),
  });
  return { status: response.status, body: await response.json(), replayed: response.headers.get("Idempotent-Replayed") === "true" };
}

describe(`Idempotency-Key survives SIGKILL (${TEST_DRIVER})`, () => {
  it("gives every key exactly one session, and every client its id and clientSecret", async () => {
    const keys = Array.from({ length: KEYS }, (_, i) => `crash-${i}-${Math.random().toString(36).slice(2, 8)}`);
    const first = new Map<string, Created>();
    const attempted = new Set<string>();
    let answered = 0;
    let killed = false;
    let next = 0;
    const burst = Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < keys.length && !killed) {
          const key = keys[next++]!;
          attempted.add(key);
          try {
            const result = await createSession(key);
            if (result.status === 201) first.set(key, { id: result.body.id, clientSecret: result.body.attributes.clientSecret });
            answered++;
          } catch {
            /* cut short by the kill */
          }
        }
      }),
    );
    // Kill once a third of the burst has been answered: requests are in flight at every stage.
    while (answered < KEYS / 3) await new Promise((r) => setTimeout(r, 2));
    await server!.kill("SIGKILL");
    killed = true;
    await burst;
    expect(first.size, "the kill came mid-burst").toBeLessThan(KEYS);

    // A fresh server (the embedded database's folder lock belonged to the dead process).
    data?.releaseLock();
    server = await startServer(serverEnv(), { port });

    // Every client retries its key (those already answered too) until it gets a final answer.
    const final = new Map<string, Created>();
    let inUse = 0;
    // Requests the kill cut short: committed before it (the retry replays) or not (the retry runs it).
    const cutShort = { replayed: 0, ranAgain: 0 };
    const deadline = Date.now() + 20_000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let i = worker; i < keys.length; i += CONCURRENCY) {
          const key = keys[i]!;
          for (;;) {
            const result = await createSession(key);
            if (result.status === 201) {
              final.set(key, { id: result.body.id, clientSecret: result.body.attributes.clientSecret });
              if (attempted.has(key) && !first.has(key)) cutShort[result.replayed ? "replayed" : "ranAgain"]++;
              break;
            }
            expect(result.body.error?.code, JSON.stringify(result.body)).toBe("IDEMPOTENCY_KEY_IN_USE");
            inUse++;
            expect(Date.now(), `key ${key} still in use`).toBeLessThan(deadline);
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      }),
    );

    // Every answer before the kill is the one replayed after it.
    for (const [key, created] of first) expect(final.get(key), key).toEqual(created);
    expect(final.size).toBe(KEYS);
    console.log(
      `[idempotency-crash] ${first.size} of ${KEYS} answered before the kill; of ${attempted.size - first.size} cut short, ${cutShort.replayed} replayed and ${cutShort.ranAgain} ran again; ${inUse} retries told to wait`,
    );

    // Exactly one session per key (all the project's sessions, through the list API) ...
    const listed: { id: string; externalCustomerId: string }[] = [];
    for (let after = ""; ;) {
      const page = await api("GET", `/v1/sessions?limit=100${after ? `&starting_after=${after}` : ""}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      listed.push(
        ...page.body.data.map((s: { id: string; attributes: { externalCustomerId: string } }) => ({
          id: s.id,
          externalCustomerId: s.attributes.externalCustomerId,
        })),
      );
      if (!page.body.has_more) break;
      after = listed.at(-1)!.id;
    }
    const perKey = new Map<string, number>();
    for (const row of listed) perKey.set(row.externalCustomerId, (perKey.get(row.externalCustomerId) ?? 0) + 1);
    expect(
      [...perKey].filter(([, n]) => n > 1),
      "keys with more than one session",
    ).toEqual([]);
    expect(listed).toHaveLength(KEYS);
    // ... and it is the one each client holds, with a clientSecret that opens it.
    for (const row of listed) expect(final.get(row.externalCustomerId)!.id).toBe(row.id);
    let confirmed = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let i = worker; i < keys.length; i += CONCURRENCY) {
          const held = final.get(keys[i]!)!;
          const result = await api("POST", `/v1/sessions/${held.id}/confirm`, { clientSecret: held.clientSecret });
          expect(result.status, JSON.stringify(result.body)).toBe(200);
          confirmed++;
        }
      }),
    );
    expect(confirmed).toBe(KEYS);
  }, 60_000);
});
