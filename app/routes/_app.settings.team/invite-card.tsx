/** Invite a member: email and role; the invitation link is shown to pass on (mailed too when SMTP_URL is set). */
import { Alert, Button, Card, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { IconSend } from "@tabler/icons-react";
import { INVITABLE_ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from "~/lib/roles";
import { CopyableCode } from "~/ui/copy-button";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";
import type { action } from "./route";

export function InviteCard({ mailConfigured }: { mailConfigured: boolean }) {
  const invite = useActionResult(useActionData<typeof action>(), { intent: "invite" });
  const navigation = useNavigation();
  const invited = invite.result?.ok && invite.result.intent === "invite" ? invite.result.data : null;
  return (
    <Card withBorder padding="lg">
      {/* A new key after an invitation empties the fields. */}
      <Form method="post" noValidate key={invited?.link ?? "invite"}>
        <input type="hidden" name="intent" value="invite" />
        <Stack>
          <Title order={4}>Invite a member</Title>
          <FormMessages error={invite.formError} />
          {invited ? (
            <Alert color="teal" variant="light" title={`Invitation created for ${invited.email}`} data-testid="invite-link-alert">
              <Text size="sm" mb={6}>
                {mailConfigured
                  ? "We emailed them this link; you can also pass it on yourself."
                  : "There is no mail server here: send them this link yourself."}
              </Text>
              <CopyableCode value={invited.link} label="Copy invitation link" testId="invite-link" />
            </Alert>
          ) : null}
          <Group align="flex-start" wrap="wrap">
            <TextInput
              name="email"
              label="Email"
              placeholder="teammate@company.com"
              type="email"
              error={invite.fieldErrors.email}
              style={{ flex: "1 1 240px" }}
            />
            <Select
              name="role"
              label="Role"
              data={INVITABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              defaultValue="developer"
              allowDeselect={false}
              error={invite.fieldErrors.role}
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
  );
}
