/** What the server does once before it listens, and on the way down. */
import { isDatabaseEmpty, seedDemo, DEMO_USER } from "../demo/demo.server";
import { closeDatabase, databaseHandle } from "./db.server";
import { env } from "./env.server";
import { logger } from "./logger.server";

export interface StartupReport {
  driver: "pglite" | "postgres";
  demoLogin: { email: string; password: string } | null;
}

export async function startApp(): Promise<StartupReport> {
  const config = env();
  const handle = await databaseHandle();
  let demoLogin: StartupReport["demoLogin"] = null;
  const empty = await isDatabaseEmpty(handle.db);
  const shouldSeed = config.SEED_DEMO === "always" || (config.SEED_DEMO === "auto" && handle.driver === "pglite" && empty);
  if (shouldSeed) {
    const started = Date.now();
    await seedDemo(handle.db);
    logger.info("demo.seeded", { ms: Date.now() - started });
    demoLogin = { email: DEMO_USER.email, password: DEMO_USER.password };
  } else if (handle.driver === "pglite" && !empty) {
    // Remind the developer of the demo login on every embedded start.
    demoLogin = { email: DEMO_USER.email, password: DEMO_USER.password };
  }
  return { driver: handle.driver, demoLogin };
}

export async function stopApp() {
  await closeDatabase();
}
