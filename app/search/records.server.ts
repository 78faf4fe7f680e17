/**
 * What the console's detail pages show: a session, an order (with its events) and a
 * customer (with their sessions and orders), each looked up within one project and mode
 * (another tenant's id is simply not found). Only fields a support agent may see leave
 * here: never the session's clientSecret hash.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { checkoutSession, event, order, webhookDelivery, webhookEndpoint } from "../../db/schema";
import type { ListScope } from "../api/keyset.server";
import { findCustomer } from "../customers/customers.server";
import { gatewayById, networkById } from "../gateways/catalogue";
import { getOrder } from "../orders/list.server";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function sessionDetail(scope: ListScope, sessionId: string) {
  const [row] = await scope.db
    .select()
    .from(checkoutSession)
    .where(and(eq(checkoutSession.id, sessionId), eq(checkoutSession.projectId, scope.projectId), eq(checkoutSession.mode, scope.mode)))
    .limit(1);
  if (!row) return null;
  const [sessionOrder, owner, events] = await Promise.all([
    scope.db
      .select({ id: order.id, status: order.status, gatewayId: order.gatewayId, createdAt: order.createdAt })
      .from(order)
      .where(and(eq(order.sessionId, row.id), eq(order.projectId, scope.projectId), eq(order.mode, scope.mode)))
      .limit(1),
    findCustomer(scope.db, scope, row.customerId),
    eventsWhere(scope, eq(event.sessionId, row.id)),
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
    order: sessionOrder[0] ? { ...sessionOrder[0], gateway: gatewayById(sessionOrder[0].gatewayId)?.name ?? sessionOrder[0].gatewayId, createdAt: sessionOrder[0].createdAt.toISOString() } : null,
    customer: owner ? { id: owner.id, externalId: owner.externalId, email: owner.email } : null,
    events,
  };
}

function eventsWhere(scope: ListScope, condition: ReturnType<typeof eq>) {
  return scope.db
    .select({ id: event.id, type: event.type, sequence: event.sequence, createdAt: event.createdAt })
    .from(event)
    .where(and(condition, eq(event.projectId, scope.projectId), eq(event.mode, scope.mode)))
    .orderBy(asc(event.createdAt), asc(event.id))
    .limit(200)
    .then((rows) => rows.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })));
}

export async function orderDetail(scope: ListScope, orderId: string) {
  const row = await getOrder(scope, orderId);
  if (!row) return null;
  const events = await eventsWhere(scope, eq(event.orderId, row.id));
  const deliveries = await deliveriesOf(scope, events.map((e) => e.id));
  const network = networkById(row.network);
  const { partnerMetadata, ...systemMetadata } = row.metadata ?? ({} as typeof row.metadata);
  return {
    order: {
      ...row,
      metadata: undefined,
      processingAt: iso(row.processingAt),
      completedAt: iso(row.completedAt),
      failedAt: iso(row.failedAt),
      refundedAt: iso(row.refundedAt),
      refundRequestedAt: iso(row.refundRequestedAt),
      expiredAt: iso(row.expiredAt),
      checkoutExpiresAt: iso(row.checkoutExpiresAt),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    gateway: gatewayById(row.gatewayId)?.name ?? row.gatewayId,
    networkName: network?.name ?? row.network,
    explorerUrl: row.transactionHash && network ? `${network.explorerTx}${row.transactionHash}` : null,
    systemMetadata,
    partnerMetadata: partnerMetadata ?? {},
    events: events.map((e) => ({ ...e, deliveries: deliveries.filter((d) => d.eventId === e.id) })),
  };
}

/** The webhook deliveries of these events (to any endpoint of this project and mode), for the order page. */
async function deliveriesOf(scope: ListScope, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  const rows = await scope.db
    .select({
      id: webhookDelivery.id,
      eventId: webhookDelivery.eventId,
      status: webhookDelivery.status,
      attemptCount: webhookDelivery.attemptCount,
      lastResponseStatus: webhookDelivery.lastResponseStatus,
      endpointUrl: webhookEndpoint.url,
    })
    .from(webhookDelivery)
    .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
    .where(and(inArray(webhookDelivery.eventId, eventIds), eq(webhookDelivery.projectId, scope.projectId), eq(webhookDelivery.mode, scope.mode)))
    .orderBy(asc(webhookDelivery.createdAt), asc(webhookDelivery.id));
  return rows;
}

const RELATED_LIMIT = 50;

export async function customerDetail(scope: ListScope, customerId: string) {
  const row = await findCustomer(scope.db, scope, customerId);
  if (!row) return null;
  const [sessions, orders] = await Promise.all([
    scope.db
      .select({
        id: checkoutSession.id,
        status: checkoutSession.status,
        sourceAmount: checkoutSession.sourceAmount,
        sourceCurrency: checkoutSession.sourceCurrency,
        destinationCurrency: checkoutSession.destinationCurrency,
        createdAt: checkoutSession.createdAt,
      })
      .from(checkoutSession)
      .where(and(eq(checkoutSession.customerId, row.id), eq(checkoutSession.projectId, scope.projectId), eq(checkoutSession.mode, scope.mode)))
      .orderBy(desc(checkoutSession.createdAt), desc(checkoutSession.id))
      .limit(RELATED_LIMIT + 1),
    scope.db
      .select({
        id: order.id,
        status: order.status,
        sourceAmount: order.sourceAmount,
        sourceCurrency: order.sourceCurrency,
        destinationAmount: order.destinationAmount,
        destinationCurrency: order.destinationCurrency,
        gatewayId: order.gatewayId,
        createdAt: order.createdAt,
      })
      .from(order)
      .where(and(eq(order.customerId, row.id), eq(order.projectId, scope.projectId), eq(order.mode, scope.mode)))
      .orderBy(desc(order.createdAt), desc(order.id))
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
