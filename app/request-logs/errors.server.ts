/**
 * The Errors view: failed requests (status ≥ 400) of the last 24 hours or 7 days, grouped by
 * endpoint and error code, with counts per time bucket for a sparkline. Read from the hourly
 * counts (error-hours.server.ts): at most a few hundred rows, whatever the log's size.
 */
import { and, eq, gte } from "drizzle-orm";
import { requestLogErrorHours } from "~db/schema";
import type { ListScope } from "~/api/keyset.server";

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
  // Buckets on whole UTC hours (the counts are hourly): the last one is the current, partial one.
  const sinceSeconds = (Math.floor(now.getTime() / 1000 / bucketSeconds) - (buckets - 1)) * bucketSeconds;
  const t = requestLogErrorHours;
  const rows = await scope.db
    .select()
    .from(t)
    .where(and(eq(t.projectId, scope.projectId), eq(t.mode, scope.mode), gte(t.hour, new Date(sinceSeconds * 1000))));
  const groups = new Map<string, ErrorGroup>();
  for (const row of rows) {
    const key = `${row.endpoint}\u0000${row.errorCode}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        endpoint: row.endpoint || null,
        errorCode: row.errorCode,
        count: 0,
        series: Array(buckets).fill(0),
        lastAt: "",
        lastRequestId: "",
        statuses: [],
      };
      groups.set(key, group);
    }
    group.count += row.count;
    const index = Math.floor((row.hour.getTime() / 1000 - sinceSeconds) / bucketSeconds);
    group.series[Math.min(buckets - 1, Math.max(0, index))]! += row.count;
    const lastAt = new Date(row.lastAt).toISOString();
    if (lastAt > group.lastAt) {
      group.lastAt = lastAt;
      group.lastRequestId = row.lastRequestId;
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
