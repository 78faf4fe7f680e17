import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { project } from "./projects";
import { createdAt, type Mode } from "./types";

/** One customer per project, mode and partner-side id (`externalCustomerId`). */
export const customer = pgTable(
  "customer",
  {
    id: text("id").primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    externalId: text("external_id"),
    email: text("email"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("customer_external_idx").on(t.projectId, t.mode, t.externalId),
    // Support search by email.
    index("customer_email_idx").on(t.projectId, t.mode, t.email),
    index("customer_list_idx").on(t.projectId, t.mode, t.createdAt.desc(), t.id.desc()),
    check("customer_mode_check", sql`${t.mode} in ('test','live')`),
  ],
);
