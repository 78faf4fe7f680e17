/**
 * Hostile requests against the production server (node server.js on the build): bodies are
 * bounded before anything else runs (size and time), Express's own answers under /v1/ and
 * /public/v1/ are the API's envelope, a cross-origin console POST is a clean 403, and the
 * embedded default listens on loopback only.
 */
import http from "node:http";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "./database";
import { ensureBuild, residentBytes, startServer, tempDataDir, type ServerProcess } from "./server-process";

const MB = 1024 * 1024;
const UPLOAD_BYTES = 100 * MB;

let database: TestDatabase | undefined;
let data: ReturnType<typeof tempDataDir> | undefined;
let server: ServerProcess;

beforeAll(async () => {
  await ensureBuild();
  if (TEST_DRIVER === "postgres") database = await createTestDatabase({ install: false });
  else data = tempDataDir("hostile-");
  server = await startServer({
    // No HOST: the embedded default decides where it listens.
    ...(database ? { DATABASE_URL: database.url, WEB_CONCURRENCY: "1" } : { DATA_DIR: data!.dir }),
    BODY_TIMEOUT_SECONDS: "1",
  });
}, 180_000);

afterAll(async () => {
  await server?.kill("SIGTERM");
  await database?.destroy();
  data?.remove();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes of the body the client managed to send. */
  sent: number;
}

/**
 * POSTs `total` bytes, as fast as the socket takes them, with or without a Content-Length.
 * Resolves with the answer as soon as it is complete; the server may close the connection
 * before the upload is done (that is the point), so write errors after the answer are expected.
 */
function upload(path: string, total: number, options: { declareLength: boolean; contentType?: string; origin?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { "Content-Type": options.contentType ?? "application/json" };
    if (options.declareLength) headers["Content-Length"] = String(total);
    if (options.origin) headers.Origin = options.origin;
    const request = http.request(`${server.url}${path}`, { method: "POST", headers, agent: false });
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && sent < total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (text) => (body += text));
      response.on("end", () => {
        resolve({ status: response.statusCode!, headers: response.headers, body, sent });
        request.destroy();
      });
      response.on("error", () => resolve({ status: response.statusCode!, headers: response.headers, body, sent }));
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    pump();
  });
}

function expectEnvelope(answer: { status: number; headers: http.IncomingHttpHeaders | Headers; body: string }, status: number, code: string) {
  expect(answer.status, answer.body).toBe(status);
  const body = JSON.parse(answer.body);
  expect(body).toMatchObject({ success: false, error: { code, message: expect.any(String), requestId: expect.stringMatching(/^req_/) } });
  const requestId = answer.headers instanceof Headers ? answer.headers.get("request-id") : answer.headers["request-id"];
  expect(requestId).toBe(body.error.requestId);
}

/** Samples the server's resident memory every 10 ms while `work` runs; returns the work's result and the peak. */
async function peakResident<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = residentBytes(server.child.pid!) ?? 0;
  const timer = setInterval(() => (peak = Math.max(peak, residentBytes(server.child.pid!) ?? 0)), 10);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(timer);
  }
}

