/** Customers (`cust_…`): one per project, mode and partner-side id, also under concurrency. */
import { and, eq, sql } from "drizzle-orm";
import type { PgInsertValue } from "drizzle-orm/pg-core";
import { customer } from "~db/schema";
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
