/**
 * A person's own security events (two-factor, signed-in devices, password) belong to no one
 * organization: each organization they are a member of sees them in its audit log, so its
 * owners can tell who turned two-factor off or signed a device out.
 */
import { eq } from "drizzle-orm";
import { member } from "~db/schema";
import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/lib/context";
import type { Executor } from "~/lib/db.server";

export type AccountAuditAction =
  | "account.two_factor_enabled"
  | "account.two_factor_disabled"
  | "account.backup_codes_regenerated"
  | "account.backup_code_used"
  | "account.session_revoked"
  | "account.other_sessions_revoked"
  | "account.password_changed";

export async function recordAccountAudit(db: Executor, actor: Actor & { userId: string }, action: AccountAuditAction, details: Record<string, unknown> = {}) {
  const memberships = await db.select({ organizationId: member.organizationId }).from(member).where(eq(member.userId, actor.userId));
  for (const { organizationId } of memberships) {
    await recordAudit(db, actor, { organizationId, action, targetType: "user", targetId: actor.userId, details });
  }
}
