/** The audit log: who did what to which key, webhook, project or member; when; from where. */
import { auditLog } from "../../db/schema";
import type { Actor } from "../lib/context";
import type { Executor } from "../lib/db.server";
import { newId } from "../lib/ids";

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
