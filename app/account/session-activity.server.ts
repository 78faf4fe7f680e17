/**
 * "Last active" on the devices list. better-auth refreshes a session's row at most once a day
 * (session.updateAge); the console's guard marks it active at most every few minutes, so the
 * list is right to those minutes without a write per request.
 */
import { and, eq, lt } from "drizzle-orm";
import { session } from "~db/schema";
import type { Executor } from "~/lib/db.server";

export const ACTIVITY_RESOLUTION_MS = 5 * 60_000;

export async function markSessionActive(db: Executor, sessionId: string, lastActiveAt: Date, now = new Date()) {
  if (now.getTime() - lastActiveAt.getTime() < ACTIVITY_RESOLUTION_MS) return;
  // Conditional, so that parallel loaders of one page write once.
  await db
    .update(session)
    .set({ updatedAt: now })
    .where(and(eq(session.id, sessionId), lt(session.updatedAt, new Date(now.getTime() - ACTIVITY_RESOLUTION_MS))));
}
