/** The members (role and Remove, where the viewer may) and the pending invitations (link and Cancel). */
import { ActionIcon, Badge, Group, Select, Text, Tooltip } from "@mantine/core";
import { Form, useSubmit } from "@remix-run/react";
import { useState, type ComponentProps } from "react";
import { IconCrown, IconMailForward, IconTrash, IconX } from "@tabler/icons-react";
import { INVITABLE_ROLES, isRole, ROLE_LABELS, ROLES } from "~/lib/roles";
import { ConfirmIntentDialog } from "~/ui/confirm-intent-dialog";
import { CopyButton } from "~/ui/copy-button";
import { DataTable } from "~/ui/data-table";
import { formatDateTime } from "~/ui/format";
import { SectionCard } from "~/ui/section-card";
import type { TeamView } from "./route";

type MemberRow = TeamView["members"][number];

/** Both tables: a card under its heading; wrapping cells, roomier rows. */
function TeamTable<Row extends { id: string }>({
  title,
  ...table
}: { title: string } & Pick<ComponentProps<typeof DataTable<Row>>, "rows" | "columns" | "testId" | "empty">) {
  return (
    <SectionCard title={title} gap="sm">
      <DataTable {...table} minWidth={560} verticalSpacing="sm" nowrap={false} />
    </SectionCard>
  );
}

export function MembersTable({ members, currentUserId, isOwner }: Pick<TeamView, "members" | "currentUserId" | "isOwner">) {
  const submit = useSubmit();
  const roleOptions = (isOwner ? ROLES : INVITABLE_ROLES).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  // Nobody edits themselves; only owners edit owners.
  const editable = (m: MemberRow) => m.userId !== currentUserId && (isOwner || m.role !== "owner");
  const [transferTo, setTransferTo] = useState<MemberRow | null>(null);
  return (
    <>
      <ConfirmIntentDialog
        opened={transferTo !== null}
        onClose={() => setTransferTo(null)}
        title="Transfer ownership"
        intent="transfer-ownership"
        fields={{ memberId: transferTo?.id ?? "" }}
        submit="Transfer ownership"
        color="red"
      >
        <Text size="sm">
          <b style={{ overflowWrap: "anywhere" }}>{transferTo?.email}</b> becomes an owner of the organization. You become an admin: you can no longer manage
          owners, transfer ownership or delete the organization.
        </Text>
      </ConfirmIntentDialog>
      <TeamTable
        title="Members"
        rows={members}
        testId="members-table"
        columns={[
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
            header: "Two-factor",
            cell: (m) =>
              m.twoFactorEnabled ? (
                <Badge variant="light" color="teal" data-testid="member-two-factor">
                  On
                </Badge>
              ) : (
                <Badge variant="light" color="gray" data-testid="member-two-factor">
                  Off
                </Badge>
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
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  {isOwner && m.role !== "owner" ? (
                    <Tooltip label="Transfer ownership">
                      <ActionIcon variant="subtle" color="gray" aria-label={`Transfer ownership to ${m.email}`} onClick={() => setTransferTo(m)}>
                        <IconCrown size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                  <Form method="post" onSubmit={(e) => !confirm(`Remove ${m.email} from the organization?`) && e.preventDefault()}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="memberId" value={m.id} />
                    <Tooltip label="Remove member">
                      <ActionIcon type="submit" variant="subtle" color="red" aria-label={`Remove ${m.email}`}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Form>
                </Group>
              ) : null,
          },
        ]}
      />
    </>
  );
}

export function InvitationsTable({ invitations }: Pick<TeamView, "invitations">) {
  return (
    <TeamTable
      title="Pending invitations"
      rows={invitations}
      testId="invitations-table"
      empty={
        <Text size="sm" c="dimmed">
          No pending invitations.
        </Text>
      }
      columns={[
        { header: "Email", cell: (i) => i.email },
        { header: "Role", cell: (i) => (i.role && isRole(i.role) ? ROLE_LABELS[i.role] : i.role) },
        {
          header: "Expires",
          cell: (i) =>
            i.expired ? (
              <Badge color="gray">Expired</Badge>
            ) : (
              <Text size="sm" c="dimmed">
                {formatDateTime(i.expiresAt)}
              </Text>
            ),
        },
        { header: "Link", cell: (i) => <CopyButton value={i.link} label="Copy invitation link" /> },
        {
          cell: (i) => (
            <Group gap={4} wrap="nowrap" justify="flex-end">
              <Form method="post">
                <input type="hidden" name="intent" value="resend-invitation" />
                <input type="hidden" name="invitationId" value={i.id} />
                <Tooltip label="Send again (valid for another 7 days)">
                  <ActionIcon type="submit" variant="subtle" color="gray" aria-label={`Resend invitation to ${i.email}`}>
                    <IconMailForward size={16} />
                  </ActionIcon>
                </Tooltip>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="cancel-invitation" />
                <input type="hidden" name="invitationId" value={i.id} />
                <Tooltip label="Cancel invitation">
                  <ActionIcon type="submit" variant="subtle" color="gray" aria-label={`Cancel invitation for ${i.email}`}>
                    <IconX size={16} />
                  </ActionIcon>
                </Tooltip>
              </Form>
            </Group>
          ),
        },
      ]}
    />
  );
}
