/** Projects and domain contexts made straight in the database, for domain-module tests. */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { organization, project } from "../db/schema";
import type { Mode } from "../db/schema/types";
import type { ProjectContext } from "../app/lib/context";
import type { Database } from "../app/lib/db.server";
import type { Role } from "../app/lib/roles";
import { enableDefaultGateways } from "../app/gateways/settings.server";
import { createApiKey } from "../app/keys/keys.server";

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

/** A test-mode secret (`sk`) and publishable (`pk`) key, as tokens. */
export interface TestKeys {
  sk: string;
  pk: string;
}

/** A project as a partner starts calling the API: the default gateways enabled, and a test-mode key pair. */
export async function insertApiProject(db: Database, name: string): Promise<{ ids: ProjectIds; keys: TestKeys }> {
  const ids = await insertProject(db, name);
  await enableDefaultGateways(db, ids.projectId);
  const sk = (await createApiKey(db, { projectId: ids.projectId, mode: "test", kind: "secret" })).token;
  const pk = (await createApiKey(db, { projectId: ids.projectId, mode: "test", kind: "publishable" })).token;
  return { ids, keys: { sk, pk } };
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

/** The project has gone live (its live keys work: before, they are refused with PROJECT_NOT_LIVE). */
export async function markProjectLive(db: Database, projectId: string) {
  await db.update(project).set({ defaultMode: "live", wentLiveAt: new Date() }).where(eq(project.id, projectId));
}
