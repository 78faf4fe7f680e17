/** A gateway's live credentials: their state (only the key's last four characters), and the forms to add, replace or remove them. */
import { Box, Button, Code, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { IconKey, IconLock } from "@tabler/icons-react";
import { useState } from "react";
import { gatewayById } from "~/gateways/catalogue";
import { FormErrorBelow } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";
import type { action, GatewaySettingRow } from "./route";

export function CredentialsPanel({ setting, canUpdate }: { setting: GatewaySettingRow; canUpdate: boolean }) {
  const gateway = gatewayById(setting.gatewayId)!;
  const fetcher = useFetcher<typeof action>();
  const [editing, setEditing] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const busy = fetcher.state !== "idle";
  // Once a save or removal lands: close the form (the entered values go with it) and say so.
  const outcome = useActionResult(fetcher.data, {
    onSuccess: () => {
      setEditing(false);
      setConfirmingRemove(false);
    },
  });
  const errors = outcome.result?.intent === "set-credentials" ? outcome.fieldErrors : {};
  const formError = outcome.formError;
  const idPrefix = `${setting.gatewayId}-credentials`;

  return (
    <Box
      p="sm"
      style={{ borderRadius: "var(--mantine-radius-md)", background: "var(--mantine-color-default-hover)" }}
      data-testid={`${setting.gatewayId}-credentials`}
    >
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          {setting.hasCredentials ? (
            <IconLock size={16} color="var(--mantine-color-teal-6)" aria-hidden />
          ) : (
            <IconKey size={16} color="var(--mantine-color-dimmed)" aria-hidden />
          )}
          {setting.hasCredentials ? (
            <Text size="sm" data-testid={`${setting.gatewayId}-credentials-status`}>
              Credentials set
              {setting.credentialsHint ? (
                <>
                  {" · API key "}
                  <Code>{setting.credentialsHint}</Code>
                </>
              ) : null}
            </Text>
          ) : (
            <Text size="sm" c="dimmed" data-testid={`${setting.gatewayId}-credentials-status`}>
              No live credentials yet
            </Text>
          )}
        </Group>
        {canUpdate && !editing && !confirmingRemove ? (
          <Group gap="xs">
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => setEditing(true)}
              aria-label={`${setting.hasCredentials ? "Replace" : "Add"} ${gateway.name} credentials`}
            >
              {setting.hasCredentials ? "Replace" : "Add credentials"}
            </Button>
            {setting.hasCredentials ? (
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                onClick={() => setConfirmingRemove(true)}
                aria-label={`Remove ${gateway.name} credentials`}
              >
                Remove
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>

      <FormErrorBelow error={formError} />

      {confirmingRemove ? (
        <fetcher.Form method="post" style={{ marginTop: "var(--mantine-spacing-sm)" }}>
          <input type="hidden" name="gatewayId" value={setting.gatewayId} />
          <input type="hidden" name="intent" value="clear-credentials" />
          <Stack gap="xs">
            <Text size="sm">
              Remove the live {gateway.name} credentials?{" "}
              {setting.enabled ? `${gateway.name} is enabled and will be disabled: live quotes stop coming from it.` : "You can add new ones at any time."}
            </Text>
            <Group gap="xs">
              <Button type="submit" size="compact-sm" color="red" loading={busy}>
                Remove credentials
              </Button>
              <Button size="compact-sm" variant="default" onClick={() => setConfirmingRemove(false)} disabled={busy}>
                Keep them
              </Button>
            </Group>
          </Stack>
        </fetcher.Form>
      ) : null}

      {editing ? (
        <fetcher.Form method="post" noValidate autoComplete="off" style={{ marginTop: "var(--mantine-spacing-sm)" }}>
          <input type="hidden" name="gatewayId" value={setting.gatewayId} />
          <input type="hidden" name="intent" value="set-credentials" />
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              From your {gateway.name} dashboard. Stored encrypted and never shown again: afterwards you see only the API key's last four characters.
              {setting.hasCredentials ? " Saving replaces the current credentials." : ""}
            </Text>
            <Group grow align="flex-start" gap="sm" wrap="wrap" style={{ rowGap: "var(--mantine-spacing-sm)" }}>
              <TextInput {...credentialField} id={`${idPrefix}-key`} name="apiKey" label="API key" autoComplete="off" error={errors.apiKey} autoFocus />
              <PasswordInput
                {...credentialField}
                id={`${idPrefix}-secret`}
                name="apiSecret"
                label="API secret"
                // "new-password" keeps browsers from offering the user's saved console password here.
                autoComplete="new-password"
                error={errors.apiSecret}
              />
            </Group>
            <Group gap="xs">
              <Button type="submit" size="compact-md" loading={busy}>
                Save credentials
              </Button>
              <Button size="compact-md" variant="default" onClick={() => setEditing(false)} disabled={busy}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </fetcher.Form>
      ) : null}
    </Box>
  );
}

// What the two credential inputs share: no spell check or password-manager fill, a minimum width, required.
const credentialField = { spellCheck: false, "data-1p-ignore": true, miw: 220, required: true } as const;
