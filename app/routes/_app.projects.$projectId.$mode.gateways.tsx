import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Code,
  Divider,
  Group,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { IconArrowDown, IconArrowUp, IconFlask, IconInfoCircle, IconKey, IconLock, IconAlertTriangle } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { formatDelivery, gatewayById } from "~/gateways/catalogue";
import { GatewayMark, feeSummary } from "~/gateways/gateway-ui";
import { liveCredentialsSchema } from "~/gateways/schemas";
import {
  GatewaySettingsError,
  clearLiveCredentials,
  listGatewaySettings,
  moveGateway,
  setGatewayEnabled,
  setLiveCredentials,
} from "~/gateways/settings.server";
import { parseForm } from "~/lib/forms";
import { badRequest } from "~/lib/http.server";
import { requireProject } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { FormMessages } from "~/ui/form-messages";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Gateways · ${data?.project.name ?? "Project"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] });
  const canUpdate = roleCan(ctx.role, { gateway: ["update"] });
  const gateways = await listGatewaySettings(ctx);
  return {
    project: { id: ctx.project.id, name: ctx.project.name },
    mode: ctx.mode,
    canUpdate,
    gateways: gateways.map((g) => ({
      gatewayId: g.gatewayId,
      name: g.name,
      enabled: g.enabled,
      priority: g.priority,
      hasCredentials: g.hasCredentials,
      // Even the masked hint is for those who manage credentials; support never sees secrets.
      credentialsHint: canUpdate ? g.credentialsHint : null,
    })),
  };
}

type Intent = "enable" | "disable" | "move-up" | "move-down" | "set-credentials" | "clear-credentials";

interface ActionResult {
  ok: boolean;
  intent: Intent;
  gatewayId: string;
  message?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
}

const INTENTS: Intent[] = ["enable", "disable", "move-up", "move-down", "set-credentials", "clear-credentials"];

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const ctx = await requireProject(request, params, { gateway: ["update"] });
  const formData = await request.formData();
  const intent = formData.get("intent") as Intent;
  const gatewayId = String(formData.get("gatewayId") ?? "");
  if (!INTENTS.includes(intent)) badRequest("Unknown action.");
  const gateway = gatewayById(gatewayId);
  if (!gateway) badRequest("Unknown gateway.");
  try {
    switch (intent) {
      case "enable":
      case "disable":
        await setGatewayEnabled(ctx, gateway.id, intent === "enable");
        return {
          ok: true,
          intent,
          gatewayId,
          message: `${gateway.name} ${intent === "enable" ? "enabled" : "disabled"} in ${ctx.mode} mode.`,
        };
      case "move-up":
      case "move-down": {
        const list = await moveGateway(ctx, gateway.id, intent === "move-up" ? "up" : "down");
        const position = list.find((g) => g.gatewayId === gateway.id)!.priority;
        return { ok: true, intent, gatewayId, message: `${gateway.name} is now number ${position} of ${list.length}.` };
      }
      case "set-credentials": {
        const form = parseForm(liveCredentialsSchema, formData);
        if (!form.success) return { ok: false, intent, gatewayId, fieldErrors: form.fieldErrors };
        const { hint, replaced } = await setLiveCredentials(ctx, gateway.id, form.data);
        return {
          ok: true,
          intent,
          gatewayId,
          message: `${replaced ? "New" : ""} ${gateway.name} credentials saved (API key ${hint}).`.trim(),
        };
      }
      case "clear-credentials": {
        const { disabled } = await clearLiveCredentials(ctx, gateway.id);
        return {
          ok: true,
          intent,
          gatewayId,
          message: `${gateway.name} credentials removed${disabled ? " and the gateway disabled in live mode" : ""}.`,
        };
      }
    }
  } catch (error) {
    // Answered with 200: the message is expected feedback for the form, not a failed request.
    if (error instanceof GatewaySettingsError) {
      return {
        ok: false,
        intent,
        gatewayId,
        formError: error.field ? undefined : error.message,
        fieldErrors: error.field ? { [error.field]: error.message } : {},
      };
    }
    throw error;
  }
  badRequest("Unknown action.");
}

type LoaderGateway = ReturnType<typeof useLoaderData<typeof loader>>["gateways"][number];

