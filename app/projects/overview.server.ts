/** What a project's overview page shows: its keys (masked) and its newest sessions. */
import { and, desc, eq } from "drizzle-orm";
import { checkoutSession } from "../../db/schema";
import { listApiKeys, maskKey } from "../keys/keys.server";
import type { ProjectContext } from "../lib/context";
import { roleCan } from "../lib/roles";

export async function projectOverview(ctx: ProjectContext) {
  const keys = roleCan(ctx.role, { apiKey: ["read"] })
    ? (await listApiKeys(ctx.db, ctx.projectId, ctx.mode))
        .filter((k) => !k.revokedAt && (!k.expiresAt || k.expiresAt > new Date()))
        .map((k) => ({
          id: k.id,
          kind: k.kind,
          label: k.label,
          // Publishable keys are public; a secret key is only ever shown masked here.
          display: k.kind === "publishable" && k.publishableToken ? k.publishableToken : maskKey(k.kind, k.mode, k.lastFour),
          copyable: k.kind === "publishable",
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
        }))
    : null;
  const recentSessions = await ctx.db
    .select({
      id: checkoutSession.id,
      status: checkoutSession.status,
      sourceAmount: checkoutSession.sourceAmount,
      sourceCurrency: checkoutSession.sourceCurrency,
      destinationCurrency: checkoutSession.destinationCurrency,
      network: checkoutSession.network,
      externalCustomerId: checkoutSession.externalCustomerId,
      createdAt: checkoutSession.createdAt,
    })
    .from(checkoutSession)
    .where(and(eq(checkoutSession.projectId, ctx.projectId), eq(checkoutSession.mode, ctx.mode)))
    .orderBy(desc(checkoutSession.createdAt), desc(checkoutSession.id))
    .limit(8);
  return {
    keys,
    recentSessions: recentSessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
  };
}
