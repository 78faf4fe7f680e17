/**
 * The `ramp` CLI (bin/ramp.mjs) as a partner developer runs it: child processes against the real server (node
 * server.js on the build; on PostgreSQL two worker processes, so the event stream and the API calls land on either).
 * `listen` forwards the real events of `trigger` to a local receiver that verifies them with the printed secret; a
 * dropped connection (a proxy between the CLI and the server cut for a while) loses no event; live keys, wrong keys
 * and an unreachable server get clear errors.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { project } from "../db/schema";
import { createApiKey } from "../app/keys/keys.server";
import { insertApiProject } from "./contexts";
import { sessionBody } from "./fixtures";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "./database";
import { ensureBuild, freePort, startServer, tempDataDir, type ServerProcess } from "./server-process";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

let database: TestDatabase | undefined;
let data: ReturnType<typeof tempDataDir> | undefined;
let server: ServerProcess | undefined;
let receiver: WebhookReceiver;
const keys = { sk: "", liveSk: "" };
const children: ChildProcess[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ramp(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/ramp.mjs", ...args], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", RAMP_BASE_URL: server!.url, RAMP_API_KEY: keys.sk, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (c) => (stdout += c));
    child.stderr!.on("data", (c) => (stderr += c));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A `ramp listen` (or another command that runs until stopped) left running: its output so far, and a wait for a line. */