function CredentialsPanel({ setting, canUpdate }: { setting: LoaderGateway; canUpdate: boolean }) {
  const gateway = gatewayById(setting.gatewayId)!;
  const fetcher = useFetcher<typeof action>();
  const [editing, setEditing] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const busy = fetcher.state !== "idle";
  const result = fetcher.data;
  const handled = useRef<ActionResult | undefined>(undefined);

  // Once a save or removal lands: close the form (the entered values go with it) and say so.
  useEffect(() => {
    if (fetcher.state !== "idle" || !result || handled.current === result) return;
    handled.current = result;
    if (result.ok) {
      setEditing(false);
      setConfirmingRemove(false);
      notifications.show({ color: "teal", message: result.message });
    }
  }, [fetcher.state, result]);

  const errors = result && !result.ok && result.intent === "set-credentials" ? result.fieldErrors ?? {} : {};
  const formError = result && !result.ok ? result.formError : undefined;
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

      {formError ? (
        <Box mt="sm">
          <FormMessages error={formError} />
        </Box>
      ) : null}

      {confirmingRemove ? (
        <fetcher.Form method="post" style={{ marginTop: "var(--mantine-spacing-sm)" }}>
          <input type="hidden" name="gatewayId" value={setting.gatewayId} />
          <input type="hidden" name="intent" value="clear-credentials" />
          <Stack gap="xs">
            <Text size="sm">
              Remove the live {gateway.name} credentials?{" "}
              {setting.enabled
                ? `${gateway.name} is enabled and will be disabled: live quotes stop coming from it.`
                : "You can add new ones at any time."}
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
              From your {gateway.name} dashboard. Stored encrypted and never shown again: afterwards you see only the API key's last four
              characters.{setting.hasCredentials ? " Saving replaces the current credentials." : ""}
            </Text>
            <Group grow align="flex-start" gap="sm" wrap="wrap" style={{ rowGap: "var(--mantine-spacing-sm)" }}>
              <TextInput
                id={`${idPrefix}-key`}
                name="apiKey"
                label="API key"
                autoComplete="off"
                spellCheck={false}
                data-1p-ignore
                miw={220}
                error={errors.apiKey}
                required
                autoFocus
              />
              <PasswordInput
                id={`${idPrefix}-secret`}
                name="apiSecret"
                label="API secret"
                // "new-password" keeps browsers from offering the user's saved console password here.
                autoComplete="new-password"
                spellCheck={false}
                data-1p-ignore
                miw={220}
                error={errors.apiSecret}
                required
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

function GatewayRow({
  setting,
  index,
  count,
  mode,
  canUpdate,
  announce,
}: {
  setting: LoaderGateway;
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
  const lastMove = useRef<ActionResult | undefined>(undefined);

  // Optimistic: the switch follows the click at once and falls back if the server refuses.
  const pending = toggle.formData?.get("intent");
  const enabled = pending === "enable" ? true : pending === "disable" ? false : setting.enabled;
  const needsCredentials = mode === "live" && !setting.hasCredentials;
  const toggleError = toggle.state === "idle" && toggle.data && !toggle.data.ok ? toggle.data.formError : undefined;

  // After a move the row may be re-inserted in the DOM, which drops focus: put it back on the
  // button just used (or its twin, at the top or bottom), and tell screen readers where it went.
  useEffect(() => {
    const result = mover.data;
    if (mover.state !== "idle" || !result || lastMove.current === result) return;
    lastMove.current = result;
    if (!result.ok) return;
    const preferred = result.intent === "move-up" ? upRef.current : downRef.current;
    const other = result.intent === "move-up" ? downRef.current : upRef.current;
    (preferred && !preferred.disabled ? preferred : other)?.focus();
    if (result.message) announce(result.message);
  }, [mover.state, mover.data, announce]);

  const moving = mover.state !== "idle";
  const upDisabled = index === 0 || moving;
  const downDisabled = index === count - 1 || moving;
  // Mantine fills a disabled ActionIcon grey; at the ends of the list a blank arrow reads better.
  const quiet = { background: "transparent", opacity: 0.45 };
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
              <Tooltip label="Move up" withArrow openDelay={400}>
                <ActionIcon
                  ref={upRef}
                  type="submit"
                  name="intent"
                  value="move-up"
                  variant="subtle"
                  color="gray"
                  disabled={upDisabled}
                  style={upDisabled ? quiet : undefined}
                  aria-label={`Move ${gateway.name} up`}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Move down" withArrow openDelay={400}>
                <ActionIcon
                  ref={downRef}
                  type="submit"
                  name="intent"
                  value="move-down"
                  variant="subtle"
                  color="gray"
                  disabled={downDisabled}
                  style={downDisabled ? quiet : undefined}
                  aria-label={`Move ${gateway.name} down`}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Tooltip>
            </mover.Form>
          ) : null}
          {canUpdate ? (
            <Tooltip label="Add live credentials first" disabled={!blockedByCredentials} withArrow>
              <Box>
                <Switch
                  checked={enabled}
                  disabled={blockedByCredentials}
                  // Mantine's disabled track all but vanishes on a dark card; a dashed outline reads as "not yet".
                  styles={
                    blockedByCredentials
                      ? { track: { background: "transparent", border: "1px dashed var(--mantine-color-dimmed)" } }
                      : undefined
                  }
                  aria-label={`Enable ${gateway.name}`}
                  onChange={(event) =>
                    toggle.submit(
                      { intent: event.currentTarget.checked ? "enable" : "disable", gatewayId: setting.gatewayId },
                      { method: "post" }
                    )
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

      {toggleError ? (
        <Box mt="sm">
          <FormMessages error={toggleError} />
        </Box>
      ) : null}

      {mode === "live" ? (
        <Box mt="sm" ml={{ base: 0, xs: 64 }}>
          <CredentialsPanel setting={setting} canUpdate={canUpdate} />
        </Box>
      ) : null}
    </Box>
  );
}

export default function ProjectGateways() {
  const { project, mode, canUpdate, gateways } = useLoaderData<typeof loader>();
  const [announcement, setAnnouncement] = useState("");
  const enabledCount = gateways.filter((g) => g.enabled).length;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Gateways"
        description={`Which gateways quote for ${project.name} in ${mode} mode, and in what order. Quotes are ranked by the crypto the buyer receives after fees; when two are equal, the higher gateway here wins.`}
        actions={
          <>
            <Anchor component={Link} to="/gateways" size="sm">
              Compare in the catalogue
            </Anchor>
            <Badge color={mode === "test" ? "orange" : "teal"}>{mode === "test" ? "Test data" : "Live data"}</Badge>
          </>
        }
      />

      {mode === "test" ? (
        <Alert variant="light" color="blue" icon={<IconFlask size={18} />} data-testid="sandbox-note">
          Test mode uses the sandbox provider: every gateway is simulated on this server, so no credentials are needed and no money moves.
          Approve or decline each payment on the sandbox's page.
        </Alert>
      ) : (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} data-testid="live-note">
          Live orders are placed with each gateway under your own account. Add the API key and secret from the gateway's dashboard, then
          enable it. Credentials are stored encrypted and are never shown again.
        </Alert>
      )}

      {canUpdate ? null : (
        <Alert variant="light" color="gray" icon={<IconLock size={18} />} data-testid="read-only-note">
          You can see this project's gateway settings. Changing them needs the Admin or Owner role.
        </Alert>
      )}

      {enabledCount === 0 ? (
        <Alert variant="light" color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="none-enabled">
          No gateway is enabled in {mode} mode: quotes come back empty and checkouts can't start.
          {canUpdate
            ? mode === "live"
              ? " Add credentials for a gateway, then switch it on."
              : " Switch on at least one gateway below."
            : ""}
        </Alert>
      ) : null}

      <Card withBorder padding={0}>
        <Group justify="space-between" px="md" py="sm" gap="xs">
          <Text size="sm" fw={600}>
            Priority order
          </Text>
          <Text size="xs" c="dimmed">
            {enabledCount} of {gateways.length} enabled
          </Text>
        </Group>
        <Divider />
        <Box component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Gateways in priority order">
          {gateways.map((g, index) => (
            <Box component="li" key={g.gatewayId}>
              {index > 0 ? <Divider /> : null}
              <GatewayRow setting={g} index={index} count={gateways.length} mode={mode} canUpdate={canUpdate} announce={setAnnouncement} />
            </Box>
          ))}
        </Box>
      </Card>
      <VisuallyHidden aria-live="polite" role="status" data-testid="gateway-announcement">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
