/**
 * The Errors view: failed requests (status ≥ 400) of the last 24 hours or 7 days, grouped by
 * endpoint and error code, with counts per time bucket for a sparkline. One aggregate over the
 * partial index of failed requests (request_log_failed_idx), whatever the log's size.
 */
import { and, eq, gte, sql } from "drizzle-orm";
import { requestLog } from "~db/schema";
import type { ListScope } from "~/api/keyset.server";
import { rowsOf } from "~/lib/db.server";

import { ERROR_RANGES } from "./constants";

export type ErrorRange = keyof typeof ERROR_RANGES;

export function isErrorRange(value: unknown): value is ErrorRange {
  return typeof value === "string" && Object.hasOwn(ERROR_RANGES, value);
}

export interface ErrorGroup {
  endpoint: string | null;
  errorCode: string;
  count: number;
  /** Requests per bucket, oldest first. */
  series: number[];
  lastAt: string;
  lastRequestId: string;
  statuses: number[];
}

export interface ErrorSummary {
  range: ErrorRange;
  /** Unix seconds: the start of the window (the Logs link's created[gte]). */
  since: number;
  bucketSeconds: number;
  total: number;
  groups: ErrorGroup[];
}

export async function summariseErrors(scope: ListScope, range: ErrorRange, now = new Date()): Promise<ErrorSummary> {
  const { seconds, buckets } = ERROR_RANGES[range];
  const bucketSeconds = seconds / buckets;
  const sinceSeconds = Math.floor(now.getTime() / 1000) - seconds;
  const since = new Date(sinceSeconds * 1000);
  const bucket = sql<number>`floor((extract(epoch from ${requestLog.createdAt}) - ${sinceSeconds}) / ${bucketSeconds})::int`;
  const rows = rowsOf<{
    endpoint: string | null;
    error_code: string;
    bucket: number;
    count: number;
    last_at: string | Date;
    last_id: string;
    statuses: number[];
  }>(
    await scope.db.execute(sql`
      select ${requestLog.endpoint} as endpoint, ${requestLog.errorCode} as error_code, ${bucket} as bucket, count(*)::int as count,
             max(${requestLog.createdAt}) as last_at, (array_agg(${requestLog.id} order by ${requestLog.createdAt} desc))[1] as last_id,
             array_agg(distinct ${requestLog.status}::int) as statuses
      from ${requestLog}
      where ${and(eq(requestLog.projectId, scope.projectId), eq(requestLog.mode, scope.mode), gte(requestLog.createdAt, since))} and ${sql.raw(`"request_log"."status" >= 400`)}
      group by 1, 2, 3`),
  );
  const groups = new Map<string, ErrorGroup>();
  for (const row of rows) {
    const key = `${row.endpoint ?? ""}\u0000${row.error_code}`;
    let group = groups.get(key);
    if (!group) {
      group = { endpoint: row.endpoint, errorCode: row.error_code, count: 0, series: Array(buckets).fill(0), lastAt: "", lastRequestId: "", statuses: [] };
      groups.set(key, group);
    }
    const count = Number(row.count);
    group.count += count;
    const index = Math.min(buckets - 1, Math.max(0, Number(row.bucket)));
    group.series[index]! += count;
    const lastAt = new Date(row.last_at).toISOString();
    if (lastAt > group.lastAt) {
      group.lastAt = lastAt;
      group.lastRequestId = row.last_id;
    }
    for (const status of parseStatuses(row.statuses)) if (!group.statuses.includes(status)) group.statuses.push(status);
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
  for (const group of sorted) group.statuses.sort();
  return { range, since: sinceSeconds, bucketSeconds, total: sorted.reduce((n, g) => n + g.count, 0), groups: sorted };
}

/** An int[] from either driver (an array, or PGlite/postgres text `{400,404}`). */
function parseStatuses(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  if (typeof value === "string") return value.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
  return [];
}
