/**
 * A gateway's live connection: its status (Connected / Not connected / Failing, with the last
 * error), Test connection, the credentials (only a hint of the key), the callback URL to paste
 * into the gateway's dashboard with its callback secret, and the callbacks it sent lately.
 */
import { Badge, Box, Button, Code, Group, PasswordInput, Stack, Table, Text, TextInput } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { IconKey, IconLock } from "@tabler/icons-react";
import { useState } from "react";
import { gatewayById } from "~/gateways/catalogue";
import { CopyableCode } from "~/ui/copy-button";
import { formatDateTime } from "~/ui/format";
import { FormErrorBelow } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";
import type { action, GatewaySettingRow } from "./route";

const CONNECTION = {
  connected: { label: "Connected", color: "teal" },
  not_connected: { label: "Not connected", color: "gray" },
  failing: { label: "Failing", color: "red" },
} as const;

const VERDICT_COLOR: Record<string, string> = { applied: "teal", unchanged: "gray", ignored: "gray" };

export function CredentialsPanel({ setting, canUpdate }: { setting: GatewaySettingRow; canUpdate: boolean }) {
  const gateway = gatewayById(setting.gatewayId)!;
  const live = setting.live!;
  const fetcher = useFetcher<typeof action>();
  const tester = useFetcher<typeof action>();
  const [editing, setEditing] = useState<null | "credentials" | "secret">(null);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const busy = fetcher.state !== "idle";
  // Once a save or removal lands: close the form (the entered values go with it) and say so.
  const outcome = useActionResult(fetcher.data, {
    onSuccess: () => {
      setEditing(null);
      setConfirmingRemove(false);
    },
  });
  const tested = useActionResult(tester.data, { notify: "none" });
  const testResult = tester.state === "idle" && tested.result?.ok ? (tested.result.data as { ok: boolean; message: string } | null) : null;
  const errors = outcome.result?.intent === "set-credentials" || outcome.result?.intent === "set-callback-secret" ? outcome.fieldErrors : {};
  const idPrefix = `${setting.gatewayId}-credentials`;
  const status = CONNECTION[live.connection];

  return (
    <Box
      p="sm"
      style={{ borderRadius: "var(--mantine-radius-md)", background: "var(--mantine-color-default-hover)" }}
      data-testid={`${setting.gatewayId}-credentials`}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <Badge color={status.color} variant="light" radius="sm" data-testid={`${setting.gatewayId}-connection`}>
              {status.label}
            </Badge>
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
                    {` · ${hintLabel(live.fields)} `}
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
              {setting.hasCredentials && live.integrated ? (
                <tester.Form method="post">
                  <input type="hidden" name="gatewayId" value={setting.gatewayId} />
                  <Button type="submit" name="intent" value="test-connection" size="compact-sm" variant="light" loading={tester.state !== "idle"}>
                    Test connection
                  </Button>
                </tester.Form>
              ) : null}
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => setEditing("credentials")}
                aria-label={setting.hasCredentials ? `Replace ${gateway.name} credentials` : `Add credentials for ${gateway.name}`}
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

        {live.lastError ? (
          <Text size="xs" c="red" data-testid={`${setting.gatewayId}-last-error`} style={{ overflowWrap: "anywhere" }}>
            Last error{live.lastCheckedAt ? ` (${formatDateTime(live.lastCheckedAt)})` : ""}: {live.lastError}
          </Text>
        ) : live.connection === "connected" && live.lastCheckedAt ? (
          <Text size="xs" c="dimmed">
            Last checked {formatDateTime(live.lastCheckedAt)}
          </Text>
        ) : setting.hasCredentials && live.integrated ? (
          <Text size="xs" c="dimmed">
            Run Test connection to connect {gateway.name}.
          </Text>
        ) : null}
        {!live.integrated ? (
          <Text size="xs" c="dimmed" data-testid={`${setting.gatewayId}-not-integrated`}>
            {gateway.name} has no live integration in this version yet: it can't be connected.
          </Text>
        ) : null}
        {/* A failed test shows as the last error above (and in the notification). */}
        {testResult?.ok ? (
          <Text size="xs" c="teal" role="status" data-testid={`${setting.gatewayId}-test-result`}>
            {testResult.message}
          </Text>
        ) : null}
        <FormErrorBelow error={tester.state === "idle" ? tested.formError : undefined} />
        <FormErrorBelow error={outcome.formError} />

        {confirmingRemove ? (
          <fetcher.Form method="post">
            <input type="hidden" name="gatewayId" value={setting.gatewayId} />
            <input type="hidden" name="intent" value="clear-credentials" />
            <Stack gap="xs">
              <Text size="sm">
                Remove the live {gateway.name} credentials and callback secret?{" "}
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

        {editing === "credentials" ? (
          <fetcher.Form method="post" noValidate autoComplete="off">
            <input type="hidden" name="gatewayId" value={setting.gatewayId} />
            <input type="hidden" name="intent" value="set-credentials" />
            <Stack gap="sm">
              <Text size="xs" c="dimmed">
                From your {gateway.name} dashboard. Stored encrypted and never shown again: afterwards you see only the API key's last four characters.
                {setting.hasCredentials ? " Saving replaces the current credentials." : ""}
              </Text>
              <Group grow align="flex-start" gap="sm" wrap="wrap" style={{ rowGap: "var(--mantine-spacing-sm)" }}>
                {live.fields.map((field, i) =>
                  field.secret ? (
                    <PasswordInput
                      key={field.name}
                      {...credentialField}
                      id={`${idPrefix}-${field.name}`}
                      name={field.name}
                      label={field.label}
                      description={field.help}
                      // "new-password" keeps browsers from offering the user's saved console password here.
                      autoComplete="new-password"
                      error={errors[field.name]}
                    />
                  ) : (
                    <TextInput
                      key={field.name}
                      {...credentialField}
                      id={`${idPrefix}-${field.name}`}
                      name={field.name}
                      label={field.label}
                      description={field.help}
                      autoComplete="off"
                      error={errors[field.name]}
                      autoFocus={i === 0}
                    />
                  ),
                )}
              </Group>
              <Group gap="xs">
                <Button type="submit" size="compact-md" loading={busy}>
                  Save credentials
                </Button>
                <Button size="compact-md" variant="default" onClick={() => setEditing(null)} disabled={busy}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </fetcher.Form>
        ) : null}

        {live.integrated ? (
          <Stack gap={4} data-testid={`${setting.gatewayId}-callback`}>
            <Text size="xs" fw={600}>
              Callback URL to paste into {gateway.name}'s dashboard
            </Text>
            <CopyableCode value={live.callbackUrl} label="Copy callback URL" testId={`${setting.gatewayId}-callback-url`} fz="xs" />
            <Group gap="xs" wrap="wrap">
              <Text size="xs" c="dimmed" data-testid={`${setting.gatewayId}-callback-secret-status`}>
                Callback secret:{" "}
                {setting.callbackSecretHint ? (
                  <Code fz="xs">{setting.callbackSecretHint}</Code>
                ) : setting.gatewayId === "banxa" ? (
                  "Banxa signs with your API secret"
                ) : (
                  "not set"
                )}
              </Text>
              {canUpdate && setting.hasCredentials && editing !== "secret" ? (
                <Button size="compact-xs" variant="subtle" onClick={() => setEditing("secret")} aria-label={`Set ${gateway.name} callback secret`}>
                  {setting.callbackSecretHint ? "Replace" : "Set"}
                </Button>
              ) : null}
            </Group>
            {editing === "secret" ? (
              <fetcher.Form method="post" noValidate autoComplete="off">
                <input type="hidden" name="gatewayId" value={setting.gatewayId} />
                <input type="hidden" name="intent" value="set-callback-secret" />
                <Group gap="xs" align="flex-end" wrap="wrap">
                  <PasswordInput
                    {...credentialField}
                    id={`${idPrefix}-callback-secret`}
                    name="callbackSecret"
                    label="Callback secret"
                    autoComplete="new-password"
                    error={errors.callbackSecret}
                    size="xs"
                  />
                  <Button type="submit" size="compact-sm" loading={busy}>
                    Save secret
                  </Button>
                  <Button size="compact-sm" variant="default" onClick={() => setEditing(null)} disabled={busy}>
                    Cancel
                  </Button>
                </Group>
              </fetcher.Form>
            ) : null}
          </Stack>
        ) : null}

        {live.callbacks.length ? (
          <Table.ScrollContainer minWidth={480}>
            <Table fz="xs" verticalSpacing={4} data-testid={`${setting.gatewayId}-callbacks`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Received</Table.Th>
                  <Table.Th>Verdict</Table.Th>
                  <Table.Th>Answer</Table.Th>
                  <Table.Th>Detail</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {live.callbacks.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(c.receivedAt)}</Table.Td>
                    <Table.Td>
                      <Badge size="xs" variant="light" color={VERDICT_COLOR[c.verdict] ?? "red"} radius="sm">
                        {c.verdict.replace(/_/g, " ")}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{c.httpStatus}</Table.Td>
                    <Table.Td style={{ overflowWrap: "anywhere" }}>
                      {c.orderId ? <Code fz="xs">{c.orderId}</Code> : null} {c.message}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Box>
  );
}

// What the credential inputs share: no spell check or password-manager fill, a minimum width, required.
const credentialField = { spellCheck: false, "data-1p-ignore": true, miw: 200, required: true } as const;

/** The field the stored hint comes from (app/gateways/settings.server.ts: the API key, else the first non-secret field). */
function hintLabel(fields: { name: string; label: string; secret: boolean }[] | undefined) {
  const field = fields?.find((f) => f.name === "apiKey") ?? fields?.find((f) => !f.secret) ?? fields?.[0];
  return field?.label ?? "API key";
}
