/**
 * Organizations, members and invitations. better-auth's organization plugin owns the
 * rows and checks the caller's role again; we add the console's own guard (the
 * permission module, before these are called), readable errors and the audit log.
 * The console's calls throw DomainError (authCall); those of the sign-up and invitation
 * pages (createOrganization, setActiveOrganization, acceptInvitation) still answer
 * better-auth's `{ ok }` result, which those pages read.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { invitation, member, organization, user } from "~db/schema";
import { recordAudit, type AuditEntry } from "~/audit/audit.server";
import { callAuth, cookieHeaders } from "~/lib/auth-calls.server";
import { getAuth, invitationLink } from "~/lib/auth.server";
import type { Actor, OrgContext } from "~/lib/context";
import type { Database, Executor } from "~/lib/db.server";
import { randomBase62 } from "~/lib/crypto.server";
import { DomainError, fieldError } from "~/lib/domain-error";
import { listMemberships } from "~/lib/permissions.server";
import { isRole, OWNER_ONLY, roleCan, type Role } from "~/lib/roles";
import { authCall } from "./auth-call.server";

/**
 * Runs a better-auth organization call as the signed-in member and, when it succeeds,
 * records it in the audit log. A refusal is a DomainError with better-auth's readable message.
 */
async function auditedAuthCall<T>(
  ctx: OrgContext,
  call: (auth: Awaited<ReturnType<typeof getAuth>>) => Promise<T>,
  audit: (value: T) => Omit<AuditEntry, "organizationId">,
): Promise<T> {
  const auth = await getAuth();
  const value = await authCall(() => call(auth));
  await recordAudit(ctx.db, ctx.actor, { organizationId: ctx.organizationId, ...audit(value) });
  return value;
}

