import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { project, projectBranding } from "~db/schema";
import { recordAudit } from "~/audit/audit.server";
import { enableDefaultGateways } from "~/gateways/settings.server";
import { createDefaultKeys } from "~/keys/keys.server";
import { announceKeyChange, forgetCachedKeys } from "~/keys/key-check.server";
import type { Mode } from "~db/schema/types";
import type { OrgContext, ProjectContext } from "~/lib/context";
import type { Executor } from "~/lib/db.server";

export const projectNameSchema = z.string().trim().min(2, "Give the project a name of at least 2 characters.").max(60, "Keep the name under 60 characters.");

export const createProjectSchema = z.object({ name: projectNameSchema });

/**
 * A new project with its branding row and its four default keys, in one transaction.
 * Returns the live secret key's token, which the console shows exactly once.
 */
export async function createProject(ctx: OrgContext, input: z.infer<typeof createProjectSchema>) {
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx.insert(project).values({ organizationId: ctx.organizationId, name: input.name }).returning();
    await tx.insert(projectBranding).values({ projectId: created!.id, displayName: input.name });
    const { liveSecretKey } = await createDefaultKeys(tx, created!.id, ctx.actor.userId);
    // Test mode works out of the box: every sandbox gateway on, in catalogue order.
    await enableDefaultGateways(tx, created!.id);
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      projectId: created!.id,
      action: "project.created",
      targetType: "project",
      targetId: created!.id,
      details: { name: input.name },
    });
    return { project: created!, liveSecretKey };
  });
}

/** Projects of an organization, oldest first; archived ones only when asked. */
export async function listProjects(db: Executor, organizationId: string, options: { includeArchived?: boolean } = {}) {
  return db
    .select({ id: project.id, name: project.name, archivedAt: project.archivedAt, defaultMode: project.defaultMode })
    .from(project)
    .where(options.includeArchived ? eq(project.organizationId, organizationId) : and(eq(project.organizationId, organizationId), isNull(project.archivedAt)))
    .orderBy(asc(project.createdAt), asc(project.id));
}

/** A project by id, only if it belongs to one of these organizations (else null: no leak). */
export async function findProjectInOrganizations(db: Executor, projectId: string, organizationIds: string[]) {
  if (!organizationIds.length) return null;
  const [found] = await db
    .select({ id: project.id, name: project.name, organizationId: project.organizationId })
    .from(project)
    .where(and(eq(project.id, projectId), inArray(project.organizationId, organizationIds)));
  return found ?? null;
}

/** `https://shop.example.com` — scheme, host and port only; live redirect URLs must start with one. */
export const redirectOriginsSchema = z
  .string()
  .transform((text) =>
    text
      .split(/[\s,]+/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z.string().transform((value, issue) => {
          let url: URL;
          try {
            url = new URL(value);
          } catch {
            issue.addIssue({ code: "custom", message: `“${value}” is not a URL. Write origins like https://shop.example.com.` });
            return z.NEVER;
          }
          if (url.protocol !== "https:") {
            issue.addIssue({ code: "custom", message: `“${value}” must use https: live redirects are https only.` });
            return z.NEVER;
          }
          if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
            issue.addIssue({ code: "custom", message: `“${value}” has a path or query: give only the origin, like ${url.origin}.` });
            return z.NEVER;
          }
          return url.origin;
        }),
      )
      .max(20, "At most 20 origins.")
      .transform((origins) => [...new Set(origins)]),
  );

async function updateProject(ctx: ProjectContext, values: Partial<typeof project.$inferInsert>, audit: { action: string; details?: Record<string, unknown> }) {
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(project)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(project.id, ctx.projectId), eq(project.organizationId, ctx.organizationId)));
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      projectId: ctx.projectId,
      action: audit.action,
      targetType: "project",
      targetId: ctx.projectId,
      details: audit.details,
    });
  });
}

export function renameProject(ctx: ProjectContext, name: string) {
  return updateProject(ctx, { name }, { action: "project.renamed", details: { name } });
}

/** The origins live redirects and live browser calls (app/api/cors.server.ts) may use; the key cache carries them, so it is cleared. */
export async function setRedirectOrigins(ctx: ProjectContext, origins: string[]) {
  const updated = await updateProject(ctx, { allowedRedirectOrigins: origins }, { action: "project.redirect_origins_updated", details: { origins } });
  forgetCachedKeys({ projectId: ctx.projectId });
  await announceKeyChange(ctx.db, { projectId: ctx.projectId });
  return updated;
}

/** Archived projects keep their data but every API call with their keys is refused. */
export async function archiveProject(ctx: ProjectContext) {
  const archived = await updateProject(ctx, { archivedAt: new Date() }, { action: "project.archived" });
  forgetCachedKeys({ projectId: ctx.projectId });
  await announceKeyChange(ctx.db, { projectId: ctx.projectId });
  return archived;
}

export function restoreProject(ctx: ProjectContext) {
  return updateProject(ctx, { archivedAt: null }, { action: "project.restored" });
}

/** Whether a session's redirectUrl may be used in this mode (live: it must start with an allowed origin). */
export function isRedirectAllowed(redirectUrl: string, mode: Mode, allowedOrigins: string[]): boolean {
  if (mode === "test") return true;
  try {
    return allowedOrigins.includes(new URL(redirectUrl).origin);
  } catch {
    return false;
  }
}
