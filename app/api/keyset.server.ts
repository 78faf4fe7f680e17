/**
 * Keyset pagination for the lists (sessions, orders), newest first on (created_at, id).
 *
 * - The cursor condition is the row-value comparison `(created_at, id) < (c, id)`, which
 *   PostgreSQL uses as an index condition on the (project_id, mode[, filter], created_at, id)
 *   indexes; the expanded `a < x OR (a = x AND b < y)` form is only a filter (docs/decisions/0006-list-cursors.md).
 * - The cursor's created_at is read by a scalar subquery in the same statement, never
 *   round-tripped through a JS Date: timestamps have microseconds, Dates only milliseconds,
 *   and a truncated cursor would skip or repeat rows created in the same millisecond.
 * - limit + 1 rows are fetched to tell `has_more`; never OFFSET, never COUNT(*).
 * - `ending_before` walks backwards: rows newer than the cursor, oldest first, then reversed,
 *   so `has_more` says whether still newer rows exist (as Stripe's lists do).
 */
import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Mode } from "~db/schema/types";
import type { Executor } from "~/lib/db.server";
import { DomainError } from "~/lib/domain-error";
import { createdRange, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, type ListQuery } from "./list-params";

/** Whose rows a list shows: a ProjectContext fits, and so does a bare `{ db, projectId, mode }`. */
export interface ListScope {
  db: Executor;
  projectId: string;
  mode: Mode;
}

/** A table that can be listed: the scope and keyset columns plus the list filter columns (docs/api-contract.md#lists). */
export interface KeysetSource<T extends PgTable> {
  table: T;
  /** Singular, for messages: "session". */
  noun: string;
  columns: {
    id: PgColumn;
    projectId: PgColumn;
    mode: PgColumn;
    createdAt: PgColumn;
    /** The filter columns; a table without one (customers) cannot be filtered by it. */
    status?: PgColumn;
    /** `type`: onramp | offramp for sessions, buy | sell for orders. */
    type?: PgColumn;
    destinationCurrency?: PgColumn;
    /** `destination_network` in the query parameters. */
    network?: PgColumn;
  };
}

export interface KeysetOptions {
  /**
   * Rows per page beyond the API's 100, for server-side readers that page through a whole
   * list (the console's CSV export); the API never passes it.
   */
  maxLimit?: number;
}

export interface ListPage<Row> {
  data: Row[];
  hasMore: boolean;
}

/** One page of `source` for `scope`, filtered and paged as `query` says (and by `extra` conditions, for the console). */
export async function keysetPage<T extends PgTable>(
  scope: ListScope,
  source: KeysetSource<T>,
  query: ListQuery,
  extra: SQL[] = [],
  options: KeysetOptions = {},
): Promise<ListPage<T["$inferSelect"]>> {
  if (query.startingAfter && query.endingBefore) {
    throw new DomainError("VALIDATION_ERROR", "Invalid query parameters.", [
      { field: "ending_before", message: "Use starting_after or ending_before, not both." },
    ]);
  }
  const c = source.columns;
  const limit = Math.min(options.maxLimit ?? MAX_LIST_LIMIT, Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIST_LIMIT)));
  const backward = Boolean(query.endingBefore);
  const cursorId = query.startingAfter ?? query.endingBefore;
  const cursorField = backward ? "ending_before" : "starting_after";

  const scopeConditions = [eq(c.projectId, scope.projectId), eq(c.mode, scope.mode)];
  const conditions: SQL[] = [...scopeConditions, ...extra];
  if (query.status) conditions.push(eq(filterColumn(source, "status"), query.status));
  if (query.type) conditions.push(eq(filterColumn(source, "type"), query.type));
  if (query.destinationCurrency) conditions.push(eq(filterColumn(source, "destinationCurrency"), query.destinationCurrency));
  if (query.destinationNetwork) conditions.push(eq(filterColumn(source, "network"), query.destinationNetwork));
  const range = createdRange(query.created ?? {});
  // Drizzle's operators map the Date through the column, so this binds on both drivers.
  if (range.from) conditions.push(gte(c.createdAt, range.from));
  if (range.to) conditions.push(lt(c.createdAt, range.to));
  if (cursorId) {
    // The cursor row is looked up within the same project and mode: another tenant's id
    // yields NULL, so the comparison admits no row (and the check below reports it).
    const k = sql.identifier("cursor_row");
    const cursorCreatedAt = sql`(select ${k}.${sql.identifier(c.createdAt.name)} from ${source.table} as ${k} where ${k}.${sql.identifier(c.id.name)} = ${cursorId} and ${k}.${sql.identifier(c.projectId.name)} = ${scope.projectId} and ${k}.${sql.identifier(c.mode.name)} = ${scope.mode})`;
    conditions.push(
      backward ? sql`(${c.createdAt}, ${c.id}) > (${cursorCreatedAt}, ${cursorId})` : sql`(${c.createdAt}, ${c.id}) < (${cursorCreatedAt}, ${cursorId})`,
    );
  }

  const rows = (await scope.db
    .select()
    .from(source.table as PgTable)
    .where(and(...conditions))
    .orderBy(...(backward ? [asc(c.createdAt), asc(c.id)] : [desc(c.createdAt), desc(c.id)]))
    .limit(limit + 1)) as T["$inferSelect"][];

  if (rows.length === 0 && cursorId) {
    // Only an empty page can come from an unknown cursor: check it then, not on every page.
    const [found] = await scope.db
      .select({ id: c.id })
      .from(source.table as PgTable)
      .where(and(eq(c.id, cursorId), ...scopeConditions))
      .limit(1);
    if (!found) {
      throw new DomainError("VALIDATION_ERROR", `No such ${source.noun}: '${cursorId}'.`, [
        { field: cursorField, message: `No such ${source.noun}: '${cursorId}'. Use the id of an item from an earlier page of this list.` },
      ]);
    }
  }

  const hasMore = rows.length > limit;
  const data = rows.slice(0, limit);
  if (backward) data.reverse();
  return { data, hasMore };
}

function filterColumn<T extends PgTable>(source: KeysetSource<T>, name: "status" | "type" | "destinationCurrency" | "network"): PgColumn {
  const column = source.columns[name];
  // A programming error (the parameter parser only admits filters a list has), not bad input.
  if (!column) throw new Error(`The ${source.noun} list has no ${name} filter`);
  return column;
}

/** The list envelope (docs/api-contract.md#lists): `{ object: "list", url, has_more, data }`. */
export function listBody<Row, Item>(url: string, page: ListPage<Row>, serialize: (row: Row) => Item) {
  return { object: "list" as const, url, has_more: page.hasMore, data: page.data.map(serialize) };
}
