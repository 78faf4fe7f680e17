/**
 * The console's sign-in and sign-up forms go through better-auth's rate limiter,
 * counted per client IP in the database (so every instance shares the count).
 */
process.env.AUTH_RATE_LIMIT_PER_MINUTE = "3";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callAuthEndpoint } from "../app/lib/auth-calls.server";
import { CLIENT_IP_HEADER } from "../app/lib/auth.server";
import { createTestDatabase, type TestDatabase } from "./database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.destroy();
});

function formRequest(ip: string) {
  return new Request("http://localhost:3000/login", {
    method: "POST",
    headers: { origin: "http://localhost:3000", [CLIENT_IP_HEADER]: ip },
  });
}

describe("sign-in rate limit", () => {
  it("refuses the fourth attempt from one address within a minute, with a readable message", async () => {
    const credentials = { email: "nobody@example.com", password: "wrong-password-123" };
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await callAuthEndpoint(formRequest("203.0.113.7"), "/sign-in/email", credentials);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.status).toBe(401);
    }
    const limited = await callAuthEndpoint(formRequest("203.0.113.7"), "/sign-in/email", credentials);
    expect(limited.ok).toBe(false);
    if (!limited.ok) {
      expect(limited.status).toBe(429);
      expect(limited.message).toMatch(/Too many attempts/);
    }
    // Another address is not affected.
    const other = await callAuthEndpoint(formRequest("203.0.113.8"), "/sign-in/email", credentials);
    expect(!other.ok && other.status).toBe(401);
  });

  it("lets a correct sign-in through and returns the session cookie", async () => {
    const email = `rate-${Date.now()}@example.com`;
    const signUp = await callAuthEndpoint(formRequest("198.51.100.1"), "/sign-up/email", {
      email,
      password: "correct-horse-battery",
      name: "Rate Tester",
    });
    expect(signUp.ok).toBe(true);
    const signIn = await callAuthEndpoint(formRequest("198.51.100.2"), "/sign-in/email", {
      email,
      password: "correct-horse-battery",
    });
    expect(signIn.ok).toBe(true);
    if (signIn.ok) expect(signIn.value.headers.getSetCookie().join(";")).toMatch(/session_token=/);
  });
});

describe("two-factor code rate limit", () => {
  it.each(["/two-factor/verify-totp", "/two-factor/verify-backup-code"] as const)("refuses the fourth %s from one address within a minute", async (path) => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await callAuthEndpoint(formRequest("203.0.113.70"), path, { code: "123456" });
      // No pending sign-in: refused, but counted.
      expect(!result.ok && result.status).toBe(401);
    }
    const limited = await callAuthEndpoint(formRequest("203.0.113.70"), path, { code: "123456" });
    expect(!limited.ok && limited.status).toBe(429);
  });
});