describe(`request bodies are bounded before anything else runs (${TEST_DRIVER})`, () => {
  it("refuses a declared 100 MB body at once, with the envelope, without reading it", async () => {
    const started = Date.now();
    const answer = await upload("/v1/sessions", UPLOAD_BYTES, { declareLength: true });
    expectEnvelope(answer, 413, "PAYLOAD_TOO_LARGE");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("three concurrent 100 MB uploads move the server's resident memory by a few MB at most", async () => {
    if (residentBytes(server.child.pid!) === null) return; // Not Linux: nothing to measure.
    // Warm up (first requests compile code paths), then take the baseline.
    for (let i = 0; i < 5; i++) await upload("/v1/sessions", 1024, { declareLength: true });
    await new Promise((r) => setTimeout(r, 200));
    const baseline = residentBytes(server.child.pid!)!;
    const { result: answers, peak } = await peakResident(() =>
      Promise.all([
        upload("/v1/sessions", UPLOAD_BYTES, { declareLength: true }),
        // No Content-Length: only counting while streaming can stop these.
        upload("/v1/sessions", UPLOAD_BYTES, { declareLength: false }),
        upload("/public/v1/onramp/checkout-intent", UPLOAD_BYTES, { declareLength: false }),
      ]),
    );
    const grownMb = (peak - baseline) / MB;
    console.log(
      `[hostile-server] RSS baseline ${(baseline / MB).toFixed(1)} MB, peak during three 100 MB uploads ${(peak / MB).toFixed(1)} MB: +${grownMb.toFixed(1)} MB`,
    );
    for (const answer of answers) expectEnvelope(answer, 413, "PAYLOAD_TOO_LARGE");
    expect(grownMb).toBeLessThan(16);
  });

  it("answers a JSON body over the limit that arrives in chunks with 413 once the limit is passed", async () => {
    const answer = await upload("/v1/webhook_endpoints", 65 * 1024, { declareLength: false });
    expectEnvelope(answer, 413, "PAYLOAD_TOO_LARGE");
  });

  it("cuts off a body that trickles in, with 408 in the envelope", async () => {
    const started = Date.now();
    const answer = await new Promise<Answer>((resolve, reject) => {
      const request = http.request(`${server.url}/v1/sessions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Length": "100" },
        agent: false,
      });
      request.write('{"externalCustomerId":');
      // ... and nothing more: the rest never comes.
      request.on("response", (response) => {
        let body = "";
        response.on("data", (text) => (body += text));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body, sent: 0 }));
      });
      request.on("error", reject);
    });
    expectEnvelope(answer, 408, "REQUEST_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("bounds console form posts too: a declared oversize body is a 413, one without a length a 411", async () => {
    const declared = await upload("/login", UPLOAD_BYTES, { declareLength: true, contentType: "application/x-www-form-urlencoded" });
    expect(declared.status).toBe(413);
    const chunked = await upload("/login", 1024, { declareLength: false, contentType: "application/x-www-form-urlencoded" });
    expect(chunked.status).toBe(411);
  });
});

describe("Express's own answers under /v1/ and /public/v1/ are the API's", () => {
  it.each(["/v1/sessions/%zz", "/v1/sessions/%", "/v1/sessions/%E3%80", "/public/v1/onramp/transactions/%zz"])("GET %s is a 400 envelope", async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expectEnvelope({ status: response.status, headers: response.headers, body: await response.text() }, 400, "VALIDATION_ERROR");
  });

  it.each([
    ["GET", "/v1/no_such_thing"],
    ["POST", "/v1/no_such_thing"],
    ["GET", "/v1/sessions/sess_1/nothing"],
    ["GET", "/public/v1/onramp/nothing"],
  ])("%s %s is a 404 NOT_FOUND envelope", async (method, path) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      ...(method === "POST" ? { body: "{}", headers: { "Content-Type": "application/json" } } : {}),
    });
    expectEnvelope({ status: response.status, headers: response.headers, body: await response.text() }, 404, "NOT_FOUND");
  });

  it("still serves the endpoints themselves", async () => {
    const response = await fetch(`${server.url}/v1/sessions/sess_x`);
    expectEnvelope({ status: response.status, headers: response.headers, body: await response.text() }, 401, "MISSING_API_KEY");
  });
});

describe("console", () => {
  it.each(["/login", "/signup", "/onboarding"])("refuses a cross-origin POST %s with 403, and logs no stack trace", async (path) => {
    const before = server.output.join("").length;
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=demo%40ramp.test&password=demo-password-1234&name=x",
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    await new Promise((r) => setTimeout(r, 100));
    const logged = server.output.join("").slice(before);
    expect(logged).not.toMatch(/Error:|\n\s+at /);
  });

  it("refuses a sign-in from BASE_URL's localhost twin (trusted in development only)", async () => {
    // BASE_URL is http://127.0.0.1:port; the browser is at http://localhost:port (the same machine).
    const body = JSON.stringify({ email: "nobody@example.com", password: "not-the-password" });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      // node:http, as fetch does not let a caller set Host.
      const request = http.request(`${server.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          Host: `localhost:${server.port}`,
          Origin: `http://localhost:${server.port}`,
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
        },
      });
      request.on("response", (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body: text }));
      });
      request.on("error", reject);
      request.end(body);
    });
    expect(answer.status, answer.body).toBe(403);
    expect(answer.body).toContain("INVALID_ORIGIN");
  });

  // A page with Referrer-Policy no-referrer (the checkout, the sandbox) makes the browser send
  // "Origin: null" with its own form posts; Sec-Fetch-Site, which no page can set, says where it came from.
  it("accepts a form post with Origin null that the browser marks same-origin, and refuses one from elsewhere", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: "email=nobody%40example.com&password=not-the-password",
        redirect: "manual",
      });
    expect((await post({ Origin: "null", "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    for (const site of ["cross-site", "same-site"]) expect((await post({ Origin: "null", "Sec-Fetch-Site": site })).status, site).toBe(403);
    expect((await post({ Origin: "null" })).status).toBe(403);
    // A real origin is still checked against the host, whatever else the request claims.
    expect((await post({ Origin: "http://evil.example", "Sec-Fetch-Site": "same-origin" })).status).toBe(403);
  });

  it("accepts a same-origin POST as before", async () => {
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=nobody%40example.com&password=not-the-password",
      redirect: "manual",
    });
    expect(response.status).toBe(200);
  });
});

describe("where the server listens", () => {
  it("the embedded default (published demo password) listens on loopback only unless HOST says otherwise", async () => {
    if (database) return; // With DATABASE_URL it listens on every interface, as before.
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    if (!outside) return; // No other interface to try.
    const reached = await new Promise<boolean>((resolve) => {
      const request = http.get(`http://${outside}:${server.port}/healthz`, { timeout: 2000 }, () => resolve(true));
      request.on("error", () => resolve(false));
      request.on("timeout", () => {
        request.destroy();
        resolve(false);
      });
    });
    expect(reached, `reachable at ${outside}:${server.port}`).toBe(false);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
