/**
 * Webhook delivery: at-least-once, through the pg-boss queue (app/lib/queue.server.ts).
 *
 * - An event's deliveries (one per matching enabled endpoint) and their first jobs are
 *   written in the event's own transaction: none is lost if the process dies right after.
 * - A job carries only a delivery id. Sending an attempt first takes the delivery's lease
 *   (a conditional UPDATE): two workers or instances never send the same attempt at once,
 *   and a duplicate job (a sweep, a double Resend, a retried job) finds nothing to do.
 * - Each attempt is stored (request headers and body, status, ≤ 4 KB of the answer, latency)
 *   in the transaction that also schedules the next retry, so a crash cannot skip one.
 * - A process that died mid-attempt leaves its job active: pg-boss hands it out again once it
 *   expires (60 s, after the 45 s lease), and the attempt is sent again.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { project, webhookAttempt, webhookDelivery, webhookEndpoint, type EventType } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { recordAudit } from "~/audit/audit.server";
import { SYSTEM_ACTOR } from "~/lib/context";
import { decryptSecret } from "~/lib/crypto.server";
import { rowsOf, type Database, type Executor } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import { logger } from "~/lib/logger.server";
import { runningQueue, sendInTransaction } from "~/lib/queue.server";
import { isSuccess, postWebhook, type PostResult } from "./http.server";
import { signedHeaders } from "./signing.server";
import { assertPublicUrl, BlockedAddressError, isIpLiteral, mayReachPrivateAddresses } from "./ssrf.server";

export const DELIVERY_QUEUE = "webhook-deliver";
/** Waits before retry 1…7 (≈ 28 h in all); after the 8th failed attempt the delivery fails. */
export const RETRY_SCHEDULE_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000];
/** An endpoint whose every attempt failed for this long is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
/** Longer than the 30 s request timeout; shorter than the job's 60 s expiry. */
const LEASE_MS = 45_000;

export interface DeliveryJob {
  deliveryId: string;
  trigger?: "auto" | "resend";
}

export interface DeliveryConfig {
  /** Injectable so tests need not wait hours. */
  retryScheduleMs: number[];
  disableAfterMs: number;
}

let config: DeliveryConfig = { retryScheduleMs: RETRY_SCHEDULE_MS, disableAfterMs: DISABLE_AFTER_MS };
export function configureDelivery(next: Partial<DeliveryConfig>) {
  config = { ...config, ...next };
}

interface EventRef {
  id: string;
  projectId: string;
  mode: Mode;
  type: EventType;
}

/**
 * Deliveries (and their jobs) for every enabled endpoint of the event's project and mode that
 * wants its type; with `endpointId`, for that endpoint only (a test event). Same transaction
 * as the event.
 */
export async function createDeliveries(tx: Executor, ev: EventRef, options: { endpointId?: string; at?: Date } = {}) {
  const endpoints = await tx
    .select({ id: webhookEndpoint.id })
    .from(webhookEndpoint)
    .where(
      and(
        eq(webhookEndpoint.projectId, ev.projectId),
        eq(webhookEndpoint.mode, ev.mode),
        eq(webhookEndpoint.status, "enabled"),
        options.endpointId
          ? eq(webhookEndpoint.id, options.endpointId)
          : sql`(${webhookEndpoint.enabledEvents} @> array['*']::text[] or ${webhookEndpoint.enabledEvents} @> array[${ev.type}]::text[])`,
      ),
    );
  if (endpoints.length === 0) return [];
  const at = options.at ?? new Date();
  const rows = endpoints.map((endpoint) => ({
    id: newId("whd"),
    endpointId: endpoint.id,
    eventId: ev.id,
    projectId: ev.projectId,
    mode: ev.mode,
    eventType: ev.type,
    status: "pending" as const,
    nextAttemptAt: at,
    createdAt: at,
    updatedAt: at,
  }));
  await tx.insert(webhookDelivery).values(rows);
  await enqueue(
    tx,
    rows.map((r) => ({ deliveryId: r.id })),
  );
  return rows.map((r) => r.id);
}

