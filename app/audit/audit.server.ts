/** The audit log: who did what to which key, webhook, project or member; when; from where. */
import { and, desc, eq, ilike, like, sql, type SQL } from "drizzle-orm";
import { auditLog } from "~db/schema";
import type { Actor } from "~/lib/context";
import type { Executor } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import { AUDIT_AREAS } from "./areas";

export interface AuditEntry {
  organizationId: string;
  projectId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Executor, actor: Actor, entry: AuditEntry) {
  await db.insert(auditLog).values({
    id: newId("aud"),
    organizationId: entry.organizationId,
    projectId: entry.projectId ?? null,
    actorUserId: actor.userId,
    actorEmail: actor.email,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    ipAddress: actor.ipAddress,
    userAgent: actor.userAgent,
    details: entry.details ?? {},
  });
}

export interface AuditFilters {
  /** `api_key`, `member`, …: the part of `action` before the dot. */
  area?: string | null;
  projectId?: string | null;
  actor?: string | null;
  /** Keyset cursor: the id of the last row of the previous page. */
  startingAfter?: string | null;
  limit?: number;
}

/**
 * One page of an organization's audit log, newest first, by keyset on (created_at, id).
 * Returns one extra row's worth of knowledge as `hasMore` instead of a COUNT.
 */
export async function listAuditLog(db: Executor, organizationId: string, filters: AuditFilters) {
  const limit = Math.min(Math.max(filters.limit ?? 25, 1), 100);
  const conditions: SQL[] = [eq(auditLog.organizationId, organizationId)];
  if (filters.area && (AUDIT_AREAS as readonly string[]).includes(filters.area)) {
    conditions.push(like(auditLog.action, `${filters.area.replace(/_/g, "\\_")}.%`));
  }
  if (filters.projectId) conditions.push(eq(auditLog.projectId, filters.projectId));
  if (filters.actor) conditions.push(ilike(auditLog.actorEmail, `%${filters.actor.replace(/[%_\\]/g, "\\$&")}%`));
  if (filters.startingAfter) {
    const [cursor] = await db
      .select({ createdAt: auditLog.createdAt, id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.id, filters.startingAfter)));
    if (cursor) {
      conditions.push(sql`(${auditLog.createdAt}, ${auditLog.id}) < (${sql.param(cursor.createdAt, auditLog.createdAt)}, ${cursor.id})`);
    }
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
