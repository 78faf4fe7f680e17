/**
 * The hourly counts of failed requests (request_log_error_hours) that the Errors view reads: added
 * with each batch of log rows, rebuilt from the log where rows arrived another way (the benchmark's
 * bulk insert). Hours are UTC.
 */
import { sql } from "drizzle-orm";
import { type requestLog, requestLogErrorHours } from "~db/schema";
import type { Database } from "~/lib/db.server";

type LogRow = typeof requestLog.$inferInsert;
type ErrorHour = typeof requestLogErrorHours.$inferInsert;
type Executor = Pick<Database, "insert" | "execute">;

const HOUR_MS = 3_600_000;

/** One entry per project, mode, hour, endpoint and error code among the failed rows of a batch. */
export function errorHoursOf(rows: LogRow[]): ErrorHour[] {
  const hours = new Map<string, ErrorHour & { statuses: number[] }>();
  for (const row of rows) {
    if (row.status < 400) continue;
    const at = row.createdAt ?? new Date();
    const hour = new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
    const endpoint = row.endpoint ?? "";
    const errorCode = row.errorCode ?? `HTTP_${row.status}`;
    const key = [row.projectId, row.mode, hour.getTime(), endpoint, errorCode].join("\u0000");
    const entry = hours.get(key);
    if (!entry) {
      hours.set(key, {
        projectId: row.projectId,
        mode: row.mode,
        hour,
        endpoint,
        errorCode,
        count: 1,
        statuses: [row.status],
        lastAt: at,
        lastRequestId: row.id,
      });
      continue;
    }
    entry.count += 1;
    if (!entry.statuses.includes(row.status)) entry.statuses.push(row.status);
    // The last request: the latest, and of two in the same millisecond the greater id (as the SQL below decides).
    if (at > entry.lastAt || (at.getTime() === entry.lastAt.getTime() && row.id > entry.lastRequestId)) {
      entry.lastAt = at;
      entry.lastRequestId = row.id;
    }
  }
  return [...hours.values()].map((h) => ({ ...h, statuses: h.statuses.sort((a, b) => a - b) }));
}

/** Adds a batch's counts (one statement; concurrent writers meet on the primary key). */
export async function addErrorHours(db: Executor, hours: ErrorHour[]) {
  const t = requestLogErrorHours;
  await db
    .insert(t)
    .values(hours)
    .onConflictDoUpdate({
      target: [t.projectId, t.mode, t.hour, t.endpoint, t.errorCode],
      set: {
        count: sql`${t.count} + excluded.count`,
        statuses: sql`array(select distinct s from unnest(${t.statuses} || excluded.statuses) as s order by s)`,
        // Both read the row as it was before this update. Ties on time go to the greater id (byte order, as in JS).
        lastRequestId: sql`case when (excluded.last_at, excluded.last_request_id collate "C") > (${t.lastAt}, ${t.lastRequestId} collate "C") then excluded.last_request_id else ${t.lastRequestId} end`,
        lastAt: sql`greatest(${t.lastAt}, excluded.last_at)`,
      },
    });
}

/**
 * Recounts every hour from the log itself (migration 0011's backfill, with the tie rule above), in
 * one transaction that holds the flushes off: a flush landing between the delete and the insert
 * would add an hour that the insert then adds again (a duplicate key, or a request counted twice).
 */
export async function rebuildErrorHours(db: Database) {
  await db.transaction(async (tx) => {
    // Conflicts with the flushes' row-exclusive lock, not with readers (the Errors view).
    await tx.execute(sql`lock table request_log_error_hours in share row exclusive mode`);
    await tx.execute(sql`delete from request_log_error_hours`);
    await tx.execute(sql`
      insert into request_log_error_hours (project_id, mode, hour, endpoint, error_code, count, statuses, last_at, last_request_id)
      select project_id, mode, date_trunc('hour', created_at at time zone 'UTC') at time zone 'UTC', coalesce(endpoint, ''),
             coalesce(error_code, 'HTTP_' || status), count(*)::int, array_agg(distinct status order by status), max(created_at),
             (array_agg(id order by created_at desc, id collate "C" desc))[1]
      from request_log where status >= 400 group by 1, 2, 3, 4, 5`);
  });
}