async function enqueue(tx: Executor, jobs: DeliveryJob[], startAfter?: Date) {
  // With no queue in this process the rows stay due and the sweep of a running instance sends them.
  return sendInTransaction(
    tx,
    DELIVERY_QUEUE,
    jobs.map((data) => ({ data, ...(startAfter ? { startAfter } : {}) })),
  );
}

interface Claimed {
  id: string;
  attempt_count: number;
  mode: Mode;
  project_id: string;
  endpoint_id: string;
  url: string;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | string | null;
  event_id: string;
  event_type: EventType;
  payload: Record<string, unknown>;
}

/**
 * Takes the lease of each delivery that is due and free, for one attempt each (one statement
 * for a whole batch of jobs). A delivery not returned has nothing to send now: finished, held
 * by another worker, or not due (its own later job will come).
 */
async function claim(db: Database, jobs: DeliveryJob[], now: Date): Promise<(Claimed & { trigger: "auto" | "resend" })[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  // A job may run a little before next_attempt_at by the other clock (the database's): allow 2 s.
  const dueBy = new Date(now.getTime() + 2_000);
  const resends = jobs.filter((j) => j.trigger === "resend").map((j) => j.deliveryId);
  const ids = [...new Set(jobs.map((j) => j.deliveryId))];
  const result = await db.execute(sql`
    update webhook_delivery d
       set lease_until = ${leaseUntil.toISOString()}::timestamptz,
           attempt_count = d.attempt_count + 1,
           last_attempt_at = ${now.toISOString()}::timestamptz,
           updated_at = ${now.toISOString()}::timestamptz
      from webhook_endpoint e, event ev
     where d.id in (${sql.join(
       ids.map((id) => sql`${id}`),
       sql`, `,
     )})
       and e.id = d.endpoint_id and ev.id = d.event_id
       and d.status in ('pending', 'retrying')
       and e.status = 'enabled'
       and (d.lease_until is null or d.lease_until < ${now.toISOString()}::timestamptz)
       and (d.id in (${sql.join(
         [...resends, ""].map((id) => sql`${id}`),
         sql`, `,
       )}) or d.next_attempt_at is null or d.next_attempt_at <= ${dueBy.toISOString()}::timestamptz)
    returning d.id, d.attempt_count, d.mode, d.project_id, e.id as endpoint_id, e.url, e.secret_ciphertext,
              e.previous_secret_ciphertext, e.previous_secret_expires_at, ev.id as event_id, ev.type as event_type, ev.payload`);
  const claimed = rowsOf<Claimed>(result);
  if (claimed.length < ids.length) {
    // An open delivery of a disabled endpoint will never be sent: close it.
    await db.execute(sql`
      update webhook_delivery d set status = 'failed', next_attempt_at = null, last_error = 'Endpoint disabled', updated_at = now()
        from webhook_endpoint e
       where d.id in (${sql.join(
         ids.map((id) => sql`${id}`),
         sql`, `,
       )}) and e.id = d.endpoint_id and e.status <> 'enabled'
         and d.status in ('pending', 'retrying') and (d.lease_until is null or d.lease_until < now())`);
  }
  return claimed.map((row) => ({ ...row, trigger: resends.includes(row.id) ? ("resend" as const) : ("auto" as const) }));
}

function activeSecrets(row: Claimed, now: Date): string[] {
  const secrets = [decryptSecret(row.secret_ciphertext)];
  const expires = row.previous_secret_expires_at ? new Date(row.previous_secret_expires_at) : null;
  if (row.previous_secret_ciphertext && expires && expires > now) secrets.push(decryptSecret(row.previous_secret_ciphertext));
  return secrets;
}

/** The payload in the documented key order (jsonb keeps its own): id, type, createdAt, sequence, data. */
export function payloadBody(payload: Record<string, unknown>) {
  const { id, type, createdAt, sequence, data, ...rest } = payload;
  return JSON.stringify({ id, type, createdAt, ...(sequence != null ? { sequence } : {}), data, ...rest });
}

