/** One gateway in the project's priority list: its summary, the move buttons, the on/off switch and (live) its credentials. */
import { ActionIcon, Badge, Box, Group, Switch, Text, Tooltip } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { IconArrowDown, IconArrowUp } from "@tabler/icons-react";
import { forwardRef, useEffect, useRef, useState } from "react";
import { formatDelivery, gatewayById } from "~/gateways/catalogue";
import { GatewayMark, feeSummary } from "~/gateways/gateway-ui";
import { FormErrorBelow } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";
import { CredentialsPanel } from "./credentials-panel";
import type { action, GatewaySettingRow } from "./route";

export function GatewayRow({
  setting,
  index,
  count,
  mode,
  canUpdate,
  announce,
}: {
  setting: GatewaySettingRow;
  index: number;
  count: number;
  mode: "test" | "live";
  canUpdate: boolean;
  announce: (message: string) => void;
}) {
  const gateway = gatewayById(setting.gatewayId)!;
  const toggle = useFetcher<typeof action>();
  const mover = useFetcher<typeof action>();
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);

  // Optimistic: the switch follows the click at once and falls back if the server refuses.
  const pending = toggle.formData?.get("intent");
  const enabled = pending === "enable" ? true : pending === "disable" ? false : setting.enabled;
  const needsCredentials = mode === "live" && !setting.hasCredentials;
  const toggled = useActionResult(toggle.data, { notify: "none" });
  const toggleError = toggle.state === "idle" ? toggled.formError : undefined;

  // After a move the row may be re-inserted in the DOM, which drops focus: once the list has
  // reloaded, put it back on the button just used (or its twin, at the top or bottom), and tell
  // screen readers where it went.
  const [moved, setMoved] = useState<{ intent: string; message?: string } | null>(null);
  useActionResult(mover.data, { notify: "none", onSuccess: (result) => setMoved({ intent: result.intent, message: result.message }) });
  useEffect(() => {
    if (mover.state !== "idle" || !moved) return;
    setMoved(null);
    const preferred = moved.intent === "move-up" ? upRef.current : downRef.current;
    const other = moved.intent === "move-up" ? downRef.current : upRef.current;
    (preferred && !preferred.disabled ? preferred : other)?.focus();
    if (moved.message) announce(moved.message);
  }, [mover.state, moved, announce]);

  const moving = mover.state !== "idle";
  const upDisabled = index === 0 || moving;
  const downDisabled = index === count - 1 || moving;
  const blockedByCredentials = canUpdate && needsCredentials && !enabled;
  return (
    <Box px="md" py="md" data-testid="gateway-row" data-gateway={setting.gatewayId} data-enabled={enabled}>
      <Group justify="space-between" wrap="nowrap" gap="sm" align="center">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="sm" fw={700} c="dimmed" w={20} ta="right" style={{ flexShrink: 0 }} aria-hidden>
            {index + 1}
          </Text>
          <GatewayMark gateway={gateway} size={36} />
          <Box style={{ minWidth: 0 }}>
            <Group gap={6} wrap="nowrap">
              <Text fw={600} truncate>
                {gateway.name}
              </Text>
              {enabled || !canUpdate ? null : (
                <Badge size="xs" variant="light" color="gray" radius="sm" visibleFrom="sm">
                  Off
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {feeSummary(gateway)} · {formatDelivery(gateway)}
              {/* The rest is in the catalogue; on a phone the name and controls need the room. */}
              <Text span inherit visibleFrom="sm">
                {` · ${gateway.countries.length} countries · ${gateway.checkoutMethod === "iframe" ? "embedded" : "redirect"}`}
              </Text>
            </Text>
          </Box>
        </Group>

        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          {blockedByCredentials ? (
            <Text size="xs" c="dimmed" visibleFrom="sm" mr={4} data-testid={`${setting.gatewayId}-needs-credentials`}>
              Needs credentials
            </Text>
          ) : null}
          {canUpdate ? (
            <mover.Form method="post" style={{ display: "flex", gap: 2 }}>
              <input type="hidden" name="gatewayId" value={setting.gatewayId} />
              <MoveButton ref={upRef} direction="up" name={gateway.name} disabled={upDisabled} />
              <MoveButton ref={downRef} direction="down" name={gateway.name} disabled={downDisabled} />
            </mover.Form>
          ) : null}
          {canUpdate ? (
            <Tooltip label="Add live credentials first" disabled={!blockedByCredentials} withArrow>
              <Box>
                <Switch
                  checked={enabled}
                  disabled={blockedByCredentials}
                  // Mantine's disabled track all but vanishes on a dark card; a dashed outline reads as "not yet".
                  styles={blockedByCredentials ? { track: { background: "transparent", border: "1px dashed var(--mantine-color-dimmed)" } } : undefined}
                  aria-label={`Enable ${gateway.name}`}
                  onChange={(event) =>
                    toggle.submit({ intent: event.currentTarget.checked ? "enable" : "disable", gatewayId: setting.gatewayId }, { method: "post" })
                  }
                  size="md"
                  ml={4}
                />
              </Box>
            </Tooltip>
          ) : (
            // Read-only: a status, not a greyed-out control whose position is hard to read.
            <Badge variant="light" color={enabled ? "teal" : "gray"} radius="sm" data-testid={`${setting.gatewayId}-status`}>
              {enabled ? "Enabled" : "Disabled"}
            </Badge>
          )}
        </Group>
      </Group>

      <FormErrorBelow error={toggleError} />

      {mode === "live" ? (
        <Box mt="sm" ml={{ base: 0, xs: 64 }}>
          <CredentialsPanel setting={setting} canUpdate={canUpdate} />
        </Box>
      ) : null}
    </Box>
  );
}

// Mantine fills a disabled ActionIcon grey; at the ends of the list a blank arrow reads better.
const quiet = { background: "transparent", opacity: 0.45 };

/** A submit button of the move form: its intent is `move-up` or `move-down`. */
const MoveButton = forwardRef<HTMLButtonElement, { direction: "up" | "down"; name: string; disabled: boolean }>(function MoveButton(
  { direction, name, disabled },
  ref,
) {
  const Icon = direction === "up" ? IconArrowUp : IconArrowDown;
  return (
    <Tooltip label={`Move ${direction}`} withArrow openDelay={400}>
      <ActionIcon
        ref={ref}
        type="submit"
        name="intent"
        value={`move-${direction}`}
        variant="subtle"
        color="gray"
        disabled={disabled}
        style={disabled ? quiet : undefined}
        aria-label={`Move ${name} ${direction}`}
      >
        <Icon size={16} />
      </ActionIcon>
    </Tooltip>
  );
});
