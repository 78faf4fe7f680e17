import { sql } from "drizzle-orm";
import { check, date, integer, numeric, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { project } from "./projects";
import { ts, type Mode } from "./types";

/**
 * Daily roll-ups behind the project overview's charts (docs/decisions/0009). Only settled
 * days (two days old and older, UTC) are rolled up; the recent days are read live.
 * Keys are never null ('' stands for "none"), so they can be primary keys.
 */
export const analyticsSessionDay = pgTable(
  "analytics_session_day",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    day: date("day", { mode: "string" }).notNull(),
    status: text("status").notNull(),
    destinationCurrency: text("destination_currency").notNull(),
    sessions: integer("sessions").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.mode, t.day, t.status, t.destinationCurrency] }),
    check("analytics_session_day_mode_check", sql`${t.mode} in ('test','live')`),
  ],
);

export const analyticsOrderDay = pgTable(
  "analytics_order_day",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    day: date("day", { mode: "string" }).notNull(),
    gatewayId: text("gateway_id").notNull(),
    status: text("status").notNull(),
    sourceCurrency: text("source_currency").notNull(),
    orders: integer("orders").notNull(),
    sourceAmount: numeric("source_amount").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.mode, t.day, t.gatewayId, t.status, t.sourceCurrency] }),
    check("analytics_order_day_mode_check", sql`${t.mode} in ('test','live')`),
  ],
);

/** How far a project's roll-up goes: every day up to and including `rolledThrough`. */
export const analyticsRollup = pgTable(
  "analytics_rollup",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    rolledThrough: date("rolled_through", { mode: "string" }).notNull(),
    refreshedAt: ts("refreshed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.mode] }), check("analytics_rollup_mode_check", sql`${t.mode} in ('test','live')`)],
);
