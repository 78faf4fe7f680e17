/**
 * Events (`evt_…`) are written in the same transaction as the change that causes them,
 * so none is lost if the process dies right after; so are their webhook deliveries and the
 * deliveries' first jobs (app/webhooks/delivery.server.ts).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { event, webhookAttempt, webhookDelivery, webhookEndpoint, type EventType } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { notFound } from "~/lib/domain-error";
import type { ListScope } from "~/api/keyset.server";
import type { ProjectContext } from "~/lib/context";
import type { Executor } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import { createDeliveries } from "~/webhooks/delivery.server";
import { consolePage, type Cursor } from "./keyset.server";

interface NewEvent {
  projectId: string;
  mode: Mode;
  type: EventType;
  orderId?: string | null;
  sessionId?: string | null;
  sequence?: number | null;
  /** `data` of the payload, e.g. `{ order: {…} }` or `{ session: {…} }`. */
  data: Record<string, unknown>;
  /** A console "Send test event": delivered to this endpoint only. */
  testEndpointId?: string;
}

export async function recordEvent(tx: Executor, input: NewEvent) {
  const id = newId("evt");
  const createdAt = new Date();
  const payload = {
    id,
    type: input.type,
    createdAt: createdAt.toISOString(),
    ...(input.sequence != null ? { sequence: input.sequence } : {}),
    data: input.data,
  };
  await tx.insert(event).values({
    id,
    projectId: input.projectId,
    mode: input.mode,
    type: input.type,
    orderId: input.orderId ?? null,
    sessionId: input.sessionId ?? null,
    sequence: input.sequence ?? null,
    payload,
    isTest: Boolean(input.testEndpointId),
    createdAt,
  });
  await createDeliveries(tx, { id, projectId: input.projectId, mode: input.mode, type: input.type }, { endpointId: input.testEndpointId, at: createdAt });
  return payload;
}

interface EventFilters extends Cursor {
  type?: EventType | null;
  /** One order's or one session's events (their pages link here). */
  orderId?: string | null;
  sessionId?: string | null;
}

/** The project's event log, newest first, with each event's delivery counts by status. */
export async function listEvents(ctx: ProjectContext, filters: EventFilters, limit = 25) {
  const scope = [eq(event.projectId, ctx.projectId), eq(event.mode, ctx.mode)];
  if (filters.type) scope.push(eq(event.type, filters.type));
  if (filters.orderId) scope.push(eq(event.orderId, filters.orderId));
  if (filters.sessionId) scope.push(eq(event.sessionId, filters.sessionId));
  const page = await consolePage(ctx.db, event, { id: event.id, createdAt: event.createdAt }, scope, filters, limit);
  const counts = page.rows.length
    ? await ctx.db
        .select({ eventId: webhookDelivery.eventId, status: webhookDelivery.status, count: sql<number>`count(*)::int` })
        .from(webhookDelivery)
        .where(
          inArray(
            webhookDelivery.eventId,
            page.rows.map((r) => r.id),
          ),
        )
        .groupBy(webhookDelivery.eventId, webhookDelivery.status)
    : [];
  return {
    ...page,
    rows: page.rows.map((row) => ({
      ...row,
      deliveries: Object.fromEntries(counts.filter((c) => c.eventId === row.id).map((c) => [c.status, Number(c.count)])) as Partial<Record<string, number>>,
    })),
  };
}

/** An event with its deliveries (one per endpoint) and their attempts, oldest attempt first. */
export async function getEventDetail(ctx: ProjectContext, eventId: string) {
  const [row] = await ctx.db
    .select()
    .from(event)
    .where(and(eq(event.id, eventId), eq(event.projectId, ctx.projectId), eq(event.mode, ctx.mode)));
  if (!row) throw notFound("Event", eventId);
  const deliveries = await ctx.db
    .select({ delivery: webhookDelivery, endpointUrl: webhookEndpoint.url, endpointStatus: webhookEndpoint.status })
    .from(webhookDelivery)
    .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
    .where(eq(webhookDelivery.eventId, row.id))
    .orderBy(asc(webhookDelivery.createdAt));
  const attempts = deliveries.length
    ? await ctx.db
        .select()
        .from(webhookAttempt)
        .where(
          inArray(
            webhookAttempt.deliveryId,
            deliveries.map((d) => d.delivery.id),
          ),
        )
        .orderBy(asc(webhookAttempt.attemptNumber))
    : [];
  return {
    event: row,
    deliveries: deliveries.map((d) => ({
      ...d.delivery,
      endpointUrl: d.endpointUrl,
      endpointStatus: d.endpointStatus,
      attempts: attempts.filter((a) => a.deliveryId === d.delivery.id),
    })),
  };
}

/** The events of one order or one session, oldest first (at most 200), for its console page. */
export async function eventsOfRecord(scope: ListScope, ref: { orderId: string } | { sessionId: string }) {
  const rows = await scope.db
    .select({ id: event.id, type: event.type, sequence: event.sequence, createdAt: event.createdAt })
    .from(event)
    .where(
      and(
        "orderId" in ref ? eq(event.orderId, ref.orderId) : eq(event.sessionId, ref.sessionId),
        eq(event.projectId, scope.projectId),
        eq(event.mode, scope.mode),
      ),
    )
    .orderBy(asc(event.createdAt), asc(event.id))
    .limit(200);
  return rows.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }));
}
