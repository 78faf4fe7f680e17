// Production server: Express in front of the Remix build. Owns what remix-serve cannot do
// here: the client IP for rate limits and audit, start-up (migrations, demo data) before
// listening, request logs without query strings (checkout URLs carry a clientSecret),
// and a clean shutdown that closes the database.
import fs from "node:fs";
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

if (!fs.existsSync(BUILD_PATH)) {
  console.error("No build found. Run `npm run build` first (or `npm start`, which builds).");
  process.exit(1);
}

let build = await importBuild();
const { CLIENT_IP_HEADER } = build.entry.module;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", Number(process.env.TRUST_PROXY ?? 0));
app.use(compression());
app.use("/build", express.static(ASSETS_DIR, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

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
  const lines = [`Ramp Partner Console on ${shown} (database: ${report.driver})`];
  if (report.demoLogin) lines.push(`Demo login: ${report.demoLogin.email} / ${report.demoLogin.password}`);
  console.log(lines.join("\n"));
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
