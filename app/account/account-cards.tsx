/** The account page's two-factor and signed-in devices cards. */
import { Badge, Button, Card, Group, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { FormMessages } from "~/ui/form-messages";
import { formatDateTime } from "~/ui/format";
import { useActionResult, type ClientActionResult } from "~/ui/use-action-result";
import { BackupCodes } from "./backup-codes";

interface CardProps {
  actionData: ClientActionResult | undefined;
  busy: (intent: string) => boolean;
}

export function TwoFactorCard({
  status,
  actionData,
  busy,
}: CardProps & { status: { enabled: boolean; backupCodesLeft: number | null; requiredBy: string[] } }) {
  const disable = useActionResult(actionData, { intent: "disable-two-factor", notify: "none" });
  const regenerate = useActionResult(actionData, { intent: "regenerate-backup-codes", notify: "none" });
  const codes = regenerate.result?.ok ? (regenerate.result.data as { backupCodes: string[] }).backupCodes : null;
  const result = disable.result ? disable : regenerate;
  return (
    <Card withBorder padding="lg" data-testid="two-factor-card">
      <Stack>
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>Two-factor sign-in</Title>
          <Badge variant="light" color={status.enabled ? "teal" : "gray"} data-testid="two-factor-status">
            {status.enabled ? "On" : "Off"}
          </Badge>
        </Group>
        <FormMessages error={result.formError} success={result.message} />
        {codes ? <BackupCodes codes={codes} /> : null}
        {status.enabled ? (
          <Form method="post" noValidate key={result.succeeded ? result.result?.id : "form"}>
            <Stack>
              <Text size="sm">
                Signing in asks for a code from your authenticator app.{" "}
                {status.backupCodesLeft === null ? null : `${status.backupCodesLeft} of 10 backup codes left.`}
              </Text>
              <PasswordInput
                name="password"
                label="Your password"
                description="To get new backup codes or turn two-factor off."
                autoComplete="current-password"
                error={disable.fieldErrors.password ?? regenerate.fieldErrors.password}
              />
              <Group gap="sm">
                <Button type="submit" name="intent" value="regenerate-backup-codes" variant="default" loading={busy("regenerate-backup-codes")}>
                  New backup codes
                </Button>
                <Button
                  type="submit"
                  name="intent"
                  value="disable-two-factor"
                  color="red"
                  variant="light"
                  disabled={status.requiredBy.length > 0}
                  loading={busy("disable-two-factor")}
                >
                  Turn off two-factor
                </Button>
              </Group>
              {status.requiredBy.length ? (
                <Text size="xs" c="dimmed">
                  {status.requiredBy.join(", ")} requires two-factor sign-in, so it stays on.
                </Text>
              ) : null}
            </Stack>
          </Form>
        ) : (
          <>
            <Text size="sm">
              Add a second step to signing in: a six-digit code from an authenticator app on your phone, with backup codes for when the phone is not at hand.
            </Text>
            <Button component={Link} to="/two-factor/setup?redirectTo=%2Fsettings%2Faccount" w="fit-content">
              Set up two-factor
            </Button>
          </>
        )}
      </Stack>
    </Card>
  );
}

interface DeviceView {
  id: string;
  browser: string;
  os: string;
  ipAddress: string | null;
  lastActiveAt: string;
  current: boolean;
}

export function DevicesCard({ devices, actionData, busy }: CardProps & { devices: DeviceView[] }) {
  const one = useActionResult(actionData, { intent: "sign-out-device", notify: "none" });
  const others = useActionResult(actionData, { intent: "sign-out-other-devices", notify: "none" });
  const result = one.result ? one : others;
  const hasOthers = devices.some((d) => !d.current);
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Title order={4}>Signed-in devices</Title>
        <FormMessages error={result.formError} success={result.message} />
        <Stack gap={0} data-testid="devices">
          {devices.map((device, index) => (
            <Group
              key={device.id}
              justify="space-between"
              wrap="nowrap"
              py="sm"
              data-testid="device"
              style={index > 0 ? { borderTop: "1px solid var(--mantine-color-default-border)" } : undefined}
            >
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Text size="sm" fw={500}>
                    {device.browser} on {device.os}
                  </Text>
                  {device.current ? (
                    <Badge size="sm" variant="light" color="teal">
                      This device
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {device.ipAddress ?? "Unknown address"} · last active {formatDateTime(device.lastActiveAt)}
                </Text>
              </Stack>
              {device.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="sign-out-device" />
                  <input type="hidden" name="sessionId" value={device.id} />
                  <Button type="submit" size="xs" variant="default" aria-label={`Sign out ${device.browser} on ${device.os}`}>
                    Sign out
                  </Button>
                </Form>
              )}
            </Group>
          ))}
        </Stack>
        {hasOthers ? (
          <Form method="post">
            <input type="hidden" name="intent" value="sign-out-other-devices" />
            <Button type="submit" color="red" variant="light" w="fit-content" loading={busy("sign-out-other-devices")}>
              Sign out all other devices
            </Button>
          </Form>
        ) : (
          <Text size="xs" c="dimmed">
            You are signed in on this device only.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
