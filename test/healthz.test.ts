/** GET /healthz: 200 with the driver while the database answers, 503 when it does not. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader } from "../app/routes/healthz";
import { closeDatabase, useDatabaseHandle, type DatabaseHandle } from "../app/lib/db.server";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "./database";

describe("healthz loader", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("answers 200 with the driver when the database answers", async () => {
    useDatabaseHandle(database);
    const response = await loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({
      status: "ok",
      database: TEST_DRIVER,
      requestLog: { buffered: expect.any(Number), dropped: expect.any(Number), written: expect.any(Number), failedWrites: expect.any(Number) },
    });
  });

  it("answers 503 when the ping fails", async () => {
    let pinged = 0;
    const broken: DatabaseHandle = {
      db: database.db,
      driver: TEST_DRIVER,
      ping: async () => {
        pinged++;
        throw new Error("connection refused");
      },
      close: async () => {},
    };
    useDatabaseHandle(broken);
    const response = await loader();
    expect(pinged).toBe(1);
    expect(response.status).toBe(503);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = (await response.json()) as { status: string };
    expect(body.status).not.toBe("ok");
    expect(JSON.stringify(body)).not.toContain("connection refused");
  });

  it("answers 503 when the database cannot be opened at all", async () => {
    // No handle installed: the loader opens one from the environment, which points nowhere.
    await closeDatabase().catch(() => {});
    const previous = process.env.DATABASE_URL;
    const { resetEnvForTests } = await import("../app/lib/env.server");
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/nothing";
    resetEnvForTests();
    try {
      const response = await loader();
      expect(response.status).toBe(503);
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
      resetEnvForTests();
      await closeDatabase().catch(() => {});
    }
  });

  it("recovers once the database answers again", async () => {
    useDatabaseHandle(database);
    const response = await loader();
    expect(response.status).toBe(200);
  });
});
