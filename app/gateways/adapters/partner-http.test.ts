/**
 * The shared partner call: whatever goes wrong at a gateway reaches the partner as
 * GATEWAY_UNAVAILABLE "<Gateway>: <their words>", and never with a credential in it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "~/lib/domain-error";
import { partnerFetch, refusedWithStatus, scrub } from "./partner-http";

const SECRET = "sk_live_0123456789abcdef";
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/echo") {
      res.writeHead(401, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: `Invalid API key ${SECRET}` }));
    } else if (path === "/html") {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html>Bad gateway</html>");
    } else if (path === "/ok-not-json") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end("fine");
    } else {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"fine":true}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(path: string) {
  const error = await partnerFetch({
    gateway: "Example",
    method: "GET",
    url: `${base}${path}?apiKey=${SECRET}`,
    secrets: [SECRET],
    errorMessage: (body) => (body as { message?: string } | null)?.message ?? null,
  }).catch((e: unknown) => e);
  expect(isDomainError(error, "GATEWAY_UNAVAILABLE")).toBe(true);
  return error as Error;
}

describe("partnerFetch", () => {
  it("answers the parsed JSON of a 2xx answer", async () => {
    await expect(partnerFetch({ gateway: "Example", method: "GET", url: `${base}/`, secrets: [], errorMessage: () => null })).resolves.toEqual({ fine: true });
  });

  it("a gateway that echoes our key in its error message has it scrubbed, and the status is kept for the adapter", async () => {
    const error = await failure("/echo");
    expect(error.message).toBe("Example: Invalid API key [redacted]");
    expect(refusedWithStatus(error)).toBe(401);
  });

  it("a non-JSON error answer says its HTTP status, never the URL (which may hold a key)", async () => {
    const error = await failure("/html");
    expect(error.message).toBe("Example: HTTP 502");
    expect(error.message).not.toContain(SECRET);
  });

  it("a 2xx answer that is not JSON is the gateway's fault too", async () => {
    expect((await failure("/ok-not-json")).message).toMatch(/^Example: answered HTTP 200 with a body that is not JSON\.$/);
  });
});

describe("scrub", () => {
  it("removes every secret, collapses whitespace and cuts long messages", () => {
    expect(scrub(`a ${SECRET}\n\n b ${SECRET}`, [SECRET])).toBe("a [redacted] b [redacted]");
    expect(scrub("x".repeat(500), [])).toHaveLength(300);
  });
});
