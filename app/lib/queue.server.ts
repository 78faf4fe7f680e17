/**
 * The job queue: pg-boss on both databases (docs/decisions/0008-webhook-delivery-queue.md).
 * - PGlite: pg-boss's `pglite` backend over the app's own PGlite instance (one process per
 *   data folder), with in-process LISTEN/NOTIFY wake-ups.
 * - PostgreSQL: pg-boss's own small `pg` pool on DATABASE_URL, so LISTEN/NOTIFY wakes every
 *   instance; fetching uses SKIP LOCKED, so a job runs in one worker at a time across instances.
 * Jobs are written with `sendInTransaction` in the caller's drizzle transaction, so a job
 * exists exactly when the change that needs it committed.
 */
import { sql } from "drizzle-orm";
import { fromDrizzle, fromPglite, PgBoss, type JobInsert, type QueueOptions, type WorkHandler, type WorkOptions } from "pg-boss";
import type { DatabaseHandle, Executor } from "./db.server";
import { logger } from "./logger.server";

const globalForQueue = globalThis as unknown as { __rampQueue?: PgBoss; __rampQueues?: Set<string> };
/** Queues known to exist: jobs are only written to these (pg-boss refuses an unknown queue). */
const readyQueues = (globalForQueue.__rampQueues ??= new Set<string>());

export interface QueueStartOptions {
  handle: DatabaseHandle;
  /** PostgreSQL URL; absent on the embedded default. */
  databaseUrl?: string;
  /** pg-boss pool size on PostgreSQL. */
  maxConnections?: number;
}

export async function startQueue(options: QueueStartOptions): Promise<PgBoss> {
  if (globalForQueue.__rampQueue) return globalForQueue.__rampQueue;
  const common = {
    schema: "pgboss",
    // Cron schedules are not used; maintenance (expiring dead jobs, clean-up) is.
    schedule: false,
    supervise: true,
    superviseIntervalSeconds: 30,
    useListenNotify: true,
  } as const;
  const boss =
    options.handle.driver === "pglite"
      ? new PgBoss({ ...common, backend: "pglite", db: fromPglite((options.handle.db as unknown as { $client: Parameters<typeof fromPglite>[0] }).$client) })
      : new PgBoss({ ...common, connectionString: options.databaseUrl, max: options.maxConnections ?? 4, application_name: "ramp-queue" });
  boss.on("error", (error: Error) => logger.warn("queue.error", { error: error.message }));
  globalForQueue.__rampQueue = boss;
  try {
    await boss.start();
  } catch (error) {
    globalForQueue.__rampQueue = undefined;
    throw error;
  }
  return boss;
}

export function runningQueue(): PgBoss | undefined {
  return globalForQueue.__rampQueue;
}

export async function stopQueue() {
  const boss = globalForQueue.__rampQueue;
  globalForQueue.__rampQueue = undefined;
  readyQueues.clear();
  // Not graceful-forever: a job cut short is fetched again once it expires (at-least-once).
  if (boss) await boss.stop({ graceful: true, timeout: 5_000, close: true });
}

/** Creates the queue if needed (idempotent, safe when several instances start together). */
export async function ensureQueue(name: string, options: QueueOptions & { notify?: boolean }) {
  const boss = runningQueue();
  if (!boss) throw new Error("The job queue is not running");
  const existing = await boss.getQueue(name);
  if (!existing) {
    try {
      await boss.createQueue(name, options);
    } catch (error) {
      // Another instance created it between our check and our create.
      if (!(await boss.getQueue(name))) throw error;
    }
  } else {
    await boss.updateQueue(name, options);
  }
  // updateQueue drops pg-boss's cached queue row; the next insert would read it again through
  // pg-boss's own connection. Inside a caller's transaction on PGlite (one connection, held by
  // that transaction) that read would wait forever, so the cache is filled here, outside any.
  await boss.insert(name, []);
  readyQueues.add(name);
}

export async function work<T extends object>(name: string, options: WorkOptions, handler: WorkHandler<T>) {
  const boss = runningQueue();
  if (!boss) throw new Error("The job queue is not running");
  return boss.work<T>(name, options as never, handler as never);
}

/**
 * Writes jobs inside the caller's transaction. Returns false when no queue runs in this
 * process (scripts, some tests) or the queue was not set up: the caller's own rows must then
 * be picked up later (a failed insert would abort the caller's transaction).
 */
export async function sendInTransaction(tx: Executor, name: string, jobs: JobInsert[]): Promise<boolean> {
  const boss = runningQueue();
  if (!boss || jobs.length === 0 || !readyQueues.has(name)) return false;
  await boss.insert(name, jobs, { db: fromDrizzle(tx as never, sql as never) });
  return true;
}