function slugify(name: string): string {
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

/** Makes another of the user's organizations their active one; answers the session's new Set-Cookie headers. */
export async function switchOrganization(db: Executor, userId: string, headers: Headers, organizationId: string) {
  const memberships = await listMemberships(db, userId);
  if (!memberships.some((m) => m.organizationId === organizationId)) throw new DomainError("FORBIDDEN", "You are not a member of that organization.");
  const auth = await getAuth();
  const result = await authCall(() => auth.api.setActiveOrganization({ body: { organizationId }, headers, returnHeaders: true }));
  return cookieHeaders(result.headers);
}

export async function listMembers(db: Executor, organizationId: string) {
  const rows = await db
    .select({
      id: member.id,
      userId: user.id,
      name: user.name,
      email: user.email,
      role: member.role,
      joinedAt: member.createdAt,
      twoFactorEnabled: user.twoFactorEnabled,
    })
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
  const invited = await auditedAuthCall(
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
  return { link: invitationLink(invited.id), id: invited.id };
}

export async function cancelInvitation(ctx: OrgContext, headers: Headers, invitationId: string) {
  return auditedAuthCall(
    ctx,
    (auth) => auth.api.cancelInvitation({ body: { invitationId }, headers }),
    () => ({ action: "member.invitation_cancelled", targetType: "invitation", targetId: invitationId }),
  );
}

/**
 * The member being changed or removed; only owners manage owners (DESIGN.md), and the last
 * owner stays one: an organization without an owner could not be managed or deleted.
 */
async function memberToManage(ctx: OrgContext, memberId: string, newRole?: Role) {
  const members = await listMembers(ctx.db, ctx.organizationId);
  const target = members.find((m) => m.id === memberId);
  if (!target) throw new DomainError("NOT_FOUND", "That member is no longer in the organization.");
  if ((target.role === "owner" || newRole === "owner") && !roleCan(ctx.role, OWNER_ONLY)) {
    throw new DomainError("FORBIDDEN", "Only an owner can change or remove an owner.");
  }
  if (target.role === "owner" && newRole !== "owner" && members.filter((m) => m.role === "owner").length === 1) {
    throw new DomainError("INVALID_STATE", `${target.email} is the only owner. Make another member owner first (Transfer ownership).`);
  }
  return target;
}

export async function changeMemberRole(ctx: OrgContext, headers: Headers, memberId: string, role: Role) {
  await memberToManage(ctx, memberId, role);
  return auditedAuthCall(
    ctx,
    (auth) => auth.api.updateMemberRole({ body: { memberId, role, organizationId: ctx.organizationId }, headers }),
    () => ({ action: "member.role_changed", targetType: "member", targetId: memberId, details: { role } }),
  );
}

export async function removeMember(ctx: OrgContext, headers: Headers, memberId: string) {
  await memberToManage(ctx, memberId);
  return auditedAuthCall(
    ctx,
    (auth) => auth.api.removeMember({ body: { memberIdOrEmail: memberId, organizationId: ctx.organizationId }, headers }),
    () => ({ action: "member.removed", targetType: "member", targetId: memberId }),
  );
}

/** Sends a pending invitation's mail again and gives it a fresh week; answers its (possibly new) link. */
export async function resendInvitation(ctx: OrgContext, headers: Headers, invitationId: string) {
  const [pending] = await ctx.db
    .select({ email: invitation.email, role: invitation.role })
    .from(invitation)
    .where(and(eq(invitation.id, invitationId), eq(invitation.organizationId, ctx.organizationId), eq(invitation.status, "pending")));
  if (!pending) throw new DomainError("NOT_FOUND", "That invitation was accepted or cancelled meanwhile.");
  // better-auth's `resend` extends the pending invitation and mails it again (a new one if it had expired).
  const resent = await auditedAuthCall(
    ctx,
    (auth) =>
      auth.api.createInvitation({
        body: { email: pending.email, role: (pending.role ?? "support") as "admin", organizationId: ctx.organizationId, resend: true },
        headers,
      }),
    (sent) => ({ action: "member.invitation_resent", targetType: "invitation", targetId: sent.id, details: { email: pending.email } }),
  );
  return { email: pending.email, link: invitationLink(resent.id) };
}

/**
 * The caller (an owner) hands ownership to another member and becomes an admin, in one
 * transaction: there is never a moment with no owner or an extra one.
 */
export async function transferOwnership(ctx: OrgContext & { user: { id: string } }, memberId: string) {
  if (!roleCan(ctx.role, OWNER_ONLY)) throw new DomainError("FORBIDDEN", "Only an owner can transfer ownership.");
  const members = await listMembers(ctx.db, ctx.organizationId);
  const target = members.find((m) => m.id === memberId);
  const self = members.find((m) => m.userId === ctx.user.id);
  if (!target) throw new DomainError("NOT_FOUND", "That member is no longer in the organization.");
  if (!self || self.role !== "owner") throw new DomainError("FORBIDDEN", "Only an owner can transfer ownership.");
  if (target.id === self.id) throw new DomainError("INVALID_STATE", "You are already an owner: pick another member.");
  if (target.role === "owner") throw new DomainError("INVALID_STATE", `${target.email} is already an owner.`);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(member)
      .set({ role: "owner" })
      .where(and(eq(member.id, target.id), eq(member.organizationId, ctx.organizationId)));
    await tx
      .update(member)
      .set({ role: "admin" })
      .where(and(eq(member.id, self.id), eq(member.organizationId, ctx.organizationId)));
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      action: "member.ownership_transferred",
      targetType: "member",
      targetId: target.id,
      details: { to: target.email, previousRole: target.role, formerOwnerRole: "admin" },
    });
  });
  return { email: target.email };
}

/**
 * The signed-in user leaves one of their organizations. The last owner cannot: they transfer
 * ownership first or delete the organization.
 */
export async function leaveOrganization(db: Database, actor: Actor, headers: Headers, userId: string, organizationId: string) {
  const membership = (await listMemberships(db, userId)).find((m) => m.organizationId === organizationId);
  if (!membership) throw new DomainError("NOT_FOUND", "You are not a member of that organization.");
  if (membership.role === "owner") {
    const owners = (await listMembers(db, organizationId)).filter((m) => m.role === "owner");
    if (owners.length === 1) {
      throw new DomainError(
        "INVALID_STATE",
        `You are the only owner of ${membership.name}. Transfer ownership to another member first (Team page), or delete the organization.`,
      );
    }
  }
  const auth = await getAuth();
  const left = await authCall(() => auth.api.leaveOrganization({ body: { organizationId }, headers }));
  await recordAudit(db, actor, { organizationId, action: "member.left", targetType: "member", targetId: (left as { id?: string } | null)?.id ?? null });
  return { name: membership.name };
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

/** `confirm` must be the organization's name, typed by the member. */
export async function deleteOrganization(ctx: OrgContext & { organization: { name: string } }, headers: Headers, confirm: string) {
  if (confirm !== ctx.organization.name) throw fieldError("confirm", "Type the organization's name exactly to confirm.");
  const auth = await getAuth();
  return authCall(() => auth.api.deleteOrganization({ body: { organizationId: ctx.organizationId }, headers }));
}
