/**
 * The production server's own path for the API (server.js): resource routes called
 * without Remix's document machinery must answer exactly as Remix would, and on
 * PostgreSQL the server runs several worker processes that start, serve and stop cleanly.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import postgres from "postgres";
import { expect, test } from "./fixtures";

test("API resource routes: envelopes, Request-Id, preflight, HEAD, gzip and 405s through server.js", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  const head = await request.head("/healthz");
  expect(head.status()).toBe(200);
  expect(await head.body()).toHaveLength(0);

  const unauthenticated = await request.get("/v1/sessions");
  expect(unauthenticated.status()).toBe(401);
  const body = await unauthenticated.json();
  expect(body).toMatchObject({ success: false, error: { code: "MISSING_API_KEY" } });
  expect(unauthenticated.headers()["request-id"]).toBe(body.error.requestId);

  // A method the resource does not answer: the error envelope (docs/api-contract.md#errors), with Allow.
  const wrongMethod = await request.post("/v1/orders", { data: {} });
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers()["allow"]).toBe("GET");
  expect(await wrongMethod.json()).toMatchObject({ success: false, error: { code: "METHOD_NOT_ALLOWED" } });

  // Browsers' CORS preflight reaches the public API's loader, as under Remix.
  const preflight = await request.fetch("/public/v1/onramp/quotes", {
    method: "OPTIONS",
    headers: { Origin: "https://partner.example", "Access-Control-Request-Method": "GET" },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()["access-control-allow-origin"]).toBe("*");

  // Large GET answers are compressed for clients that accept it.
  const spec = await request.get("/v1/openapi.json", { headers: { "Accept-Encoding": "gzip" } });
  expect(spec.status()).toBe(200);
  expect(spec.headers()["content-encoding"]).toBe("gzip");
  expect((await spec.json()).openapi).toMatch(/^3\.1/);

  // Pages still go through Remix.
  const login = await request.get("/login");
  expect(login.status()).toBe(200);
  expect(login.headers()["content-type"]).toContain("text/html");
});

test("on PostgreSQL the server runs WEB_CONCURRENCY workers that serve the API and stop on SIGTERM", async () => {
  const adminUrl = process.env.TEST_DATABASE_URL;
  test.skip(!adminUrl, "TEST_DATABASE_URL is not set");
  const name = `ramp_e2e_cluster_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const port = Number(process.env.E2E_PORT ?? 3210) + 50;
  const server = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      BASE_URL: `http://localhost:${port}`,
      DATABASE_URL: url.toString(),
      WEB_CONCURRENCY: "2",
      APP_SECRET: "e2e-cluster-secret-e2e-cluster-secret-0000",
      SEED_DEMO: "never",
      LOG_REQUESTS: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(() => output, { timeout: 60_000 }).toContain("2 worker processes");
    const base = `http://127.0.0.1:${port}`;
    // Many keep-alive-free requests: the kernel spreads them over both workers.
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/healthz`)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const unauthenticated = await fetch(`${base}/v1/sessions`, { method: "POST" });
    expect(unauthenticated.status).toBe(401);
    expect((await unauthenticated.json()).error.code).toBe("MISSING_API_KEY");

    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output.match(/SIGTERM: shutting down/g)).toHaveLength(2);
  } finally {
    server.kill("SIGKILL");
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});
