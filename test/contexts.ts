/** Projects and domain contexts made straight in the database, for domain-module tests. */
import crypto from "node:crypto";
import { organization, project } from "../db/schema";
import type { Mode } from "../db/schema/types";
import type { ProjectContext } from "../app/lib/context";
import type { Database } from "../app/lib/db.server";
import type { Role } from "../app/lib/roles";

export interface ProjectIds {
  organizationId: string;
  projectId: string;
}

/** A bare organization with one project (no members, no keys). */
export async function insertProject(db: Database, name = "Shop"): Promise<ProjectIds> {
  const organizationId = `org_${crypto.randomBytes(6).toString("hex")}`;
  await db.insert(organization).values({ id: organizationId, name: `${name} org`, slug: organizationId });
  const [created] = await db.insert(project).values({ organizationId, name }).returning();
  return { organizationId, projectId: created!.id };
}

/** The context the permission module would build for an admin from a fixed address. */
export function projectContext(db: Database, ids: ProjectIds, mode: Mode, role: Role = "admin", ipAddress = "203.0.113.9"): ProjectContext {
  return {
    db,
    organizationId: ids.organizationId,
    projectId: ids.projectId,
    mode,
    role,
    actor: { userId: null, email: "admin@example.com", ipAddress, userAgent: "vitest" },
  };
}
