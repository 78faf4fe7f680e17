/**
 * Organizations, members and invitations. better-auth's organization plugin owns the
 * rows and checks the caller's role again; we add the console's own guard (the
 * permission module, before these are called), readable errors and the audit log.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { invitation, member, organization, user } from "../../db/schema";
import { recordAudit, type AuditEntry } from "../audit/audit.server";
import { callAuth } from "../lib/auth-calls.server";
import { getAuth, invitationLink } from "../lib/auth.server";
import type { Actor, OrgContext } from "../lib/context";
import type { Executor } from "../lib/db.server";
import { randomBase62 } from "../lib/crypto.server";
import { isRole, type Role } from "../lib/roles";

/**
 * Runs a better-auth organization call as the signed-in member and, when it succeeds,
 * records it in the audit log. Returns better-auth's result with readable errors.
 */
async function auditedAuthCall<T>(
  ctx: OrgContext,
  call: (auth: Awaited<ReturnType<typeof getAuth>>) => Promise<T>,
  audit: (value: T) => Omit<AuditEntry, "organizationId">,
) {
  const auth = await getAuth();
  const result = await callAuth(() => call(auth));
  if (result.ok) await recordAudit(ctx.db, ctx.actor, { organizationId: ctx.organizationId, ...audit(result.value) });
  return result;
}

export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "org"}-${randomBase62(4).slice(0, 5).toLowerCase()}`;
}

/** Creates an organization with the caller as owner and makes it their active one. */
export async function createOrganization(headers: Headers, name: string) {
  const auth = await getAuth();
  return callAuth(() => auth.api.createOrganization({ body: { name, slug: slugify(name), keepCurrentActiveOrganization: false }, headers }));
}

export async function setActiveOrganization(headers: Headers, organizationId: string) {
  const auth = await getAuth();
  return callAuth(() => auth.api.setActiveOrganization({ body: { organizationId }, headers }));
}

export async function listMembers(db: Executor, organizationId: string) {
  const rows = await db
    .select({ id: member.id, userId: user.id, name: user.name, email: user.email, role: member.role, joinedAt: member.createdAt })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, organizationId))
    .orderBy(asc(member.createdAt));
  return rows.map((r) => ({ ...r, role: (isRole(r.role) ? r.role : "support") as Role }));
}

export async function listPendingInvitations(db: Executor, organizationId: string) {
  const rows = await db
    .select({ id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, createdAt: invitation.createdAt })
    .from(invitation)
    .where(and(eq(invitation.organizationId, organizationId), eq(invitation.status, "pending")))
    .orderBy(desc(invitation.createdAt));
  const now = Date.now();
  return rows.map((r) => ({ ...r, link: invitationLink(r.id), expired: r.expiresAt.getTime() < now }));
}

export async function inviteMember(ctx: OrgContext, headers: Headers, input: { email: string; role: string }) {
  const result = await auditedAuthCall(
    ctx,
    (auth) =>
      auth.api.createInvitation({
        body: { email: input.email, role: input.role as "admin", organizationId: ctx.organizationId, resend: true },
        headers,
      }),
    (invitation) => ({
      action: "member.invited",
      targetType: "invitation",
      targetId: invitation.id,
      details: { email: input.email, role: input.role },
    }),
  );
  return result.ok ? { ok: true as const, link: invitationLink(result.value.id), id: result.value.id } : result;
}

export async function cancelInvitation(ctx: OrgContext, headers: Headers, invitationId: string) {
  return auditedAuthCall(
    ctx,
    (auth) => auth.api.cancelInvitation({ body: { invitationId }, headers }),
    () => ({ action: "member.invitation_cancelled", targetType: "invitation", targetId: invitationId }),
  );
}

export async function changeMemberRole(ctx: OrgContext, headers: Headers, memberId: string, role: Role) {
  return auditedAuthCall(
    ctx,
    (auth) => auth.api.updateMemberRole({ body: { memberId, role, organizationId: ctx.organizationId }, headers }),
    () => ({ action: "member.role_changed", targetType: "member", targetId: memberId, details: { role } }),
  );
}

export async function removeMember(ctx: OrgContext, headers: Headers, memberId: string) {
  return auditedAuthCall(
    ctx,
    (auth) => auth.api.removeMember({ body: { memberIdOrEmail: memberId, organizationId: ctx.organizationId }, headers }),
    () => ({ action: "member.removed", targetType: "member", targetId: memberId }),
  );
}

/** What the invitee sees before accepting; null when it is unknown or no longer pending. */
export async function findPendingInvitation(db: Executor, invitationId: string) {
  const [row] = await db
    .select({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      expiresAt: invitation.expiresAt,
      organizationId: organization.id,
      organizationName: organization.name,
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .where(eq(invitation.id, invitationId));
  return row ?? null;
}

export async function acceptInvitation(db: Executor, actor: Actor, headers: Headers, invitationId: string) {
  const auth = await getAuth();
  const result = await callAuth(() => auth.api.acceptInvitation({ body: { invitationId }, headers }));
  if (result.ok && result.value) {
    const accepted = result.value as { member?: { id: string; organizationId: string; role: string } };
    if (accepted.member) {
      await recordAudit(db, actor, {
        organizationId: accepted.member.organizationId,
        action: "member.joined",
        targetType: "member",
        targetId: accepted.member.id,
        details: { role: accepted.member.role, invitationId },
      });
    }
  }
  return result;
}

export async function renameOrganization(ctx: OrgContext, headers: Headers, name: string) {
  return auditedAuthCall(
    ctx,
    (auth) => auth.api.updateOrganization({ body: { data: { name }, organizationId: ctx.organizationId }, headers }),
    () => ({ action: "organization.renamed", targetType: "organization", targetId: ctx.organizationId, details: { name } }),
  );
}

export async function deleteOrganization(headers: Headers, organizationId: string) {
  const auth = await getAuth();
  return callAuth(() => auth.api.deleteOrganization({ body: { organizationId }, headers }));
}
