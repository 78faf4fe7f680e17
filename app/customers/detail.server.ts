/** A customer as its console page shows them: who they are and their newest sessions and orders, within one project and mode. */
import { and, desc, eq } from "drizzle-orm";
import { checkoutSession, order } from "~db/schema";
import { notFound } from "~/lib/domain-error";
import type { ListScope } from "~/api/keyset.server";
import { gatewayById } from "~/gateways/catalogue";
import { findCustomer, withOrderEmails } from "~/customers/customers.server";
import { recordSummary } from "~/lib/record-summary.server";

const RELATED_LIMIT = 50;

type CustomerRecords = typeof checkoutSession | typeof order;

/** The customer's rows of one table, within the scope's project and mode. */
function ofCustomer(table: CustomerRecords, customerId: string, scope: ListScope) {
  return and(eq(table.customerId, customerId), eq(table.projectId, scope.projectId), eq(table.mode, scope.mode));
}

function newestFirst(table: CustomerRecords) {
  return [desc(table.createdAt), desc(table.id)] as const;
}

export async function customerDetail(scope: ListScope, customerId: string) {
  const found = await findCustomer(scope.db, scope, customerId);
  if (!found) throw notFound("Customer", customerId);
  const row = (await withOrderEmails(scope.db, scope, [found]))[0]!;
  const [sessions, orders] = await Promise.all([
    scope.db
      .select(recordSummary(checkoutSession))
      .from(checkoutSession)
      .where(ofCustomer(checkoutSession, row.id, scope))
      .orderBy(...newestFirst(checkoutSession))
      .limit(RELATED_LIMIT + 1),
    scope.db
      .select({ ...recordSummary(order), destinationAmount: order.destinationAmount, gatewayId: order.gatewayId })
      .from(order)
      .where(ofCustomer(order, row.id, scope))
      .orderBy(...newestFirst(order))
      .limit(RELATED_LIMIT + 1),
  ]);
  return {
    customer: { id: row.id, externalId: row.externalId, email: row.email, createdAt: row.createdAt.toISOString() },
    sessions: sessions.slice(0, RELATED_LIMIT).map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
    moreSessions: sessions.length > RELATED_LIMIT,
    orders: orders.slice(0, RELATED_LIMIT).map((o) => ({ ...o, gateway: gatewayById(o.gatewayId)?.name ?? o.gatewayId, createdAt: o.createdAt.toISOString() })),
    moreOrders: orders.length > RELATED_LIMIT,
  };
}
