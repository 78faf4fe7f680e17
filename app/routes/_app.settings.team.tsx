import { ActionIcon, Alert, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title, Tooltip } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { IconSend, IconTrash, IconX } from "@tabler/icons-react";
import { z } from "zod";
import { parseForm } from "~/lib/forms";
import { forbidden } from "~/lib/http.server";
import { requireOrganization } from "~/lib/permissions.server";
import { INVITABLE_ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, isRole, roleCan, type Role } from "~/lib/roles";
import {
  cancelInvitation,
  changeMemberRole,
  inviteMember,
  listMembers,
  listPendingInvitations,
  removeMember,
} from "~/orgs/orgs.server";
import { inviteSchema } from "~/orgs/schemas";
import { CopyableCode, CopyButton } from "~/ui/copy-button";
import { DataTable, type Column } from "~/ui/data-table";
import { formatDateTime } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";
import { FormMessages } from "~/ui/form-messages";
import { RouteErrorPage } from "~/ui/route-error";
import { SectionCard } from "~/ui/section-card";

export const meta: MetaFunction = () => [{ title: "Team · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request, { invitation: ["create"] });
  const [members, invitations] = await Promise.all([
    listMembers(ctx.db, ctx.organizationId),
    listPendingInvitations(ctx.db, ctx.organizationId),
  ]);
  return {
    organizationName: ctx.organization.name,
    currentUserId: ctx.user.id,
    isOwner: ctx.role === "owner",
    members: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() })),
  };
}

type ActionResult =
  | { intent: "invite"; fieldErrors: Record<string, string>; formError?: string; link?: string; email?: string }
  | { intent: string; fieldErrors?: undefined; formError?: string };

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "invite") {
    const ctx = await requireOrganization(request, { invitation: ["create"] });
    const form = parseForm(inviteSchema, formData);
    if (!form.success) return { intent, fieldErrors: form.fieldErrors };
    const result = await inviteMember(ctx, request.headers, form.data);
    if (!result.ok) return { intent, fieldErrors: {}, formError: result.message };
    return { intent, fieldErrors: {}, link: result.link, email: form.data.email };
  }
  if (intent === "cancel-invitation") {
    const ctx = await requireOrganization(request, { invitation: ["cancel"] });
    const result = await cancelInvitation(ctx, request.headers, String(formData.get("invitationId")));
    return { intent, formError: result.ok ? undefined : result.message };
  }
  if (intent === "change-role" || intent === "remove") {
    const ctx = await requireOrganization(request, { member: [intent === "remove" ? "delete" : "update"] });
    const memberId = String(formData.get("memberId"));
    const target = (await listMembers(ctx.db, ctx.organizationId)).find((m) => m.id === memberId);
    if (!target) return { intent, formError: "That member is no longer in the organization." };
    const parsedRole = z.enum(ROLES as [Role, ...Role[]]).safeParse(formData.get("role"));
    const newRole = intent === "change-role" ? (parsedRole.success ? parsedRole.data : null) : null;
    if (intent === "change-role" && !newRole) return { intent, formError: "Pick a role." };
    // Only owners manage owners (docs/roles.md).
    if ((target.role === "owner" || newRole === "owner") && !roleCan(ctx.role, { organization: ["delete"] })) {
      forbidden("Only an owner can change or remove an owner.");
    }
    const result =
      intent === "remove" ? await removeMember(ctx, request.headers, memberId) : await changeMemberRole(ctx, request.headers, memberId, newRole!);
    return { intent, formError: result.ok ? undefined : result.message };
  }
  return { intent, formError: "Unknown action." };
}

