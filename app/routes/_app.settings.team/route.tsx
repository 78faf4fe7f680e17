/** The organization's team: invite members, change their roles, remove them, cancel invitations. */
import { Alert, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { done, organizationActions, organizationIntent } from "~/lib/actions.server";
import { env } from "~/lib/env.server";
import { requireOrganization } from "~/lib/permissions.server";
import { OWNER_ONLY, ROLES, type Role } from "~/lib/roles";
import {
  cancelInvitation,
  changeMemberRole,
  inviteMember,
  listMembers,
  listPendingInvitations,
  removeMember,
  resendInvitation,
  transferOwnership,
} from "~/orgs/orgs.server";
import { inviteSchema } from "~/orgs/schemas";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";
import { InviteCard } from "./invite-card";
import { InvitationsTable, MembersTable } from "./team-tables";

export const meta: MetaFunction = () => [{ title: "Team · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request, { invitation: ["create"] });
  const [members, invitations] = await Promise.all([listMembers(ctx.db, ctx.organizationId), listPendingInvitations(ctx.db, ctx.organizationId)]);
  return {
    organizationName: ctx.organization.name,
    currentUserId: ctx.user.id,
    isOwner: ctx.role === "owner",
    mailConfigured: Boolean(env().SMTP_URL),
    members: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() })),
  };
}

export type TeamView = ReturnType<typeof useLoaderData<typeof loader>>;

const memberIdSchema = z.object({ memberId: z.string().min(1) });

// better-auth acts as the signed-in member (request.headers) and checks their role again.
export const action = (args: ActionFunctionArgs) =>
  organizationActions({
    invite: organizationIntent({
      permission: { invitation: ["create"] },
      schema: inviteSchema,
      run: async (ctx, input) => {
        const invited = await inviteMember(ctx, args.request.headers, input);
        return done(undefined, { link: invited.link, email: input.email });
      },
    }),
    "cancel-invitation": organizationIntent({
      permission: { invitation: ["cancel"] },
      schema: z.object({ invitationId: z.string().min(1) }),
      run: async (ctx, { invitationId }) => {
        await cancelInvitation(ctx, args.request.headers, invitationId);
        return done();
      },
    }),
    "resend-invitation": organizationIntent({
      permission: { invitation: ["create"] },
      schema: z.object({ invitationId: z.string().min(1) }),
      run: async (ctx, { invitationId }) => {
        const resent = await resendInvitation(ctx, args.request.headers, invitationId);
        return done(`Invitation sent again to ${resent.email}.`, resent);
      },
    }),
    "transfer-ownership": organizationIntent({
      permission: OWNER_ONLY,
      schema: memberIdSchema,
      run: async (ctx, { memberId }) => {
        const to = await transferOwnership(ctx, memberId);
        return done(`${to.email} is now an owner; you are an admin.`);
      },
    }),
    "change-role": organizationIntent({
      permission: { member: ["update"] },
      schema: memberIdSchema.extend({ role: z.enum(ROLES as [Role, ...Role[]], { message: "Pick a role." }) }),
      run: async (ctx, { memberId, role }) => {
        await changeMemberRole(ctx, args.request.headers, memberId, role);
        return done();
      },
    }),
    remove: organizationIntent({
      permission: { member: ["delete"] },
      schema: memberIdSchema,
      run: async (ctx, { memberId }) => {
        await removeMember(ctx, args.request.headers, memberId);
        return done();
      },
    }),
  })(args);

export default function Team() {
  const { organizationName, members, invitations, currentUserId, isOwner, mailConfigured } = useLoaderData<typeof loader>();
  // The invitation form shows its own outcome; the tables' errors show above the page.
  const outcome = useActionResult(useActionData<typeof action>(), {
    intent: ["cancel-invitation", "change-role", "remove", "resend-invitation", "transfer-ownership"],
  });
  const problem = outcome.formError ?? Object.values(outcome.fieldErrors)[0];
  return (
    <Stack>
      <PageHeader title="Team" description={`Who can use ${organizationName}, and with which role.`} />
      {problem ? (
        <Alert color="red" variant="light" role="alert">
          {problem}
        </Alert>
      ) : null}
      <InviteCard mailConfigured={mailConfigured} />
      <MembersTable members={members} currentUserId={currentUserId} isOwner={isOwner} />
      <InvitationsTable invitations={invitations} />
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
