/**
 * Keyset pages for the console's event and delivery lists, newest first on (created_at, id),
 * both ways (`after` = older, `before` = newer), limit + 1 rows to know if more exist. The
 * cursor row's created_at is read in the same statement (microseconds kept, see
 * app/api/keyset.server.ts) and within the same scope, so a foreign id matches nothing.
 */
import { and, asc, desc, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "~/lib/db.server";

export interface Cursor {
  after?: string | null;
  before?: string | null;
}

export interface Page<Row> {
  rows: Row[];
  /** Older rows exist (a next page). */
  hasOlder: boolean;
  /** Newer rows exist (a previous page). */
  hasNewer: boolean;
}

export async function consolePage<T extends PgTable>(
  db: Executor,
  table: T,
  columns: { id: PgColumn; createdAt: PgColumn },
  scope: SQL[],
  cursor: Cursor,
  limit = 25,
): Promise<Page<T["$inferSelect"]>> {
  const backward = Boolean(cursor.before) && !cursor.after;
  const cursorId = cursor.after || cursor.before;
  const conditions = [...scope];
  if (cursorId) {
    const tableName = sql.identifier((table as unknown as { [k: symbol]: string })[Symbol.for("drizzle:Name")]);
    const cursorRow = sql`(select ${sql.identifier(columns.createdAt.name)} from ${tableName} where ${sql.identifier(columns.id.name)} = ${cursorId} and ${and(...scope)})`;
    conditions.push(
      backward
        ? sql`(${columns.createdAt}, ${columns.id}) > (${cursorRow}, ${cursorId})`
        : sql`(${columns.createdAt}, ${columns.id}) < (${cursorRow}, ${cursorId})`,
    );
  }
  const rows = (await db
    .select()
    .from(table as PgTable)
    .where(and(...conditions))
    .orderBy(...(backward ? [asc(columns.createdAt), asc(columns.id)] : [desc(columns.createdAt), desc(columns.id)]))
    .limit(limit + 1)) as T["$inferSelect"][];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  return {
    rows: page,
    hasOlder: backward ? true : more,
    hasNewer: backward ? more : Boolean(cursorId),
  };
}
