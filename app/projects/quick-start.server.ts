/**
 * The quick start's state in a project and mode (each step ticks itself off once it has happened: a session
 * created, an order paid, a webhook delivery succeeded), and the outcome page its redirectUrl lands on.
 */
import crypto from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { checkoutSession, event, order, webhookDelivery } from "~db/schema";
import type { ProjectContext } from "~/lib/context";
import { notFound } from "~/lib/domain-error";
import { getDb } from "~/lib/db.server";
import { requireProject } from "~/lib/permissions.server";

export interface QuickStartProgress {
  sessionCreated: boolean;
  orderPaid: boolean;
  deliverySucceeded: boolean;
  /** For step 4's one paste: the secret the example receiver and `ramp listen` share (new per view, never stored). */
  listenSecret: string;
}

export async function quickStartProgress(ctx: ProjectContext): Promise<QuickStartProgress> {
  const exists = async (query: Promise<unknown[]>) => (await query).length > 0;
  const [sessionCreated, orderPaid, deliverySucceeded] = await Promise.all([
    exists(
      ctx.db
        .select({ one: sql`1` })
        .from(checkoutSession)
        .where(and(eq(checkoutSession.projectId, ctx.projectId), eq(checkoutSession.mode, ctx.mode)))
        .limit(1),
    ),
    exists(
      ctx.db
        .select({ one: sql`1` })
        .from(order)
        .where(and(eq(order.projectId, ctx.projectId), eq(order.mode, ctx.mode), inArray(order.status, ["completed", "refunded"])))
        .limit(1),
    ),
    exists(
      ctx.db
        .select({ one: sql`1` })
        .from(webhookDelivery)
        .innerJoin(event, eq(event.id, webhookDelivery.eventId))
        .where(and(eq(event.projectId, ctx.projectId), eq(event.mode, ctx.mode), eq(webhookDelivery.status, "succeeded")))
        .limit(1),
    ),
  ]);
  return { sessionCreated, orderPaid, deliverySucceeded, listenSecret: `whsec_${crypto.randomBytes(24).toString("base64")}` };
}

/**
 * The outcome page (/quickstart/return?sessionId=…): the session's project is looked up by the session id, then
 * the signed-in user must be allowed to read that project's data, as on its session page. Another tenant's session
 * is NOT_FOUND, the same as an unknown id. Live sessions are not shown (the page is a test-mode tool).
 */
export async function quickStartOutcome(request: Request, sessionId: string) {
  const db = await getDb();
  const [found] = sessionId
    ? await db.select({ projectId: checkoutSession.projectId, mode: checkoutSession.mode }).from(checkoutSession).where(eq(checkoutSession.id, sessionId))
    : [];
  if (!found) throw notFound("Session", sessionId);
  const ctx = await requireProject(request, { projectId: found.projectId, mode: found.mode }, { data: ["read"] });
  if (ctx.mode !== "test") return { mode: "live" as const, projectId: ctx.projectId, projectName: ctx.project.name };
  const [session] = await ctx.db
    .select()
    .from(checkoutSession)
    .where(and(eq(checkoutSession.id, sessionId), eq(checkoutSession.projectId, ctx.projectId)));
  const [placed] = await ctx.db
    .select()
    .from(order)
    .where(and(eq(order.sessionId, sessionId), eq(order.projectId, ctx.projectId)))
    .orderBy(desc(order.createdAt))
    .limit(1);
  const events = await ctx.db
    .select({ id: event.id, type: event.type, createdAt: event.createdAt })
    .from(event)
    .where(and(eq(event.projectId, ctx.projectId), eq(event.mode, ctx.mode), eq(event.sessionId, sessionId)))
    .orderBy(event.createdAt);
  const orderEvents = placed
    ? await ctx.db
        .select({ id: event.id, type: event.type, createdAt: event.createdAt })
        .from(event)
        .where(and(eq(event.projectId, ctx.projectId), eq(event.orderId, placed.id)))
        .orderBy(event.createdAt)
    : [];
  const progress = await quickStartProgress(ctx);
  return {
    mode: "test" as const,
    projectId: ctx.projectId,
    projectName: ctx.project.name,
    session: {
      id: session!.id,
      status: session!.status,
      amount: `${session!.sourceAmount ?? "—"} ${session!.sourceCurrency ?? ""}`.trim(),
      crypto: session!.destinationCurrency,
    },
    order: placed
      ? {
          id: placed.id,
          status: placed.status,
          gateway: placed.gatewayId,
          fiat: `${placed.sourceAmount} ${placed.sourceCurrency}`,
          crypto: `${placed.destinationAmount ?? "—"} ${placed.destinationCurrency}`,
          transactionHash: placed.transactionHash,
        }
      : null,
    events: [...events, ...orderEvents]
      .filter((e, i, all) => all.findIndex((o) => o.id === e.id) === i)
      .map((e) => ({ id: e.id, type: e.type, createdAt: e.createdAt.toISOString() })),
    progress,
  };
}
