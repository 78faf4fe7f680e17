/**
 * Webhook endpoints of a project and mode. The signing secret (`whsec_…`) is stored
 * AES-256-GCM encrypted (it is needed in plaintext to sign); it is returned on creation and
 * on a roll, and after that revealed again only in test mode (live secrets are shown once).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { webhookAttempt, webhookDelivery, webhookEndpoint } from "~db/schema";
import { DomainError, notFound } from "~/lib/domain-error";
import { recordAudit } from "~/audit/audit.server";
import type { ProjectContext } from "~/lib/context";
import { decryptSecret, encryptSecret } from "~/lib/crypto.server";
import { rowsOf } from "~/lib/db.server";
import { newId } from "~/lib/ids";
import type { CreateEndpointInput, UpdateEndpointInput } from "./schemas";
import { newSigningSecret } from "./signing.server";
import { assertPublicUrl, BlockedAddressError, mayReachPrivateAddresses } from "./ssrf.server";

type EndpointRow = typeof webhookEndpoint.$inferSelect;

/** Most endpoints a project may have per mode. */
const MAX_ENDPOINTS = 20;

async function checkUrl(ctx: ProjectContext, url: string) {
  if (mayReachPrivateAddresses(ctx.mode)) return;
  try {
    await assertPublicUrl(new URL(url));
  } catch (error) {
    const message =
      error instanceof BlockedAddressError ? error.message : `We could not resolve ${new URL(url).hostname}. Live webhooks need a public host name.`;
    throw new DomainError("VALIDATION_ERROR", message, [{ field: "url", message }]);
  }
}

function audit(ctx: ProjectContext, action: string, endpointId: string, details: Record<string, unknown> = {}) {
  return recordAudit(ctx.db, ctx.actor, {
    organizationId: ctx.organizationId,
    projectId: ctx.projectId,
    action: `webhook.${action}`,
    targetType: "webhook_endpoint",
    targetId: endpointId,
    details: { mode: ctx.mode, ...details },
  });
}

export async function createEndpoint(ctx: ProjectContext, input: CreateEndpointInput) {
  await checkUrl(ctx, input.url);
  const [{ count }] = rowsOf<{ count: number }>(
    await ctx.db.execute(sql`select count(*)::int as count from webhook_endpoint where project_id = ${ctx.projectId} and mode = ${ctx.mode}`),
  ) as [{ count: number }];
  if (count >= MAX_ENDPOINTS)
    throw new DomainError("VALIDATION_ERROR", `A project can have at most ${MAX_ENDPOINTS} endpoints per mode.`, [
      { field: "url", message: `At most ${MAX_ENDPOINTS} endpoints per mode.` },
    ]);
  const secret = newSigningSecret();
  const [row] = await ctx.db
    .insert(webhookEndpoint)
    .values({
      id: newId("we"),
      projectId: ctx.projectId,
      mode: ctx.mode,
      url: input.url,
      description: input.description || null,
      enabledEvents: input.enabledEvents,
      secretCiphertext: encryptSecret(secret),
    })
    .returning();
  await audit(ctx, "created", row!.id, { url: input.url, enabledEvents: input.enabledEvents });
  return { endpoint: row!, secret };
}

export async function listEndpoints(ctx: ProjectContext) {
  return ctx.db
    .select()
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.projectId, ctx.projectId), eq(webhookEndpoint.mode, ctx.mode)))
    .orderBy(desc(webhookEndpoint.createdAt), desc(webhookEndpoint.id));
}

/** Another project's or mode's endpoint is NOT_FOUND. */
export async function getEndpoint(ctx: ProjectContext, id: string): Promise<EndpointRow> {
  const [row] = await ctx.db
    .select()
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.id, id), eq(webhookEndpoint.projectId, ctx.projectId), eq(webhookEndpoint.mode, ctx.mode)));
  if (!row) throw notFound("Webhook endpoint", id);
  return row;
}

export async function updateEndpoint(ctx: ProjectContext, id: string, input: UpdateEndpointInput) {
  const current = await getEndpoint(ctx, id);
  if (input.url && input.url !== current.url) await checkUrl(ctx, input.url);
  const now = new Date();
  const resuming = input.status === "enabled" && current.status === "disabled";
  const [row] = await ctx.db
    .update(webhookEndpoint)
    .set({
      ...(input.url ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description || null } : {}),
      ...(input.enabledEvents ? { enabledEvents: input.enabledEvents } : {}),
      ...(input.status === "disabled" && current.status === "enabled"
        ? { status: "disabled" as const, disabledAt: now, disabledReason: "Disabled by a team member" }
        : {}),
      // Resuming starts a fresh health record: the 5-day clock restarts.
      ...(resuming ? { status: "enabled" as const, disabledAt: null, disabledReason: null, failingSince: null } : {}),
      updatedAt: now,
    })
    .where(eq(webhookEndpoint.id, current.id))
    .returning();
  const changed = Object.keys(input).filter((k) => input[k as keyof UpdateEndpointInput] !== undefined);
  await audit(ctx, input.status === "disabled" ? "disabled" : resuming ? "enabled" : "updated", id, { fields: changed });
  return row!;
}

