/**
 * better-auth's trusted origins: BASE_URL's origin only. Its localhost/127.0.0.1 twin (the
 * same machine under another name) is trusted in development alone: in production another
 * origin is another site. (better-auth checks no origin under NODE_ENV=test, so this reads its
 * configuration; test/hostile-server.test.ts signs in from the twin on the production server.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "../app/lib/auth.server";
import { resetEnvForTests } from "../app/lib/env.server";
import { createTestDatabase, type TestDatabase } from "./database";

let database: TestDatabase;
const NODE_ENV = process.env.NODE_ENV;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterEach(() => {
  process.env.NODE_ENV = NODE_ENV;
  resetEnvForTests();
});

afterAll(async () => {
  await database?.destroy();
});

function trustedOriginsUnder(nodeEnv: "production" | "test" | "development") {
  process.env.NODE_ENV = nodeEnv;
  resetEnvForTests();
  // BASE_URL is http://localhost:3000 in tests (test/setup.ts).
  return createAuth(database.db).options.trustedOrigins;
}

describe("trusted origins", () => {
  it("are BASE_URL's origin alone in production (and under test)", () => {
    expect(trustedOriginsUnder("production")).toEqual(["http://localhost:3000"]);
    expect(trustedOriginsUnder("test")).toEqual(["http://localhost:3000"]);
  });

  it("add the 127.0.0.1 twin in development", () => {
    expect(trustedOriginsUnder("development")).toEqual(["http://localhost:3000", "http://127.0.0.1:3000"]);
  });
});
