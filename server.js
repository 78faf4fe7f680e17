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
const workerCount = process.env.DATABASE_URL && !isDev ? Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()) || 1) : 1;

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

  guardRequests(app, () => build);

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
  answerApiErrors(app, () => build);

  let report;
  try {
    report = await build.entry.module.startApp();
  } catch (error) {
    console.error(`Could not start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }

  const port = Number(process.env.PORT ?? 3000);
  const host = listenHost();
  const server = app.listen(port, host, () => {
    const shown = process.env.BASE_URL ?? `http://localhost:${port}`;
    const workers = cluster.isWorker ? `, ${workerCount} worker processes` : "";
    const lines = [`Ramp Partner Console on ${shown} (database: ${report.driver}${workers})`];
    if (report.demoLogin) lines.push(`Demo login: ${report.demoLogin.email} / ${report.demoLogin.password}`);
    // One announcement, not one per worker.
    if (!cluster.isWorker || cluster.worker.id === 1) console.log(lines.join("\n"));
    if (isDev) broadcastDevReady(build);
  });
  limitRequestTime(server);

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
    // Catch-alls (v1.$: the API's 404) stay with Remix, which ranks them after every endpoint.
    .filter(({ path }) => !path.includes("*"))
    // Static paths before parameterised ones, so /quotes wins over /:id.
    .sort((a, b) => a.path.split(":").length - b.path.split(":").length);
  const router = express.Router();
  // Never an event stream: gzip would hold its messages back.
  const gzipLargeGets = compression({ filter: (req, res) => !isEventStream(res.getHeader("Content-Type")) && compression.filter(req, res) });
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

/** A request body refused before any route ran (too large, too slow): answered by answerApiErrors. */
class BodyError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * The body, counted while it streams: past req.bodyLimit (guardRequests) it is a 413, and
 * one that has not arrived within req.bodyTimeoutMs a 408. Never more than the limit is held.
 */
function readBody(req) {
  const limit = req.bodyLimit ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const timer = setTimeout(
      () => finish(new BodyError("REQUEST_TIMEOUT", `The request body did not arrive within ${Math.round((req.bodyTimeoutMs ?? 10_000) / 1000)} s.`)),
      req.bodyTimeoutMs ?? 10_000,
    );
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks, size));
    const onAborted = () => finish(new BodyError("VALIDATION_ERROR", "The request body was cut short."));
    function finish(error, body) {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onAborted).off("aborted", onAborted);
      chunks.length = 0;
      if (error) reject(error);
      else resolve(body);
    }
    req.on("data", onData).on("end", onEnd).on("error", onAborted).on("aborted", onAborted);
  });
}

function tooLarge(limit) {
  return new BodyError("PAYLOAD_TOO_LARGE", `The request body is larger than this endpoint accepts (${Math.floor(limit / 1024)} KB).`);
}

/** app/lib/auth.server.ts CLIENT_IP_HEADER (set on every request by runServer's middleware). */
const CLIENT_IP = "x-ramp-client-ip";

async function callRouteHandler(handler, req, res) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    // The client IP is the one the middleware above decided (the socket, or a trusted proxy's),
    // never a value the client sent under the same name.
    if (req.rawHeaders[i].toLowerCase() === CLIENT_IP) continue;
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  if (req.headers[CLIENT_IP]) headers.set(CLIENT_IP, String(req.headers[CLIENT_IP]));
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
  await sendResponse(req, res, response);
}

function isEventStream(contentType) {
  return String(contentType ?? "").startsWith("text/event-stream");
}

async function sendResponse(req, res, response) {
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (isEventStream(response.headers.get("content-type")) && response.body && req.method !== "HEAD") return streamResponse(res, response.body);
  const body = req.method === "HEAD" || !response.body ? undefined : Buffer.from(await response.arrayBuffer());
  res.end(body);
}

/** An event stream (GET /v1/events/stream), written as it comes; the client leaving cancels it (its polling stops). */
async function streamResponse(res, body) {
  const reader = body.getReader();
  res.on("close", () => reader.cancel().catch(() => {}));
  res.flushHeaders();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  } catch {
    /* the stream failed or was cancelled: end the answer */
  }
  res.end();
}

/**
 * Before any route runs: a body is bounded (bodyLimit in app/api/body.server.ts; a declared
 * Content-Length over it is a 413 at once, and readBody counts the rest while it streams),
 * and a cross-origin form post to the console is a 403. Remix would refuse that post itself,
 * but as a 500 with a stack trace in the log.
 */
