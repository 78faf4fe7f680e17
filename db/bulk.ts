/**
 * Bulk insert for seeding and benchmarks: one `INSERT … SELECT FROM unnest(…)` per
 * batch, with one array parameter per column instead of one parameter per value.
 * Several times faster than a multi-row VALUES insert, on both drivers.
 */
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./client";

function toText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * A PostgreSQL array literal (`{"a","b",NULL}`). Sent as one text parameter and cast,
 * so neither driver needs to know how to serialise arrays of each type.
 */
function arrayLiteral(values: (string | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)).join(",")}}`;
}

export async function bulkInsert<T extends PgTable>(db: Executor, table: T, rows: T["$inferInsert"][]) {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
  const arrays: SQL[] = columns.map(([key, column]) => {
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      // A column left out of one row takes its default, like drizzle's insert.
      return toText(value === undefined ? (column.default ?? (column.defaultFn ? column.defaultFn() : null)) : value);
    });
    return sql`(${arrayLiteral(values)}::text)::${sql.raw(column.getSQLType())}[]`;
  });
  await db.execute(
    sql`insert into ${table} (${sql.join(
      columns.map(([, column]) => sql.identifier(column.name)),
      sql`, `,
    )}) select * from unnest(${sql.join(arrays, sql`, `)})`,
  );
}
