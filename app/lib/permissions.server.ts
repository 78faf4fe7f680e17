/**
 * The permission module. Every loader and action calls one of these guards
 * itself (Remix runs loaders in parallel, so a layout's check protects nothing):
 *   requireUser          signed in
 *   requireOrganization  member of the active organization (+ permission)
 *   requireProject       member of the project's organization (+ permission);
 *                        another tenant's project answers 404, never 403.
 * The API's key check (issue: API keys) builds the same ProjectContext.
 */
import { redirect } from "@remix-run/node";
import { and, asc, eq } from "drizzle-orm";
import { markSessionActive } from "~/account/session-activity.server";
import { organizationsRequiringTwoFactor } from "~/account/two-factor-policy.server";
import { member, organization, project } from "~db/schema";
import type { Mode } from "~db/schema/types";
import { CLIENT_IP_HEADER, getAuth } from "./auth.server";
import type { Actor, OrgContext, ProjectContext } from "./context";
import { getDb, type Database } from "./db.server";
import { forbidden, notFound } from "./http.server";
import { isRole, roleCan, type Permission, type Role } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** Unverified users may use the console (a banner asks them to verify) but cannot accept invitations. */
  emailVerified: boolean;
}

export interface Membership {
  organizationId: string;
  name: string;
  slug: string;
  role: Role;
}

export async function getSessionUser(request: Request) {
  const auth = await getAuth();
  const result = await auth.api.getSession({ headers: request.headers });
  if (!result) return null;
  return {
    user: {
      id: result.user.id,
      email: result.user.email,
      name: result.user.name,
      emailVerified: result.user.emailVerified,
    } satisfies SessionUser,
    activeOrganizationId: (result.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null,
    /** This browser's session (the devices list marks it "this device"). */
    sessionId: result.session.id,
    sessionUpdatedAt: new Date(result.session.updatedAt),
    twoFactorEnabled: (result.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled === true,
  };
}

function redirectPathOf(request: Request) {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

export interface RequireUserOptions {
  /**
   * Only for the two-factor set-up page (and its actions): it must stay reachable for a member
   * whose organization requires two-factor sign-in while they have none yet.
   */
  duringTwoFactorSetup?: boolean;
}

/**
 * Signed in, and — unless this is the set-up page — with two-factor sign-in if any of the
 * user's organizations requires it. Every other guard starts here, so a member without it
 * reaches no console loader or action: they are sent to set-up, and come back afterwards.
 */
export async function requireUser(request: Request, options: RequireUserOptions = {}) {
  const current = await getSessionUser(request);
  if (!current) {
    const redirectTo = redirectPathOf(request);
    throw redirect(redirectTo === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  await markSessionActive(await getDb(), current.sessionId, current.sessionUpdatedAt);
  if (!options.duringTwoFactorSetup && !current.twoFactorEnabled) {
    const requiring = await organizationsRequiringTwoFactor(await getDb(), current.user.id);
    if (requiring.length) {
      const redirectTo = redirectPathOf(request);
      throw redirect(redirectTo === "/" ? "/two-factor/setup" : `/two-factor/setup?redirectTo=${encodeURIComponent(redirectTo)}`);
    }
  }
  return current;
}

export async function listMemberships(db: Database, userId: string): Promise<Membership[]> {
  const rows = await db
    .select({ organizationId: organization.id, name: organization.name, slug: organization.slug, role: member.role })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId))
    .orderBy(asc(organization.name));
  return rows.filter((r): r is Membership => isRole(r.role));
}

export function actorFrom(request: Request, user: SessionUser | null): Actor {
  return {
    userId: user?.id ?? null,
    email: user?.email ?? null,
    ipAddress: request.headers.get(CLIENT_IP_HEADER),
    userAgent: request.headers.get("user-agent"),
  };
}

export interface ConsoleOrgContext extends OrgContext {
  user: SessionUser;
  organization: Membership;
  memberships: Membership[];
}

/**
 * The active organization (the session's, else the user's first) with the user's role in it.
 * No organization yet → onboarding.
 */
export async function requireOrganization(request: Request, permission?: Permission): Promise<ConsoleOrgContext> {
  const { user, activeOrganizationId } = await requireUser(request);
  const db = await getDb();
  const memberships = await listMemberships(db, user.id);
  const active = memberships.find((m) => m.organizationId === activeOrganizationId) ?? memberships[0];
  if (!active) throw redirect("/onboarding");
  if (permission && !roleCan(active.role, permission)) forbidden();
  return {
    db,
    user,
    organizationId: active.organizationId,
    organization: active,
    memberships,
    role: active.role,
    actor: actorFrom(request, user),
  };
}

export interface ConsoleProjectContext extends ConsoleOrgContext, ProjectContext {
  project: typeof project.$inferSelect;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseMode(value: string | undefined): Mode {
  if (value === "test" || value === "live") return value;
  notFound();
}

/**
 * A project the user may see, in the given mode. The role is the user's role in the
 * project's own organization (not the active one), so two tabs on two organizations work.
 */
export async function requireProject(
  request: Request,
  params: { projectId?: string; mode?: string },
  permission: Permission = { project: ["read"] },
): Promise<ConsoleProjectContext> {
  const { user } = await requireUser(request);
  const mode = parseMode(params.mode);
  if (!params.projectId || !UUID.test(params.projectId)) notFound("We couldn't find that project.");
  const db = await getDb();
  const [found] = await db
    .select({ project, role: member.role })
    .from(project)
    .innerJoin(member, and(eq(member.organizationId, project.organizationId), eq(member.userId, user.id)))
    .where(eq(project.id, params.projectId));
  if (!found || !isRole(found.role)) notFound("We couldn't find that project.");
  if (!roleCan(found.role, permission)) forbidden();
  const memberships = await listMemberships(db, user.id);
  const organization = memberships.find((m) => m.organizationId === found.project.organizationId)!;
  return {
    db,
    user,
    organizationId: found.project.organizationId,
    organization,
    memberships,
    role: found.role,
    actor: actorFrom(request, user),
    project: found.project,
    projectId: found.project.id,
    mode,
  };
}

/** For UI: which of a set of permissions the role holds. */
export function can(role: Role, permission: Permission): boolean {
  return roleCan(role, permission);
}