function listen(args: string[], baseUrl: string, command = ["listen"], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["bin/ramp.mjs", ...command, ...args], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", RAMP_BASE_URL: baseUrl, RAMP_API_KEY: keys.sk, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const lines: string[] = [];
  const collect = (c: Buffer) => lines.push(...String(c).split("\n").filter(Boolean));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return {
    child,
    lines,
    async waitFor(predicate: (line: string) => boolean, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!lines.some(predicate)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`ramp ${command.join(" ")} printed:\n${lines.join("\n")}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return lines.find(predicate)!;
    },
  };
}

/** A TCP proxy in front of the server whose connections can be cut, and new ones refused, for a while. */
async function dropProxy(targetPort: number) {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const proxy = net.createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = net.connect(targetPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => proxy.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      refusing = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      refusing = false;
    },
    close() {
      refusing = true;
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

beforeAll(async () => {
  await ensureBuild();
  let handle: DatabaseHandle;
  if (TEST_DRIVER === "postgres") {
    database = await createTestDatabase({ install: false });
    handle = database;
  } else {
    data = tempDataDir("cli-");
    handle = await openDatabase({ dataDir: data.dir });
  }
  const { ids, keys: made } = await insertApiProject(handle.db, "CLI shop");
  keys.sk = made.sk;
  keys.liveSk = (await createApiKey(handle.db, { projectId: ids.projectId, mode: "live", kind: "secret" })).token;
  // A live project, so its live key reaches the endpoints (a test-only project's live keys are refused before them).
  await handle.db.update(project).set({ defaultMode: "live" }).where(eq(project.id, ids.projectId));
  // The embedded database belongs to one process: hand it to the server.
  if (!database) await handle.close();
  server = await startServer(database ? { DATABASE_URL: database.url, WEB_CONCURRENCY: "2", DATABASE_POOL_SIZE: "5" } : { DATA_DIR: data!.dir });
  receiver = await startWebhookReceiver();
}, 240_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await receiver?.close();
  await server?.kill("SIGKILL");
  await database?.destroy();
  data?.remove();
});

describe("ramp", () => {
  it("refuses a live key, explains a wrong key and an unreachable server, and needs a key", async () => {
    const live = await ramp(["orders", "get", "ord_x"], { RAMP_API_KEY: keys.liveSk });
    expect(live.code).toBe(1);
    expect(live.stderr).toContain("Refused: this is a live key. The ramp CLI works in test mode only");
    const wrong = await ramp(["sessions", "create"], { RAMP_API_KEY: `sk_test_${crypto.randomBytes(32).toString("base64url").slice(0, 43)}` });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/INVALID_API_KEY: .*Check the key/);
    const down = await ramp(["sessions", "create"], { RAMP_BASE_URL: `http://127.0.0.1:${await freePort()}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Is the app running\?/);
    const none = await ramp(["orders", "get", "ord_x"], { RAMP_API_KEY: "" });
    expect(none.stderr).toContain("No API key: set RAMP_API_KEY or pass --api-key");
    const unknown = await ramp(["trigger", "order.shipped"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("Allowed choices are order.created");
  }, 60_000);

  it("the event stream refuses live keys and non-SSE requests", async () => {
    const live = await fetch(`${server!.url}/v1/events/stream`, { headers: { Authorization: `Bearer ${keys.liveSk}`, Accept: "text/event-stream" } });
    expect(live.status).toBe(403);
    expect((await live.json()).error.code).toBe("INSUFFICIENT_PERMISSIONS");
    const plain = await fetch(`${server!.url}/v1/events/stream`, { headers: { Authorization: `Bearer ${keys.sk}` } });
    expect(plain.status).toBe(400);
    expect((await plain.json()).error.message).toContain("Accept: text/event-stream");
  });

  it("sessions create prints the session with its url; orders get prints an order", async () => {
    const created = await ramp(["sessions", "create", "--amount", "25", "--customer", "player_cli_test"]);
    expect(created.code, created.stderr).toBe(0);
    const session = JSON.parse(created.stdout);
    expect(session.attributes).toMatchObject({ sourceAmount: "25", externalCustomerId: "player_cli_test", status: "pending" });
    expect(session.attributes.url).toBe(
      `${server!.url}/checkout?sessionId=${session.id}&clientSecret=${session.attributes.clientSecret}&projectId=${session.attributes.projectId}`,
    );
    const triggered = await ramp(["trigger", "order.created"]);
    expect(triggered.code, triggered.stderr).toBe(0);
    const orderId = triggered.stdout.match(/order (ord_\w+)/)![1]!;
    const got = await ramp(["orders", "get", orderId]);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ id: orderId, attributes: { status: "created" } });
    const missing = await ramp(["orders", "get", "ord_doesnotexist"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("NOT_FOUND");
  }, 60_000);

  it("logs tail prints the requests made while it runs, filtered, each with the request id to look up", async () => {
    const tail = listen(["--status", "4xx"], server!.url, ["logs", "tail"]);
    await tail.waitFor((line) => line.startsWith("Tailing"));
    const call = (body: unknown) =>
      fetch(`${server!.url}/v1/sessions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${keys.sk}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const refused = await (await call({ sourceAmount: "lots" })).json();
    const line = await tail.waitFor((l) => l.includes(refused.error.requestId));
    expect(line).toMatch(new RegExp(` 400 POST /v1/sessions \\d+ms ${refused.error.code} req_`));
    // A request that succeeded is not a 4xx: not printed.
    const created = await call(sessionBody({ externalCustomerId: "tail" }));
    expect(created.status).toBe(201);
    const ok = created.headers.get("request-id")!;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(tail.lines.some((l) => l.includes(ok))).toBe(false);
    tail.child.kill();
  }, 60_000);

  it("listen forwards the events trigger fires, signed with the printed secret, and loses none over a dropped connection", async () => {
    const proxy = await dropProxy(server!.port);
    const listener = listen(
      ["--forward-to", receiver.url, "--events", "order.completed,order.failed,order.refunded,session.cancelled,session.expired"],
      proxy.url,
    );
    const secretLine = await listener.waitFor((l) => l.startsWith("Signing secret: "));
    receiver.secret = secretLine.slice("Signing secret: ".length).trim();

    const completed = await ramp(["trigger", "order.completed"]);
    expect(completed.code, completed.stderr).toBe(0);
    expect(completed.stdout).toMatch(/Triggered order.completed: session sess_\w+, order ord_\w+, status completed/);
    const orderId = completed.stdout.match(/order (ord_\w+)/)![1]!;
    const [delivered] = await receiver.waitFor((r) => r.type === "order.completed" && r.payload.data.order.id === orderId);
    expect(delivered!.verified).toBe(true);
    expect(delivered!.providerSignatureValid).toBe(true);
    expect(delivered!.payload).toMatchObject({ type: "order.completed", sequence: 3, data: { order: { id: orderId, status: "completed" } } });
    await listener.waitFor((l) => l.includes(`order.completed`) && l.includes(`${delivered!.id}  → 200`));
    // --events: order.created and order.processing of the same order were not forwarded.
    expect(receiver.received.some((r) => r.type === "order.created" || r.type === "order.processing")).toBe(false);

    // The connection drops; events fire meanwhile (straight at the server); the CLI resumes and forwards them all.
    proxy.cut();
    await listener.waitFor((l) => l.startsWith("Connection lost") || l.startsWith("The server closed the stream"));
    const failed = await ramp(["trigger", "order.failed"]);
    const cancelled = await ramp(["trigger", "session.cancelled"]);
    const refunded = await ramp(["trigger", "order.refunded"]);
    for (const run of [failed, cancelled, refunded]) expect(run.code, run.stderr).toBe(0);
    proxy.restore();
    await listener.waitFor((l) => l.startsWith("Reconnected; resuming after evt_"));
    const failedOrder = failed.stdout.match(/order (ord_\w+)/)![1]!;
    const refundedOrder = refunded.stdout.match(/order (ord_\w+)/)![1]!;
    const cancelledSession = cancelled.stdout.match(/session (sess_\w+)/)![1]!;
    await receiver.waitFor((r) => r.type === "order.failed" && r.payload.data.order.id === failedOrder);
    await receiver.waitFor((r) => r.type === "order.refunded" && r.payload.data.order.id === refundedOrder);
    await receiver.waitFor((r) => r.type === "session.cancelled" && r.payload.data.session.sessionId === cancelledSession);
    expect(refunded.stdout).toContain("status refunded");
    // Each event once (the resumed stream may repeat one; the CLI skips it), every one verified.
    const ids = receiver.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(receiver.received.every((r) => r.verified && r.providerSignatureValid)).toBe(true);
    // order.completed of the refunded order too (it was wanted), forwarded once.
    expect(receiver.received.filter((r) => r.type === "order.completed" && r.payload.data.order.id === refundedOrder)).toHaveLength(1);

    const expired = await ramp(["trigger", "session.expired"]);
    expect(expired.code, expired.stderr).toBe(0);
    const expiredSession = expired.stdout.match(/session (sess_\w+)/)![1]!;
    await receiver.waitFor((r) => r.type === "session.expired" && r.payload.data.session.sessionId === expiredSession);
    listener.child.kill("SIGINT");
    await proxy.close();
  }, 120_000);

  // The quick start gives the receiver and `ramp listen` one secret (app/projects/quick-start-snippets.ts), so the
  // developer copies no secret from one terminal to another.
  it("listen signs with the secret it is given (RAMP_WEBHOOK_SECRET or --secret) and refuses one that is not a whsec_ secret", async () => {
    const given = `whsec_${crypto.randomBytes(24).toString("base64")}`;
    const listener = listen(["--forward-to", receiver.url, "--events", "order.completed"], server!.url, ["listen"], { RAMP_WEBHOOK_SECRET: given });
    expect(await listener.waitFor((l) => l.startsWith("Signing secret: "))).toBe(`Signing secret: ${given}`);
    receiver.secret = given;
    const completed = await ramp(["trigger", "order.completed"]);
    expect(completed.code, completed.stderr).toBe(0);
    const orderId = completed.stdout.match(/order (ord_\w+)/)![1]!;
    const [delivered] = await receiver.waitFor((r) => r.type === "order.completed" && r.payload.data.order.id === orderId);
    expect(delivered!.verified).toBe(true);
    listener.child.kill("SIGINT");

    for (const secret of ["not-a-secret", "whsec_c2hvcnQ=", "whsec_!!!"]) {
      const refused = await ramp(["listen", "--forward-to", receiver.url, "--secret", secret]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain("Give a signing secret of the form whsec_");
    }
  }, 60_000);
});
