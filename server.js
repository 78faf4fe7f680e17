// Production server: Express in front of the Remix build. Owns what remix-serve cannot do
// here: the client IP for rate limits and audit, start-up (migrations, demo data) before
// listening, request logs without query strings (checkout URLs carry a clientSecret),
// and a clean shutdown that closes the database.
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import url from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";

// REMIX_OUT_DIR: a build made elsewhere (see remix.config.js); default build/ and public/build/.
const OUT_DIR = process.env.REMIX_OUT_DIR;
const BUILD_PATH = path.resolve(OUT_DIR ? `${OUT_DIR}/build/index.js` : "build/index.js");
const ASSETS_DIR = OUT_DIR ? `${OUT_DIR}/public/build` : "public/build";
const isDev = process.env.NODE_ENV === "development";

async function importBuild() {
  return import(`${url.pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`);
}

// WEB_CONCURRENCY worker processes share the port (node:cluster). On PostgreSQL the default is
// one per core: the API is CPU-bound in JavaScript, and every shared state (rate limits, key
// revocation, idempotency, jobs) lives in the database. The embedded PGlite database belongs
// to one process, so it always runs one.
const workerCount = process.env.DATABASE_URL && !isDev
  ? Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()) || 1)
  : 1;

if (workerCount > 1 && cluster.isPrimary) {
  runPrimary(workerCount);
} else {
  await runServer();
}

function runPrimary(count) {
  let stopping = false;
  const started = Date.now();
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that cannot start (bad configuration) would fail again: stop rather than loop.
    if (Date.now() - started < 10_000) {
      console.error(`Worker ${worker.process.pid} exited during start-up (${signal ?? code}); stopping.`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill("SIGTERM");
      process.exitCode = 1;
      return;
    }
    console.error(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
    cluster.fork();
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

async function runServer() {
  if (!fs.existsSync(BUILD_PATH)) {
    console.error("No build found. Run `npm run build` first (or `npm start`, which builds).");
    process.exit(1);
  }

  let build = await importBuild();
  const { CLIENT_IP_HEADER } = build.entry.module;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", Number(process.env.TRUST_PROXY ?? 0));

  if (process.env.LOG_REQUESTS !== "false" && process.env.LOG_REQUESTS !== "0") {
    // Path only: never the query string, which may hold a checkout clientSecret.
    morgan.token("path", (req) => (req.originalUrl ?? req.url).split("?")[0]);
    app.use(morgan(":method :path :status :res[content-length] - :response-time ms"));
  }

  app.use((req, _res, next) => {
    // Only the socket (or a trusted proxy, per TRUST_PROXY) decides the client IP.
    req.headers[CLIENT_IP_HEADER] = req.ip ?? "";
    next();
  });

  // The API skips Remix (see mountApiRoutes), in development too: each request takes the
  // current build's routes, so a rebuild is served as soon as Remix's handler serves it.
  mountApiRoutes(app, () => build);

  app.use(compression());
  app.use("/build", express.static(ASSETS_DIR, { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  app.all(
    "*",
    isDev
      ? (req, res, next) => createRequestHandler({ build, mode: "development" })(req, res, next)
      : createRequestHandler({ build, mode: process.env.NODE_ENV }),
  );

  let report;
  try {
    report = await build.entry.module.startApp();
  } catch (error) {
    console.error(`Could not start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = app.listen(port, host, () => {
    const shown = process.env.BASE_URL ?? `http://localhost:${port}`;
    const workers = cluster.isWorker ? `, ${workerCount} worker processes` : "";
    const lines = [`Ramp Partner Console on ${shown} (database: ${report.driver}${workers})`];
    if (report.demoLogin) lines.push(`Demo login: ${report.demoLogin.email} / ${report.demoLogin.password}`);
    // One announcement, not one per worker.
    if (!cluster.isWorker || cluster.worker.id === 1) console.log(lines.join("\n"));
    if (isDev) broadcastDevReady(build);
  });

  if (isDev) {
    // remix dev --manual: reload the build in place, keeping the process and its database handle.
    fs.watch(path.dirname(BUILD_PATH), { persistent: false }, async () => {
      build = await importBuild();
      broadcastDevReady(build);
    });
  }

  let stopping = false;
  async function shutdown(signal) {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close();
    server.closeIdleConnections?.();
    try {
      await build.entry.module.stopApp();
    } finally {
      process.exit(0);
    }
  }
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/**
 * The API's resource routes (/v1, /public/v1, sandbox callbacks, /healthz) registered with
 * express and called directly: the same route modules Remix would run, without Remix
 * re-ranking every route and streaming the response per request, which cost more CPU than
 * the API handlers themselves (bench/api-load.ts). Only Response-returning loaders and
 * actions qualify; a method a module does not answer falls through to Remix. The routes
 * are read from the build the request is served with (`currentBuild()`: in development it is
 * replaced on every rebuild), once per build.
 */
const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function mountApiRoutes(app, currentBuild) {
  const routers = new WeakMap();
  app.use((req, res, next) => {
    const build = currentBuild();
    let router = routers.get(build);
    if (!router) routers.set(build, (router = apiRouter(build)));
    router(req, res, next);
  });
}

function apiRouter(build) {
  const API_PREFIXES = ["/v1/", "/public/v1/", "/callbacks/", "/healthz"];
  const fullPath = (route) => {
    const parent = route.parentId ? build.routes[route.parentId] : undefined;
    const own = route.path ?? "";
    return parent ? `${fullPath(parent).replace(/\/$/, "")}/${own}` : `/${own}`;
  };
  const routes = Object.values(build.routes)
    .filter((route) => route.path && !route.module.default)
    .map((route) => ({ path: fullPath(route).replace(/\/+/g, "/"), module: route.module }))
    .filter(({ path }) => API_PREFIXES.some((prefix) => `${path}/`.startsWith(prefix)))
    // Static paths before parameterised ones, so /quotes wins over /:id.
    .sort((a, b) => a.path.split(":").length - b.path.split(":").length);
  const router = express.Router();
  const gzipLargeGets = compression();
  for (const { path, module } of routes) {
    router.all(path, (req, res, next) => {
      // As Remix: POST, PUT, PATCH and DELETE reach the action; GET, HEAD and OPTIONS the loader.
      const handler = MUTATIONS.has(req.method) ? module.action : module.loader;
      if (!handler) return next();
      const run = () => callRouteHandler(handler, req, res).catch(next);
      // List answers can be large: gzip GETs as the rest of the app does.
      if (req.method === "GET") gzipLargeGets(req, res, run);
      else run();
    });
  }
  return router;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function callRouteHandler(handler, req, res) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const origin = `${req.protocol}://${req.get("host") ?? "localhost"}`;
  const request = new Request(new URL(req.originalUrl, origin), {
    method: req.method,
    headers,
    body: hasBody ? await readBody(req) : undefined,
  });
  let response;
  try {
    response = await handler({ request, params: req.params, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  if (!(response instanceof Response)) response = Response.json(response ?? null);
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  const body = req.method === "HEAD" || !response.body ? undefined : Buffer.from(await response.arrayBuffer());
  res.end(body);
}
