/** The account page's list of the user's organizations, each with its role and "Leave". */
import { Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { ROLE_LABELS, type Role } from "~/lib/roles";
import { ConfirmIntentDialog } from "~/ui/confirm-intent-dialog";

export function YourOrganizationsCard({ memberships }: { memberships: { organizationId: string; name: string; role: Role }[] }) {
  const [leaving, setLeaving] = useState<(typeof memberships)[number] | null>(null);
  return (
    <Card withBorder padding="lg" data-testid="your-organizations">
      <Stack>
        <Title order={4}>Your organizations</Title>
        {memberships.length === 0 ? (
          <Text size="sm" c="dimmed">
            You are not a member of any organization.
          </Text>
        ) : null}
        {memberships.map((m) => (
          <Group key={m.organizationId} justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
              <Text fw={500} style={{ overflowWrap: "anywhere" }}>
                {m.name}
              </Text>
              <Badge variant="light">{ROLE_LABELS[m.role]}</Badge>
            </Group>
            <Button variant="default" color="red" size="xs" onClick={() => setLeaving(m)} aria-label={`Leave ${m.name}`}>
              Leave
            </Button>
          </Group>
        ))}
      </Stack>
      <ConfirmIntentDialog
        opened={leaving !== null}
        onClose={() => setLeaving(null)}
        title="Leave organization"
        intent="leave"
        fields={{ organizationId: leaving?.organizationId ?? "" }}
        submit="Leave organization"
        color="red"
      >
        <Text size="sm">
          You lose access to <b style={{ overflowWrap: "anywhere" }}>{leaving?.name}</b> and its projects at once. To come back you need a new invitation.
        </Text>
      </ConfirmIntentDialog>
    </Card>
  );
}
