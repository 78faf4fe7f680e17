/**
 * An order as its console page shows it: amounts, gateway, explorer link, metadata split into
 * the partner's and ours, and its events with their webhook deliveries. Looked up within one
 * project and mode: another tenant's id is NOT_FOUND.
 */
import { notFound } from "~/lib/domain-error";
import type { ListScope } from "~/api/keyset.server";
import { eventsOfRecord } from "~/events/events.server";
import { gatewayById, networkById } from "~/gateways/catalogue";
import { deliveriesOfEvents } from "~/webhooks/deliveries.server";
import { getOrder } from "~/orders/list.server";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function orderDetail(scope: ListScope, orderId: string) {
  const row = await getOrder(scope, orderId);
  if (!row) throw notFound("Order", orderId);
  const events = await eventsOfRecord(scope, { orderId: row.id });
  const deliveries = await deliveriesOfEvents(
    scope,
    events.map((e) => e.id),
  );
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
      depositExpiresAt: iso(row.depositExpiresAt),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    gateway: gatewayById(row.gatewayId)?.name ?? row.gatewayId,
    networkName: network?.name ?? row.network,
    // Test mode's gateways are the sandbox: their hashes are made up, so they link nowhere (a real
    // explorer would say "not found", or show a stranger's transaction).
    explorerUrl: row.transactionHash && network && row.mode === "live" ? `${network.explorerTx}${row.transactionHash}` : null,
    sandboxHash: Boolean(row.transactionHash) && row.mode !== "live",
    systemMetadata,
    partnerMetadata: partnerMetadata ?? {},
    events: events.map((e) => ({ ...e, deliveries: deliveries.filter((d) => d.eventId === e.id) })),
  };
}