async function send(row: Claimed, now: Date): Promise<{ headers: Record<string, string>; body: string; result: PostResult }> {
  const body = payloadBody(row.payload);
  const headers = signedHeaders({ eventId: row.event_id, eventType: row.event_type, deliveryId: row.id, body, secrets: activeSecrets(row, now), at: now });
  const url = new URL(row.url);
  const publicOnly = !mayReachPrivateAddresses(row.mode);
  try {
    // IP-literal hosts skip the socket's lookup check; hostnames are checked as they connect.
    if (publicOnly && isIpLiteral(url)) await assertPublicUrl(url);
  } catch (error) {
    if (error instanceof BlockedAddressError) return { headers, body, result: { status: null, bodyExcerpt: null, latencyMs: 0, error: error.message } };
    throw error;
  }
  return { headers, body, result: await postWebhook(url, headers, body, { publicOnly }) };
}

function failureMessage(result: PostResult) {
  if (result.error) return result.error;
  if (result.status !== null && result.status >= 300 && result.status < 400) return `HTTP ${result.status} (redirects are not followed)`;
  return `HTTP ${result.status}`;
}

/**
 * Sends one attempt of each delivery that is due and that nobody else holds, concurrently, then
 * records every attempt, the deliveries' new states and the retries' jobs in one transaction.
 * Returns what happened per delivery sent, for tests and the worker.
 */
export async function attemptDeliveries(db: Database, jobs: DeliveryJob[], now = new Date()) {
  if (jobs.length === 0) return [];
  const rows = await claim(db, jobs, now);
  if (rows.length === 0) return [];
  const outcomes = await Promise.all(
    rows.map(async (row) => {
      const { headers, body, result } = await send(row, now);
      const ok = isSuccess(result);
      const finished = new Date(now.getTime() + result.latencyMs);
      const retryIn = !ok && row.trigger === "auto" ? config.retryScheduleMs[row.attempt_count - 1] : undefined;
      const nextAttemptAt = retryIn !== undefined ? new Date(finished.getTime() + retryIn) : null;
      return { row, headers, body, result, ok, finished, retryIn, nextAttemptAt, error: ok ? null : failureMessage(result) };
    }),
  );
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempt).values(
      outcomes.map((o) => ({
        id: newId("wha"),
        deliveryId: o.row.id,
        attemptNumber: o.row.attempt_count,
        requestHeaders: o.headers,
        requestBody: o.body,
        responseStatus: o.result.status,
        responseBodyExcerpt: o.result.bodyExcerpt,
        latencyMs: o.result.latencyMs,
        error: o.error,
        trigger: o.row.trigger,
        createdAt: now,
      })),
    );
    const values = outcomes.map(
      (o) =>
        sql`(${o.row.id}, ${o.ok ? "succeeded" : o.nextAttemptAt ? "retrying" : "failed"}, ${o.nextAttemptAt?.toISOString() ?? null}::timestamptz, ${o.result.status}::int, ${o.error}, ${o.finished.toISOString()}::timestamptz)`,
    );
    await tx.execute(sql`
      update webhook_delivery d
         set status = v.status, next_attempt_at = v.next_attempt_at, lease_until = null,
             last_response_status = v.response_status, last_error = v.error, updated_at = v.at
        from (values ${sql.join(values, sql`, `)}) as v(id, status, next_attempt_at, response_status, error, at)
       where d.id = v.id`);
    for (const o of outcomes) if (o.nextAttemptAt) await enqueue(tx, [{ deliveryId: o.row.id }], o.nextAttemptAt);
    // Health, once per endpoint of the batch: its last outcome decides.
    const lastByEndpoint = new Map(outcomes.map((o) => [o.row.endpoint_id, o]));
    for (const o of lastByEndpoint.values()) {
      if (o.ok) await recordSuccess(tx, o.row.endpoint_id, o.finished);
      else await recordFailure(tx, o.row, o.finished, o.error!);
    }
  });
  return outcomes.map((o) => ({ deliveryId: o.row.id, ok: o.ok, attemptNumber: o.row.attempt_count, status: o.result.status, retryIn: o.retryIn }));
}

/** One delivery's attempt (see attemptDeliveries). */
export async function attemptDelivery(db: Database, job: DeliveryJob, now = new Date()) {
  const [outcome] = await attemptDeliveries(db, [job], now);
  return outcome ? { sent: true as const, ...outcome } : { sent: false as const };
}

