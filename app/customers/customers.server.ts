/** Customers (`cust_…`): one per project, mode and partner-side id, also under concurrency. */
import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { PgInsertValue } from "drizzle-orm/pg-core";
import { customer, order } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { preparedPerDatabase, type Executor } from "~/lib/db.server";
import { newId } from "~/lib/ids";

interface CustomerScope {
  projectId: string;
  mode: Mode;
}

/**
 * INSERT … ON CONFLICT DO UPDATE (a no-op) RETURNING: RETURNING then gives the existing
 * row too, so one statement finds or creates. Values may be placeholders; the session
 * insert uses this as a CTE.
 */
export function customerUpsert(db: Executor, values: PgInsertValue<typeof customer>) {
  return db
    .insert(customer)
    .values(values)
    .onConflictDoUpdate({ target: [customer.projectId, customer.mode, customer.externalId], set: { externalId: sql`excluded.external_id` } });
}

const upsertCustomer = preparedPerDatabase((db: Executor) =>
  customerUpsert(db, {
    id: sql.placeholder("id"),
    projectId: sql.placeholder("projectId"),
    mode: sql.placeholder("mode"),
    externalId: sql.placeholder("externalId"),
  })
    .returning()
    .prepare("upsert_customer"),
);

/** The customer with this external id, created if new. Racing requests get the same customer (the unique index decides). */
export async function findOrCreateCustomer(db: Executor, scope: CustomerScope, externalId: string) {
  const [row] = await upsertCustomer(db).execute({ id: newId("cust"), projectId: scope.projectId, mode: scope.mode, externalId });
  return row!;
}

export async function findCustomer(db: Executor, scope: CustomerScope, customerId: string) {
  const [row] = await db
    .select()
    .from(customer)
    .where(and(eq(customer.id, customerId), eq(customer.projectId, scope.projectId), eq(customer.mode, scope.mode)));
  return row ?? null;
}

/**
 * The email of each customer without one of their own, from their newest order that has one
 * (the checkout asks the buyer for it; the session that created the customer rarely carries it).
 */
export async function withOrderEmails<Row extends { id: string; email: string | null }>(db: Executor, scope: CustomerScope, rows: Row[]): Promise<Row[]> {
  const missing = rows.filter((r) => !r.email).map((r) => r.id);
  if (missing.length === 0) return rows;
  const found = await db
    .selectDistinctOn([order.customerId], { customerId: order.customerId, email: order.email })
    .from(order)
    .where(and(eq(order.projectId, scope.projectId), eq(order.mode, scope.mode), inArray(order.customerId, missing), isNotNull(order.email)))
    .orderBy(order.customerId, desc(order.createdAt));
  const emails = new Map(found.map((f) => [f.customerId, f.email]));
  return rows.map((r) => (r.email ? r : { ...r, email: emails.get(r.id) ?? null }));
}
