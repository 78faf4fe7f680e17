/** What the server does once before it listens, and on the way down. */
import { closeApiRateLimiter } from "~/api/rate-limit.server";
import { listenForKeyChanges } from "~/keys/key-check.server";
import { isDatabaseEmpty, seedDemo, DEMO_USER } from "~/demo/demo.server";
import { expireDueSessions } from "~/sessions/sessions.server";
import { expireOverdueSellOrders } from "~/orders/sell.server";
import { closeDatabase, databaseHandle } from "./db.server";
import { env } from "./env.server";
import { logger } from "./logger.server";
import { startQueue, stopQueue } from "./queue.server";
import { startPartitionMaintenance } from "~/request-logs/partitions.server";
import { stopRequestLog } from "~/request-logs/record.server";
import { ensureDeliveryQueue, startWebhookDelivery, stopWebhookDelivery } from "~/webhooks/worker.server";

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
  startSessionExpirySweep();
  await startQueue({ handle, databaseUrl: config.DATABASE_URL });
  await ensureDeliveryQueue();
  if (config.WEBHOOK_WORKERS) await startWebhookDelivery({ db: handle.db });
  stopListeningForKeyChanges = await listenForKeyChanges(handle);
  await startPartitionMaintenance(handle.db);
  return { driver: handle.driver, demoLogin };
}

let stopListeningForKeyChanges: (() => Promise<void>) | undefined;

const SWEEP_INTERVAL_MS = 30_000;
let sweep: NodeJS.Timeout | undefined;

/**
 * Marks due sessions expired every 30 s (requests also expire a due session they touch,
 * so the answer is right even between sweeps). Every instance may sweep: rows are claimed
 * with SKIP LOCKED. The webhooks issue moves this onto the job queue's scheduler.
 */
function startSessionExpirySweep() {
  if (sweep) return;
  sweep = setInterval(async () => {
    try {
      const handle = await databaseHandle();
      while ((await expireDueSessions(handle.db)) > 0) {
        /* next batch */
      }
      // Sell orders whose deposit never arrived by its deadline.
      while ((await expireOverdueSellOrders(handle.db)) > 0) {
        /* next batch */
      }
    } catch (error) {
      logger.warn("sessions.expiry_sweep_failed", { error: error instanceof Error ? error.message : String(error) });
    }
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
}

export async function stopApp() {
  if (sweep) clearInterval(sweep);
  sweep = undefined;
  await stopListeningForKeyChanges?.();
  stopListeningForKeyChanges = undefined;
  // Before the database closes: the requests answered so far are written.
  await stopRequestLog();
  await stopWebhookDelivery();
  await stopQueue();
  await closeApiRateLimiter();
  await closeDatabase();
}