async function recordSuccess(tx: Executor, endpointId: string, at: Date) {
  // Skipped while already healthy and recently touched: a busy endpoint's row is not a hot spot.
  await tx
    .update(webhookEndpoint)
    .set({ failingSince: null, lastSuccessAt: at })
    .where(
      and(
        eq(webhookEndpoint.id, endpointId),
        sql`(${webhookEndpoint.failingSince} is not null or ${webhookEndpoint.lastSuccessAt} is null or ${webhookEndpoint.lastSuccessAt} < ${new Date(at.getTime() - 10_000).toISOString()}::timestamptz)`,
      ),
    );
}

async function recordFailure(tx: Executor, row: Claimed, at: Date, message: string) {
  const [endpoint] = await tx
    .update(webhookEndpoint)
    .set({
      failingSince: sql`coalesce(${webhookEndpoint.failingSince}, ${at.toISOString()}::timestamptz)`,
      lastFailureAt: at,
      lastFailureMessage: message.slice(0, 500),
    })
    .where(eq(webhookEndpoint.id, row.endpoint_id))
    .returning({ failingSince: webhookEndpoint.failingSince, status: webhookEndpoint.status });
  if (!endpoint?.failingSince || endpoint.status !== "enabled") return;
  if (at.getTime() - endpoint.failingSince.getTime() < config.disableAfterMs) return;
  const reason = `Every delivery failed for ${Math.round(config.disableAfterMs / 86_400_000)} days (last: ${message.slice(0, 200)})`;
  await tx
    .update(webhookEndpoint)
    .set({ status: "disabled", disabledAt: at, disabledReason: reason, updatedAt: at })
    .where(eq(webhookEndpoint.id, row.endpoint_id));
  const [owner] = await tx.select({ organizationId: project.organizationId }).from(project).where(eq(project.id, row.project_id));
  await recordAudit(tx, SYSTEM_ACTOR, {
    organizationId: owner!.organizationId,
    projectId: row.project_id,
    action: "webhook.auto_disabled",
    targetType: "webhook_endpoint",
    targetId: row.endpoint_id,
    details: { mode: row.mode, url: row.url, failingSince: endpoint.failingSince.toISOString() },
  });
  logger.warn("webhook.endpoint_auto_disabled", { endpointId: row.endpoint_id });
}

/**
 * Makes deliveries due now and queues one manual attempt each (Resend). An attempt in flight
 * is left alone. Returns how many were queued.
 */
export async function queueResend(db: Database, deliveryIds: string[], now = new Date()) {
  if (deliveryIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(webhookDelivery)
      .set({ status: "pending", nextAttemptAt: now, updatedAt: now })
      .where(
        and(
          inArray(webhookDelivery.id, deliveryIds),
          sql`(${webhookDelivery.leaseUntil} is null or ${webhookDelivery.leaseUntil} < ${now.toISOString()}::timestamptz)`,
        ),
      )
      .returning({ id: webhookDelivery.id });
    await enqueue(
      tx,
      rows.map((r) => ({ deliveryId: r.id, trigger: "resend" as const })),
    );
    return rows.length;
  });
}

/**
 * The safety net: open deliveries overdue by a minute whose job never ran (written by a
 * process without a queue, or a job lost to a restore) get a new job. Claimed with SKIP LOCKED
 * and pushed a minute ahead so instances sweeping together do not pile up duplicates (which
 * would be harmless anyway: the lease decides).
 */
export async function sweepOverdueDeliveries(db: Database, now = new Date(), batch = 500) {
  if (!runningQueue()) return 0;
  return db.transaction(async (tx) => {
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`
        update webhook_delivery set next_attempt_at = ${now.toISOString()}::timestamptz
         where id in (
           select id from webhook_delivery
            where status in ('pending', 'retrying')
              and next_attempt_at < ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz
              and (lease_until is null or lease_until < ${now.toISOString()}::timestamptz)
            order by next_attempt_at
            limit ${batch}
            for update skip locked)
        returning id`),
    );
    await enqueue(
      tx,
      rows.map((r) => ({ deliveryId: r.id })),
    );
    return rows.length;
  });
}
