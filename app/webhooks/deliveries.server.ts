/** Deliveries as the console shows them: per endpoint, filtered, paged; Resend; test events. */
import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { webhookDelivery, webhookEndpoint, type DeliveryStatus, type EventType } from "~db/schema";
import type { ListScope } from "~/api/keyset.server";
import { DomainError } from "~/lib/domain-error";
import { recordAudit } from "~/audit/audit.server";
import { consolePage, type Cursor } from "~/events/keyset.server";
import { recordEvent } from "~/events/events.server";
import type { ProjectContext } from "~/lib/context";
import { queueResend } from "./delivery.server";
import { getEndpoint } from "./endpoints.server";
import { sampleEventData } from "./samples";

export async function listDeliveries(
  ctx: ProjectContext,
  endpointId: string,
  filters: { status?: DeliveryStatus | null; eventType?: EventType | null } & Cursor,
  limit = 25,
) {
  const endpoint = await getEndpoint(ctx, endpointId);
  const scope = [eq(webhookDelivery.endpointId, endpoint.id)];
  if (filters.status) scope.push(eq(webhookDelivery.status, filters.status));
  if (filters.eventType) scope.push(eq(webhookDelivery.eventType, filters.eventType));
  return consolePage(ctx.db, webhookDelivery, { id: webhookDelivery.id, createdAt: webhookDelivery.createdAt }, scope, filters, limit);
}

/** Resend one delivery of this project and mode (a new attempt now); with `of.eventId`, only a delivery of that event. */
export async function resendDelivery(ctx: ProjectContext, deliveryId: string, of: { eventId?: string } = {}) {
  const [row] = await ctx.db
    .select({ id: webhookDelivery.id, endpointId: webhookDelivery.endpointId, eventId: webhookDelivery.eventId })
    .from(webhookDelivery)
    .where(
      and(
        eq(webhookDelivery.id, deliveryId),
        eq(webhookDelivery.projectId, ctx.projectId),
        eq(webhookDelivery.mode, ctx.mode),
        of.eventId === undefined ? undefined : eq(webhookDelivery.eventId, of.eventId),
      ),
    );
  if (!row) throw new DomainError("NOT_FOUND", `Delivery ${deliveryId} does not exist.`);
  await getEndpoint(ctx, row.endpointId).then((e) => {
    if (e.status !== "enabled") throw new DomainError("INVALID_STATE", "Enable the endpoint before resending to it.");
  });
  const queued = await queueResend(ctx.db, [row.id]);
  if (!queued) throw new DomainError("INVALID_STATE", "An attempt is being sent right now. Try again in a minute.");
  await recordAudit(ctx.db, ctx.actor, {
    organizationId: ctx.organizationId,
    projectId: ctx.projectId,
    action: "webhook.resent",
    targetType: "webhook_delivery",
    targetId: row.id,
    details: { eventId: row.eventId, mode: ctx.mode },
  });
  return row;
}

/** After an outage on the partner's side: resend every failed delivery of an endpoint since a moment. */
export async function resendFailedSince(ctx: ProjectContext, endpointId: string, since: Date) {
  const endpoint = await getEndpoint(ctx, endpointId);
  if (endpoint.status !== "enabled") throw new DomainError("INVALID_STATE", "Enable the endpoint before resending to it.");
  const failed = await ctx.db
    .select({ id: webhookDelivery.id })
    .from(webhookDelivery)
    .where(and(eq(webhookDelivery.endpointId, endpoint.id), inArray(webhookDelivery.status, ["failed", "retrying"]), gte(webhookDelivery.createdAt, since)))
    .limit(10_000);
  const queued = await queueResend(
    ctx.db,
    failed.map((r) => r.id),
  );
  await recordAudit(ctx.db, ctx.actor, {
    organizationId: ctx.organizationId,
    projectId: ctx.projectId,
    action: "webhook.resent_failed",
    targetType: "webhook_endpoint",
    targetId: endpoint.id,
    details: { since: since.toISOString(), count: queued, mode: ctx.mode },
  });
  return queued;
}

/** A test event of `type` with sample data, to this endpoint only. */
export async function sendTestEvent(ctx: ProjectContext, endpointId: string, type: EventType) {
  const endpoint = await getEndpoint(ctx, endpointId);
  if (endpoint.status !== "enabled") throw new DomainError("INVALID_STATE", "Enable the endpoint before sending it a test event.");
  const payload = await ctx.db.transaction((tx) =>
    recordEvent(tx, { projectId: ctx.projectId, mode: ctx.mode, type, data: sampleEventData(type), testEndpointId: endpoint.id }),
  );
  await recordAudit(ctx.db, ctx.actor, {
    organizationId: ctx.organizationId,
    projectId: ctx.projectId,
    action: "webhook.test_event_sent",
    targetType: "webhook_endpoint",
    targetId: endpoint.id,
    details: { type, eventId: payload.id, mode: ctx.mode },
  });
  return payload;
}

/** The deliveries of these events to any endpoint of the scope's project and mode (an order's page lists them under its events). */
export async function deliveriesOfEvents(scope: ListScope, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return scope.db
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
}