export async function deleteEndpoint(ctx: ProjectContext, id: string) {
  const current = await getEndpoint(ctx, id);
  await ctx.db.delete(webhookEndpoint).where(eq(webhookEndpoint.id, current.id));
  await audit(ctx, "deleted", id, { url: current.url });
  return current;
}

/** New secret now; the old one keeps signing (a second signature) for `graceHours`. */
export async function rollSecret(ctx: ProjectContext, id: string, graceHours: number) {
  const current = await getEndpoint(ctx, id);
  const secret = newSigningSecret();
  const now = new Date();
  const [row] = await ctx.db
    .update(webhookEndpoint)
    .set({
      secretCiphertext: encryptSecret(secret),
      previousSecretCiphertext: graceHours > 0 ? current.secretCiphertext : null,
      previousSecretExpiresAt: graceHours > 0 ? new Date(now.getTime() + graceHours * 3600_000) : null,
      updatedAt: now,
    })
    .where(eq(webhookEndpoint.id, current.id))
    .returning();
  await audit(ctx, "secret_rolled", id, { graceHours });
  return { endpoint: row!, secret };
}

/** Test-mode secrets may be shown again; live ones never. */
export async function revealSecret(ctx: ProjectContext, id: string) {
  const current = await getEndpoint(ctx, id);
  if (current.mode !== "test") throw new DomainError("FORBIDDEN", "Live signing secrets are shown once. Roll the secret to get a new one.");
  await audit(ctx, "secret_revealed", id);
  return decryptSecret(current.secretCiphertext);
}

export interface EndpointHealth {
  attempts24h: number;
  succeeded24h: number;
  /** null when nothing was attempted in 24 h. */
  successRate24h: number | null;
  lastFailureAt: Date | null;
  lastFailureMessage: string | null;
  /** Failing without a success for over an hour: flagged long before the 5-day disable. */
  flagged: boolean;
}

const FLAG_AFTER_MS = 3600_000;

/** Success rate over the last 24 h from the stored attempts, per endpoint of the list. */
export async function endpointHealth(ctx: ProjectContext, endpoints: EndpointRow[], now = new Date()): Promise<Map<string, EndpointHealth>> {
  const since = new Date(now.getTime() - 86_400_000);
  const ids = endpoints.map((e) => e.id);
  const counts = new Map<string, { attempts: number; succeeded: number }>();
  if (ids.length) {
    const rows = await ctx.db
      .select({
        endpointId: webhookDelivery.endpointId,
        attempts: sql<number>`count(*)::int`,
        succeeded: sql<number>`count(*) filter (where ${webhookAttempt.error} is null)::int`,
      })
      .from(webhookAttempt)
      .innerJoin(webhookDelivery, eq(webhookDelivery.id, webhookAttempt.deliveryId))
      .where(and(sql`${webhookDelivery.endpointId} in ${ids}`, sql`${webhookAttempt.createdAt} >= ${since.toISOString()}::timestamptz`))
      .groupBy(webhookDelivery.endpointId);
    for (const r of rows) counts.set(r.endpointId, { attempts: Number(r.attempts), succeeded: Number(r.succeeded) });
  }
  return new Map(
    endpoints.map((e) => {
      const c = counts.get(e.id) ?? { attempts: 0, succeeded: 0 };
      return [
        e.id,
        {
          attempts24h: c.attempts,
          succeeded24h: c.succeeded,
          successRate24h: c.attempts ? c.succeeded / c.attempts : null,
          lastFailureAt: e.lastFailureAt,
          lastFailureMessage: e.lastFailureMessage,
          flagged: e.status === "enabled" && e.failingSince !== null && now.getTime() - e.failingSince.getTime() > FLAG_AFTER_MS,
        },
      ];
    }),
  );
}

/** The endpoint as the API answers it; `secret` only when just created or rolled. */
export function serializeEndpoint(row: EndpointRow, secret?: string) {
  return {
    type: "webhook_endpoint",
    id: row.id,
    attributes: {
      id: row.id,
      url: row.url,
      description: row.description,
      enabledEvents: row.enabledEvents,
      status: row.status,
      disabledReason: row.disabledReason,
      mode: row.mode,
      failingSince: row.failingSince?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      ...(secret ? { secret } : {}),
    },
  };
}
