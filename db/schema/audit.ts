import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { organization } from "./auth";
import { createdAt } from "./types";

/** Who did what to which key, webhook, project or member; when; from where. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    projectId: uuid("project_id"),
    /** Null for actions taken by the system (e.g. an endpoint auto-disabled). */
    actorUserId: text("actor_user_id"),
    actorEmail: text("actor_email"),
    /** Dotted verb, e.g. `api_key.rolled`, `member.invited`. */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_org_idx").on(t.organizationId, t.createdAt, t.id), index("audit_log_target_idx").on(t.targetType, t.targetId)],
);
