/**
 * Go live: a project serves test mode until an owner or admin switches it live here.
 * "Serves test mode" means (docs/decisions/0014-gateway-adapters.md#go-live):
 *  - its keyless public endpoints (quotes, supported, checkout-intent) serve test mode;
 *  - its live keys (sk_live_, pk_live_) are refused with PROJECT_NOT_LIVE (403);
 *  - test keys work as always, before and after.
 * Going live needs every required item of the checklist; switching back is always possible.
 * Both are audited; every instance forgets its cached key lookups of the project at once.
 */
import { and, count, eq } from "drizzle-orm";
import { project, projectBranding, webhookEndpoint } from "~db/schema";
import { recordAudit } from "~/audit/audit.server";
import { listGatewaySettings } from "~/gateways/settings.server";
import { announceKeyChange, forgetCachedKeys } from "~/keys/key-check.server";
import type { ProjectContext } from "~/lib/context";
import { invalidState } from "~/lib/domain-error";

export interface ChecklistItem {
  id: "gateway" | "origins" | "webhook" | "branding";
  label: string;
  done: boolean;
  /** Required to go live; the others are recommended. */
  required: boolean;
  detail: string;
}

export interface GoLiveState {
  live: boolean;
  wentLiveAt: Date | null;
  checklist: ChecklistItem[];
  ready: boolean;
}

export async function goLiveState(ctx: ProjectContext): Promise<GoLiveState> {
  const [row] = await ctx.db
    .select({ defaultMode: project.defaultMode, wentLiveAt: project.wentLiveAt, origins: project.allowedRedirectOrigins })
    .from(project)
    .where(eq(project.id, ctx.projectId));
  // Live gateways, whatever mode the page is viewed in.
  const gateways = await listGatewaySettings({ ...ctx, mode: "live" });
  const connected = gateways.filter((g) => g.enabled && g.connection === "connected");
  const [webhooks] = await ctx.db
    .select({ n: count() })
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.projectId, ctx.projectId), eq(webhookEndpoint.mode, "live"), eq(webhookEndpoint.status, "enabled")));
  const [branding] = await ctx.db
    .select({ displayName: projectBranding.displayName, logoType: projectBranding.logoContentType })
    .from(projectBranding)
    .where(eq(projectBranding.projectId, ctx.projectId));
  const origins = row?.origins ?? [];
  const checklist: ChecklistItem[] = [
    {
      id: "gateway",
      label: "At least one live gateway connected and enabled",
      done: connected.length > 0,
      required: true,
      detail: connected.length
        ? `Connected: ${connected.map((g) => g.name).join(", ")}.`
        : "Save a gateway's live credentials, run Test connection, and enable it.",
    },
    {
      id: "origins",
      label: "Allowed redirect origins set",
      done: origins.length > 0,
      required: true,
      detail: origins.length ? origins.join(", ") : "Live sessions may only send customers back to these origins (Project settings).",
    },
    {
      id: "webhook",
      label: "A live webhook endpoint",
      done: (webhooks?.n ?? 0) > 0,
      required: false,
      detail: (webhooks?.n ?? 0) > 0 ? `${webhooks!.n} enabled.` : "Without one you learn of completed orders only by polling.",
    },
    {
      id: "branding",
      label: "Checkout branding set",
      done: Boolean(branding?.displayName || branding?.logoType),
      required: true,
      detail: branding?.displayName ? `Shown as “${branding.displayName}”.` : "A display name or logo, so customers know whom they pay (Branding).",
    },
  ];
  return {
    live: row?.defaultMode === "live",
    wentLiveAt: row?.wentLiveAt ?? null,
    checklist,
    ready: checklist.every((item) => item.done || !item.required),
  };
}

/** Switches the project live (every required item done) or back to test. Audited; a no-op when already there. */
export async function setProjectLive(ctx: ProjectContext, live: boolean) {
  const state = await goLiveState(ctx);
  if (state.live === live) return state;
  if (live && !state.ready) {
    const missing = state.checklist.filter((item) => item.required && !item.done).map((item) => item.label.toLowerCase());
    throw invalidState(`Not ready to go live: ${missing.join("; ")}.`);
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(project)
      .set({ defaultMode: live ? "live" : "test", ...(live ? { wentLiveAt: new Date() } : {}), updatedAt: new Date() })
      .where(eq(project.id, ctx.projectId));
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      projectId: ctx.projectId,
      action: live ? "project.went_live" : "project.returned_to_test",
      targetType: "project",
      targetId: ctx.projectId,
      details: { checklist: Object.fromEntries(state.checklist.map((item) => [item.id, item.done])) },
    });
    await announceKeyChange(tx, { projectId: ctx.projectId });
  });
  forgetCachedKeys({ projectId: ctx.projectId });
  return goLiveState(ctx);
}
