/**
 * The demo organization: a user who can sign in, an organization with two
 * projects and their keys, and a 90-day history. Used on the first start of an
 * empty embedded database and by `npm run seed`.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { member, organization, project, projectBranding, user } from "~db/schema";
import type { Database } from "~/lib/db.server";
import { createAuth } from "~/lib/auth.server";
import { SYSTEM_ACTOR } from "~/lib/context";
import { createProject } from "~/projects/projects.server";
import { generateHistory } from "./history.server";

export const DEMO_USER = {
  email: "demo@ramp.test",
  password: "demo-password-1234",
  name: "Dana Demo",
} as const;
export const DEMO_ORGANIZATION = { name: "Acme Games", slug: "acme-games" } as const;
export const DEMO_PROJECTS = ["Acme Web Shop", "Acme Mobile"] as const;

export interface DemoOrganization {
  userId: string;
  organizationId: string;
  projectIds: string[];
  created: boolean;
}

/** Creates the demo user, organization and projects, or finds them if they exist. */
export async function ensureDemoOrganization(db: Database): Promise<DemoOrganization> {
  const auth = createAuth(db);
  let [demoUser] = await db.select({ id: user.id }).from(user).where(eq(user.email, DEMO_USER.email));
  if (!demoUser) {
    const result = await auth.api.signUpEmail({ body: { ...DEMO_USER } });
    demoUser = { id: result.user.id };
  }
  // The demo address cannot receive mail: it counts as verified, so the demo owner sees no banner.
  await db.update(user).set({ emailVerified: true }).where(eq(user.id, demoUser.id));
  let created = false;
  let [org] = await db.select({ id: organization.id }).from(organization).where(eq(organization.slug, DEMO_ORGANIZATION.slug));
  if (!org) {
    const result = await auth.api.createOrganization({ body: { ...DEMO_ORGANIZATION, userId: demoUser.id } });
    org = { id: result!.id };
    created = true;
  } else {
    // Reusing the organization: make sure the demo user can still sign in to it.
    const [membership] = await db
      .select({ id: member.id })
      .from(member)
      .where(and(eq(member.organizationId, org.id), eq(member.userId, demoUser.id)));
    if (!membership) {
      await auth.api.addMember({ body: { organizationId: org.id, userId: demoUser.id, role: "owner" } });
    }
  }
  const ctx = {
    db,
    organizationId: org.id,
    role: "owner" as const,
    actor: { ...SYSTEM_ACTOR, userId: demoUser.id, email: DEMO_USER.email },
  };
  let projects = await db
    .select({ id: project.id, name: project.name })
    .from(project)
    .where(eq(project.organizationId, org.id))
    .orderBy(asc(project.createdAt));
  for (const name of DEMO_PROJECTS) {
    if (!projects.some((p) => p.name === name)) {
      const created = await createProject(ctx, { name });
      projects = [...projects, { id: created.project.id, name }];
    }
  }
  return {
    userId: demoUser.id,
    organizationId: org.id,
    projectIds: DEMO_PROJECTS.map((name) => projects.find((p) => p.name === name)!.id),
    created,
  };
}

/** True when no organization exists yet: a brand-new database. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organization);
  return (row?.n ?? 0) === 0;
}

/** The full demo: organization, projects and a few thousand sessions of history. */
export async function seedDemo(db: Database, options: { sessions?: number } = {}) {
  const demo = await ensureDemoOrganization(db);
  const total = options.sessions ?? 4000;
  const [web, mobile] = demo.projectIds;
  await generateHistory(db, { projectId: web!, mode: "test", sessions: Math.round(total * 0.6), seed: 1, sandboxPayments: true });
  // The web shop is shown live, as its live history says: it went live before that history began
  // (its live orders were placed with the gateways, never the sandbox). The mobile app is test only.
  await db
    .update(project)
    .set({ defaultMode: "live", wentLiveAt: new Date(Date.now() - 91 * 86_400_000), allowedRedirectOrigins: ["https://shop.acme-games.example"] })
    .where(eq(project.id, web!));
  await db.insert(projectBranding).values({ projectId: web!, displayName: "Acme Games" }).onConflictDoNothing();
  await generateHistory(db, { projectId: web!, mode: "live", sessions: Math.round(total * 0.25), seed: 2, sandboxPayments: false });
  await generateHistory(db, { projectId: mobile!, mode: "test", sessions: Math.round(total * 0.15), seed: 3, sandboxPayments: true });
  return demo;
}
