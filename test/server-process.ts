/**
 * The production server (node server.js on a built app) as a child process, for tests that
 * need what only it does: body limits, Express's own answers, crashes, the listening address.
 * It runs REMIX_OUT_DIR's build (default .builds/crash, built when missing).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export const OUT_DIR = process.env.REMIX_OUT_DIR || ".builds/crash";

const built = () => fs.existsSync(path.join(OUT_DIR, "build/index.js"));

/**
 * Builds the app into OUT_DIR unless it is there (npm test builds it first and points REMIX_OUT_DIR at it). Never
 * blocks the test worker: a synchronous build held its event loop for 18 s, and under CPU load long enough for
 * vitest's 60 s worker RPC to time out. Files running at once share one build: the first takes a lock folder, the
 * others wait for its result.
 */
export async function ensureBuild() {
  const lock = `${OUT_DIR}.building`;
  const deadline = Date.now() + 600_000;
  while (!built()) {
    try {
      fs.mkdirSync(path.dirname(lock), { recursive: true });
      fs.mkdirSync(lock);
    } catch {
      // Another file is building (a lock older than ten minutes is a dead build's: take it over).
      if (Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`No build appeared in ${OUT_DIR}`);
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      await promisify(execFile)("npx", ["remix", "build"], { env: { ...process.env, REMIX_OUT_DIR: OUT_DIR, NODE_ENV: "production" } });
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A fresh embedded-database folder in the temp directory, and its removal (with the files beside it). */
export function tempDataDir(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    /** The folder lock of a process that was killed (it would otherwise be stale only after 15 s). */
    releaseLock: () => fs.rmSync(`${dir}.lock`, { recursive: true, force: true }),
    remove: () => {
      for (const suffix of ["", ".secret", ".owner", ".lock"]) fs.rmSync(`${dir}${suffix}`, { recursive: true, force: true });
    },
  };
}

export interface ServerProcess {
  port: number;
  /** http://127.0.0.1:port */
  url: string;
  child: ChildProcess;
  output: string[];
  /** Sends a signal to the server's process group (cluster workers included); resolves once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `node server.js` with `env` (over a minimal base) and waits for /healthz. */
export async function startServer(env: Record<string, string | undefined>, options: { port?: number; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const output: string[] = [];
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      PORT: String(port),
      BASE_URL: `http://127.0.0.1:${port}`,
      APP_SECRET: process.env.APP_SECRET!,
      REMIX_OUT_DIR: OUT_DIR,
      SEED_DEMO: "never",
      LOG_REQUESTS: "false",
      WEBHOOK_WORKERS: "false",
      API_RATE_LIMIT_MULTIPLIER: "1000",
      ...env,
    },
    // Its own process group, so a signal reaches the cluster's workers too.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => output.push(String(chunk)));
  child.stderr!.on("data", (chunk) => output.push(String(chunk)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: ServerProcess = {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    async kill(signal = "SIGKILL") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
      await exited;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    try {
      if ((await fetch(`${server.url}/healthz`)).ok) return server;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await server.kill();
      throw new Error(`The server did not start:\n${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resident memory of a process in bytes (Linux /proc), or null elsewhere. */
export function residentBytes(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
