/** The delivery workers of this process (started by startApp, stopped by stopApp; starting twice is a no-op). */
import type { Database } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { ensureQueue, runningQueue, work } from "~/lib/queue.server";
import { attemptDeliveries, configureDelivery, DELIVERY_QUEUE, sweepOverdueDeliveries, type DeliveryConfig, type DeliveryJob } from "./delivery.server";

interface WorkerOptions extends Partial<DeliveryConfig> {
  db: Database;
  /** Jobs fetched per batch and sent concurrently. */
  batchSize?: number;
  /** Concurrent batches in this process. */
  localConcurrency?: number;
  /** Backstop poll while LISTEN/NOTIFY wakes the workers (a retry's start time is found by it). */
  pollingIntervalSeconds?: number;
  sweepIntervalMs?: number;
}

let sweepTimer: NodeJS.Timeout | undefined;
let working = false;

/**
 * Creates (or updates) the delivery queue. Every instance does this at start, with or without
 * workers, so its state changes can write delivery jobs.
 * expireInSeconds > the 45 s lease > the 30 s request timeout: a job of a dead process is
 * handed out again only once its lease has lapsed. pg-boss's own retries cover crashes and
 * database errors; the HTTP retry schedule is ours (a new job per attempt).
 */
export async function ensureDeliveryQueue() {
  await ensureQueue(DELIVERY_QUEUE, {
    expireInSeconds: 60,
    retryLimit: 20,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 600,
    deleteAfterSeconds: 7 * 86_400,
    notify: true,
  });
}

export async function startWebhookDelivery(options: WorkerOptions) {
  const boss = runningQueue();
  if (!boss) throw new Error("Start the job queue first");
  configureDelivery({
    ...(options.retryScheduleMs ? { retryScheduleMs: options.retryScheduleMs } : {}),
    ...(options.disableAfterMs ? { disableAfterMs: options.disableAfterMs } : {}),
  });
  await ensureDeliveryQueue();
  if (working) return;
  working = true;
  const polling = options.pollingIntervalSeconds ?? 1;
  await work<DeliveryJob>(
    DELIVERY_QUEUE,
    {
      batchSize: options.batchSize ?? 25,
      localConcurrency: options.localConcurrency ?? 4,
      pollingIntervalSeconds: polling,
      notifyPollingIntervalSeconds: polling,
      burstWhenBatchFull: true,
    },
    async (jobs) => {
      // Each job settles its own delivery; a throw (database down) retries the whole batch,
      // which is safe: finished deliveries are skipped, held ones left to their holder.
      await attemptDeliveries(
        options.db,
        jobs.map((job) => job.data),
      );
    },
  );
  if (!sweepTimer) {
    sweepTimer = setInterval(() => {
      sweepOverdueDeliveries(options.db).catch((error) =>
        logger.warn("webhook.sweep_failed", { error: error instanceof Error ? error.message : String(error) }),
      );
    }, options.sweepIntervalMs ?? 30_000);
    sweepTimer.unref();
  }
  // Rows left by a process without a queue are due at once.
  await sweepOverdueDeliveries(options.db);
}

export async function stopWebhookDelivery() {
  if (sweepTimer) clearInterval(sweepTimer);
  sweepTimer = undefined;
  working = false;
  const boss = runningQueue();
  if (boss) await boss.offWork(DELIVERY_QUEUE, { wait: true }).catch(() => {});
}
