/** Customers (`cust_…`): one per project, mode and partner-side id, also under concurrency. */
import { and, eq, sql } from "drizzle-orm";
import { customer } from "../../db/schema";
import type { Mode } from "../../db/schema/types";
import type { Executor } from "../lib/db.server";
import { newId } from "../lib/ids";

export interface CustomerScope {
  projectId: string;
  mode: Mode;
}

/**
 * The customer with this external id, created if new, in one statement: the no-op
 * ON CONFLICT DO UPDATE makes RETURNING give the existing row too. Two requests racing
 * for the same external id get the same customer (the unique index decides).
 */
export async function findOrCreateCustomer(db: Executor, scope: CustomerScope, externalId: string) {
  const [row] = await db
    .insert(customer)
    .values({ id: newId("cust"), projectId: scope.projectId, mode: scope.mode, externalId })
    .onConflictDoUpdate({ target: [customer.projectId, customer.mode, customer.externalId], set: { externalId: sql`excluded.external_id` } })
    .returning();
  return row!;
}

export async function findCustomer(db: Executor, scope: CustomerScope, customerId: string) {
  const [row] = await db
    .select()
    .from(customer)
    .where(and(eq(customer.id, customerId), eq(customer.projectId, scope.projectId), eq(customer.mode, scope.mode)));
  return row ?? null;
}
