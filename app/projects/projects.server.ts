import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { project, projectBranding } from "../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { createDefaultKeys } from "../keys/keys.server";
import type { OrgContext } from "../lib/context";
import type { Executor } from "../lib/db.server";

export const projectNameSchema = z
  .string()
  .trim()
  .min(2, "Give the project a name of at least 2 characters.")
  .max(60, "Keep the name under 60 characters.");

export const createProjectSchema = z.object({ name: projectNameSchema });

/** A new project with its branding row and its four default keys, in one transaction. */
export async function createProject(ctx: OrgContext, input: z.infer<typeof createProjectSchema>) {
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(project)
      .values({ organizationId: ctx.organizationId, name: input.name })
      .returning();
    await tx.insert(projectBranding).values({ projectId: created!.id, displayName: input.name });
    await createDefaultKeys(tx, created!.id, ctx.actor.userId);
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      projectId: created!.id,
      action: "project.created",
      targetType: "project",
      targetId: created!.id,
      details: { name: input.name },
    });
    return created!;
  });
}

/** Projects of an organization, oldest first; archived ones only when asked. */
export async function listProjects(db: Executor, organizationId: string, options: { includeArchived?: boolean } = {}) {
  return db
    .select({ id: project.id, name: project.name, archivedAt: project.archivedAt, defaultMode: project.defaultMode })
    .from(project)
    .where(
      options.includeArchived
        ? eq(project.organizationId, organizationId)
        : and(eq(project.organizationId, organizationId), isNull(project.archivedAt)),
    )
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
