/**
 * What a project's overview page shows: the keys to start with, the quick-start
 * snippet, webhook and gateway status, and the newest sessions.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiKey, checkoutSession, webhookEndpoint } from "~db/schema";
import { listEnabledGateways } from "~/gateways/settings.server";
import { maskKey } from "~/keys/keys.server";
import type { ProjectContext } from "~/lib/context";
import { env } from "~/lib/env.server";
import { recordSummary } from "~/lib/record-summary.server";
import { roleCan } from "~/lib/roles";

async function newestActiveKey(ctx: ProjectContext, kind: "publishable" | "secret") {
  const [row] = await ctx.db
    .select()
    .from(apiKey)
    .where(and(eq(apiKey.projectId, ctx.projectId), eq(apiKey.mode, ctx.mode), eq(apiKey.kind, kind), isNull(apiKey.revokedAt), isNull(apiKey.expiresAt)))
    .orderBy(desc(apiKey.createdAt))
    .limit(1);
  return row ?? null;
}

export async function projectOverview(ctx: ProjectContext) {
  const canReadKeys = roleCan(ctx.role, { apiKey: ["read"] });
  const [publishable, secret] = canReadKeys ? await Promise.all([newestActiveKey(ctx, "publishable"), newestActiveKey(ctx, "secret")]) : [null, null];

  const [webhooks] = await ctx.db
    .select({
      enabled: sql<number>`count(*) filter (where ${webhookEndpoint.status} = 'enabled')::int`,
      failing: sql<number>`count(*) filter (where ${webhookEndpoint.failingSince} is not null)::int`,
      disabled: sql<number>`count(*) filter (where ${webhookEndpoint.status} = 'disabled')::int`,
    })
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.projectId, ctx.projectId), eq(webhookEndpoint.mode, ctx.mode)));

  const gateways = await listEnabledGateways(ctx.db, ctx.projectId, ctx.mode);

  const recentSessions = await ctx.db
    .select({
      ...recordSummary(checkoutSession),
      type: checkoutSession.type,
      network: checkoutSession.network,
      externalCustomerId: checkoutSession.externalCustomerId,
    })
    .from(checkoutSession)
    .where(and(eq(checkoutSession.projectId, ctx.projectId), eq(checkoutSession.mode, ctx.mode)))
    .orderBy(desc(checkoutSession.createdAt), desc(checkoutSession.id))
    .limit(8);

  return {
    apiBaseUrl: env().BASE_URL,
    keys: canReadKeys
      ? {
          publishable: publishable?.publishableToken ?? null,
          secret: secret
            ? {
                id: secret.id,
                masked: maskKey("secret", secret.mode, secret.lastFour),
                // The snippet can hold the real test key, revealed on request (audited) by those allowed.
                revealable: secret.mode === "test" && secret.secretCiphertext !== null && roleCan(ctx.role, { testSecretKey: ["reveal"] }),
              }
            : null,
        }
      : null,
    webhooks: webhooks ?? { enabled: 0, failing: 0, disabled: 0 },
    gateways: gateways.map((g) => ({ id: g.id, name: g.name })),
    recentSessions: recentSessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
  };
}