function guardRequests(app, getBuild) {
  const MUTATIONS_WITH_ORIGIN_CHECK = new Set(["POST", "PUT", "PATCH", "DELETE"]);
  app.use((req, res, next) => {
    const entry = getBuild().entry.module;
    const api = entry.API_PATH.test(req.path);
    req.bodyLimit = entry.bodyLimit(req.path, req.headers["content-type"]);
    req.bodyTimeoutMs = entry.bodyTimeoutMs();
    const declared = req.headers["content-length"];
    if (api) return declared !== undefined && Number(declared) > req.bodyLimit ? next(tooLarge(req.bodyLimit)) : next();
    // Remix reads console bodies itself, unbounded: only a declared length can be checked first.
    if (declared !== undefined && Number(declared) > req.bodyLimit) return refuse(res, 413, "The request body is too large.");
    if (declared === undefined && req.headers["transfer-encoding"] !== undefined) return refuse(res, 411, "Send a Content-Length with the request body.");
    if (MUTATIONS_WITH_ORIGIN_CHECK.has(req.method) && !sameOrigin(req)) {
      return res.status(403).type("text/plain").send("Cross-origin form posts are refused.");
    }
    // Checked above: Remix's own check would refuse it (Origin "null" is not the host), as a 500.
    if (req.headers.origin === "null") delete req.headers.origin;
    next();
  });
  function refuse(res, status, message) {
    sendRefusal(res.req, res, new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } }));
  }
  // Remix's own check (server-runtime's throwIfPotentialCSRFAttack): Origin against X-Forwarded-Host or Host.
  function sameOrigin(req) {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    // A page that asks for no Referer (the checkout, the sandbox) gets "Origin: null" on its own
    // form posts (Fetch: serializing a request origin); Sec-Fetch-Site, set by the browser and
    // never by a page, tells whether such a post came from this origin.
    if (origin === "null") return req.headers["sec-fetch-site"] === "same-origin";
    const host =
      String(req.headers["x-forwarded-host"] ?? "")
        .split(",")[0]
        .trim() || req.headers.host;
    try {
      return Boolean(host) && new URL(origin).host === host;
    } catch {
      return false;
    }
  }
}

/** Errors raised before an API route answered (a body refused, a path Express cannot decode) as the API's envelope. */
function answerApiErrors(app, getBuild) {
  app.use((error, req, res, next) => {
    const entry = getBuild().entry.module;
    let response;
    if (error instanceof BodyError) {
      if (res.headersSent) return res.destroy();
      return sendRefusal(req, res, entry.apiErrorResponse(error.code, error.message)).catch(next);
    } else if (entry.API_PATH.test(req.path) && error instanceof URIError) {
      response = entry.apiErrorResponse("VALIDATION_ERROR", "The request path is not valid percent-encoding.");
    } else if (entry.API_PATH.test(req.path) && !res.headersSent) {
      console.error(error);
      response = entry.apiErrorResponse("INTERNAL_ERROR", "Something went wrong on our side. Quote the requestId if you contact support.");
    } else {
      return next(error);
    }
    if (res.headersSent) return res.destroy();
    sendResponse(req, res, response).catch(next);
  });
}

/**
 * An answer to a request whose body was refused unread. The whole answer is written at once,
 * then the rest of the body is read and thrown away (never held) for up to 2 s before the
 * response ends and the connection closes: closing under a client that is still sending
 * resets the connection, and the client may lose the answer with it.
 */
async function sendRefusal(req, res, response) {
  const body = Buffer.from(await response.arrayBuffer());
  res.status(response.status);
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.setHeader("Content-Length", body.length);
  res.setHeader("Connection", "close");
  if (req.complete) return res.end(body);
  res.write(body);
  const end = () => {
    clearTimeout(timer);
    res.end();
  };
  const timer = setTimeout(end, 2000);
  req.once("end", end).once("close", end).resume();
}

/**
 * HOST, else: with DATABASE_URL every interface (a deployment), but the embedded default
 * (a laptop demo whose seeded account has a published password) only this machine.
 */
function listenHost() {
  if (process.env.HOST) return process.env.HOST;
  return process.env.DATABASE_URL ? "0.0.0.0" : "127.0.0.1";
}

/** Console bodies trickling in (API bodies have readBody's own timer): Node answers 408 and closes. */
function limitRequestTime(server) {
  server.requestTimeout = 30_000;
}