export default function Team() {
  const { organizationName, members, invitations, currentUserId, isOwner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const invite = actionData?.intent === "invite" ? (actionData as Extract<ActionResult, { intent: "invite" }>) : undefined;
  const roleOptions = (isOwner ? ROLES : INVITABLE_ROLES).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const editable = (m: (typeof members)[number]) => m.userId !== currentUserId && (isOwner || m.role !== "owner");
  const memberColumns: Column<(typeof members)[number]>[] = [
    { header: "Name", cell: (m) => m.name },
    { header: "Email", cell: (m) => m.email },
    {
      header: "Role",
      cell: (m) =>
        editable(m) ? (
          <Select
            aria-label={`Role of ${m.email}`}
            data={roleOptions}
            value={m.role}
            allowDeselect={false}
            w={150}
            size="xs"
            onChange={(role) => role && submit({ intent: "change-role", memberId: m.id, role }, { method: "post" })}
          />
        ) : (
          <Badge variant="light">{isRole(m.role) ? ROLE_LABELS[m.role] : m.role}</Badge>
        ),
    },
    {
      header: "Joined",
      cell: (m) => (
        <Text size="sm" c="dimmed">
          {formatDateTime(m.joinedAt)}
        </Text>
      ),
    },
    {
      cell: (m) =>
        editable(m) ? (
          <Form method="post" onSubmit={(e) => !confirm(`Remove ${m.email} from the organization?`) && e.preventDefault()}>
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="memberId" value={m.id} />
            <Tooltip label="Remove member">
              <ActionIcon type="submit" variant="subtle" color="red" aria-label={`Remove ${m.email}`}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Form>
        ) : null,
    },
  ];
  const invitationColumns: Column<(typeof invitations)[number]>[] = [
    { header: "Email", cell: (i) => i.email },
    { header: "Role", cell: (i) => (i.role && isRole(i.role) ? ROLE_LABELS[i.role] : i.role) },
    {
      header: "Expires",
      cell: (i) => (i.expired ? <Badge color="gray">Expired</Badge> : <Text size="sm" c="dimmed">{formatDateTime(i.expiresAt)}</Text>),
    },
    { header: "Link", cell: (i) => <CopyButton value={i.link} label="Copy invitation link" /> },
    {
      cell: (i) => (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel-invitation" />
          <input type="hidden" name="invitationId" value={i.id} />
          <Tooltip label="Cancel invitation">
            <ActionIcon type="submit" variant="subtle" color="gray" aria-label={`Cancel invitation for ${i.email}`}>
              <IconX size={16} />
            </ActionIcon>
          </Tooltip>
        </Form>
      ),
    },
  ];
  return (
    <Stack>
      <PageHeader title="Team" description={`Who can use ${organizationName}, and with which role.`} />
      {actionData && actionData.intent !== "invite" && actionData.formError ? (
        <Alert color="red" variant="light" role="alert">
          {actionData.formError}
        </Alert>
      ) : null}

      <Card withBorder padding="lg">
        <Form method="post" noValidate key={invite?.link ?? "invite"}>
          <input type="hidden" name="intent" value="invite" />
          <Stack>
            <Title order={4}>Invite a member</Title>
            <FormMessages error={invite?.formError} />
            {invite?.link ? (
              <Alert color="teal" variant="light" title={`Invitation created for ${invite.email}`} data-testid="invite-link-alert">
                <Text size="sm" mb={6}>
                  There is no mail server here: send them this link yourself.
                </Text>
                <CopyableCode value={invite.link} label="Copy invitation link" testId="invite-link" />
              </Alert>
            ) : null}
            <Group align="flex-start" wrap="wrap">
              <TextInput
                name="email"
                label="Email"
                placeholder="teammate@company.com"
                type="email"
                error={invite?.fieldErrors?.email}
                style={{ flex: "1 1 240px" }}
              />
              <Select
                name="role"
                label="Role"
                data={INVITABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                defaultValue="developer"
                allowDeselect={false}
                error={invite?.fieldErrors?.role}
                w={180}
              />
            </Group>
            <Text size="xs" c="dimmed">
              Admin: {ROLE_DESCRIPTIONS.admin} Developer: {ROLE_DESCRIPTIONS.developer} Support: {ROLE_DESCRIPTIONS.support}
            </Text>
            <Button type="submit" w="fit-content" leftSection={<IconSend size={16} />} loading={navigation.formData?.get("intent") === "invite"}>
              Send invitation
            </Button>
          </Stack>
        </Form>
      </Card>

      <SectionCard title="Members" gap="sm">
        <DataTable rows={members} columns={memberColumns} minWidth={560} testId="members-table" verticalSpacing="sm" nowrap={false} />
      </SectionCard>

      <SectionCard title="Pending invitations" gap="sm">
        <DataTable
          rows={invitations}
          columns={invitationColumns}
          minWidth={560}
          testId="invitations-table"
          verticalSpacing="sm"
          nowrap={false}
          empty={
            <Text size="sm" c="dimmed">
              No pending invitations.
            </Text>
          }
        />
      </SectionCard>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
