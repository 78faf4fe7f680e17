/**
 * The request log's daily partitions (docs/decisions/0015-request-log.md): `request_log_pYYYYMMDD`
 * holds the UTC day's rows. Start-up and an hourly job on the queue create the coming days'
 * partitions and drop those wholly older than REQUEST_LOG_RETENTION_DAYS: expiry is a
 * DROP TABLE of a day, never a DELETE of rows. Works the same on PGlite.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Database, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { ensureQueue, runningQueue, work } from "~/lib/queue.server";

export const MAINTENANCE_QUEUE = "request-log-maintenance";
/** Arbitrary constant: serialises partition changes across instances. */
const PARTITION_LOCK_ID = 727_016;
/** Days ahead that always have a partition. */
const DAYS_AHEAD = 3;
const DAY_MS = 86_400_000;

function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function partitionName(day: Date) {
  return `request_log_p${day.toISOString().slice(0, 10).replaceAll("-", "")}`;
}

/** PostgreSQL's "no partition of relation … found for row" (23514 with that text). */
export function isMissingPartition(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    if (/no partition of relation/i.test(String((current as { message?: unknown }).message ?? ""))) return true;
  }
  return false;
}

/** Creates the partition of every day in `instants` (each once; existing ones are left alone). */
export async function ensurePartitions(db: Database, instants: Date[]) {
  const days = [...new Set(instants.map((d) => utcDay(d).getTime()))].map((t) => new Date(t));
  if (!days.length) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK_ID})`);
    const existing = new Set(await partitionNames(tx));
    for (const day of days) {
      const name = partitionName(day);
      if (existing.has(name)) continue;
      const from = day.toISOString();
      const to = new Date(day.getTime() + DAY_MS).toISOString();
      await tx.execute(sql.raw(`create table if not exists "${name}" partition of "request_log" for values from ('${from}') to ('${to}')`));
    }
  });
}

async function partitionNames(db: Executor): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent
      where p.relname = 'request_log'`),
  );
  return rows.map((r) => r.name).filter((name) => /^request_log_p\d{8}$/.test(name));
}

/** The days that have a partition, oldest first (for tests and the bench). */
export async function listPartitionDays(db: Executor): Promise<string[]> {
  return (await partitionNames(db)).map((n) => `${n.slice(13, 17)}-${n.slice(17, 19)}-${n.slice(19, 21)}`).sort();
}

/**
 * Creates today's and the next days' partitions and drops every partition whose whole day is
 * older than `retentionDays` (a row of day D is kept until D + 1 + retentionDays). Returns
 * the dropped days.
 */
export async function maintainPartitions(db: Database, now = new Date(), retentionDays = env().REQUEST_LOG_RETENTION_DAYS): Promise<string[]> {
  const today = utcDay(now);
  await ensurePartitions(
    db,
    Array.from({ length: DAYS_AHEAD + 1 }, (_, i) => new Date(today.getTime() + i * DAY_MS)),
  );
  const keepFrom = now.getTime() - retentionDays * DAY_MS;
  const dropped: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK_ID})`);
    for (const name of await partitionNames(tx)) {
      const day = Date.UTC(Number(name.slice(13, 17)), Number(name.slice(17, 19)) - 1, Number(name.slice(19, 21)));
      if (day + DAY_MS > keepFrom) continue;
      await tx.execute(sql.raw(`drop table if exists "${name}"`));
      dropped.push(new Date(day).toISOString().slice(0, 10));
    }
    // The Errors view's hourly counts go with their days (a day is dropped once it ends before keepFrom's day).
    await tx.execute(sql`delete from request_log_error_hours where hour < ${utcDay(new Date(keepFrom)).toISOString()}`);
  });
  if (dropped.length) logger.info("request_log.partitions_dropped", { days: dropped, retentionDays });
  return dropped;
}

const HOUR_SECONDS = 3600;

/**
 * Start-up: maintain once now, then hourly on the job queue (the job runs maintenance and
 * queues the next one; the singleton key keeps several instances from queuing one each).
 */
export async function startPartitionMaintenance(db: Database) {
  await maintainPartitions(db);
  const boss = runningQueue();
  if (!boss) return;
  await ensureQueue(MAINTENANCE_QUEUE, { expireInSeconds: 300, retryLimit: 3, retryDelay: 60, deleteAfterSeconds: 86_400 });
  const next = () => boss.send(MAINTENANCE_QUEUE, {}, { startAfter: HOUR_SECONDS, singletonKey: "hourly", singletonSeconds: HOUR_SECONDS });
  await work(MAINTENANCE_QUEUE, { pollingIntervalSeconds: 60 }, async () => {
    await maintainPartitions(db);
    await next();
  });
  await next();
}
