/**
 * A session as its console page shows it, with its order, its customer and its events.
 * Looked up within one project and mode (another tenant's id is NOT_FOUND); never with the
 * client secret's hash.
 */
import { and, eq } from "drizzle-orm";
import { checkoutSession, order } from "~db/schema";
import { notFound } from "~/lib/domain-error";
import type { ListScope } from "~/api/keyset.server";
import { findCustomer } from "~/customers/customers.server";
import { eventsOfRecord } from "~/events/events.server";
import { gatewayById } from "~/gateways/catalogue";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function sessionDetail(scope: ListScope, sessionId: string) {
  const [row] = await scope.db
    .select()
    .from(checkoutSession)
    .where(and(eq(checkoutSession.id, sessionId), eq(checkoutSession.projectId, scope.projectId), eq(checkoutSession.mode, scope.mode)))
    .limit(1);
  if (!row) throw notFound("Session", sessionId);
  const [sessionOrder, owner, events] = await Promise.all([
    scope.db
      .select({
        id: order.id,
        status: order.status,
        gatewayId: order.gatewayId,
        createdAt: order.createdAt,
        // A sell session shows its order's deposit and payout.
        network: order.network,
        sourceAmount: order.sourceAmount,
        sourceCurrency: order.sourceCurrency,
        destinationAmount: order.destinationAmount,
        destinationCurrency: order.destinationCurrency,
        paymentMethod: order.paymentMethod,
        depositAddress: order.depositAddress,
        depositExpiresAt: order.depositExpiresAt,
        refundAddress: order.refundAddress,
        processingAt: order.processingAt,
        completedAt: order.completedAt,
      })
      .from(order)
      .where(and(eq(order.sessionId, row.id), eq(order.projectId, scope.projectId), eq(order.mode, scope.mode)))
      .limit(1),
    findCustomer(scope.db, scope, row.customerId),
    eventsOfRecord(scope, { sessionId: row.id }),
  ]);
  const { clientSecretHash: _secret, ...visible } = row;
  return {
    session: {
      ...visible,
      expiresAt: row.expiresAt.toISOString(),
      confirmedAt: iso(row.confirmedAt),
      processingAt: iso(row.processingAt),
      completedAt: iso(row.completedAt),
      failedAt: iso(row.failedAt),
      cancelledAt: iso(row.cancelledAt),
      expiredAt: iso(row.expiredAt),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    order: sessionOrder[0]
      ? {
          ...sessionOrder[0],
          gateway: gatewayById(sessionOrder[0].gatewayId)?.name ?? sessionOrder[0].gatewayId,
          createdAt: sessionOrder[0].createdAt.toISOString(),
          depositExpiresAt: iso(sessionOrder[0].depositExpiresAt),
          processingAt: iso(sessionOrder[0].processingAt),
          completedAt: iso(sessionOrder[0].completedAt),
        }
      : null,
    customer: owner ? { id: owner.id, externalId: owner.externalId, email: owner.email } : null,
    events,
  };
}
