/** The endpoint's title (URL, status, id) with Send test event and the actions menu. */
import { ActionIcon, Anchor, Button, Group, Menu, Stack, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { IconArrowLeft, IconDots, IconPlayerPause, IconPlayerPlay, IconRefresh, IconSend, IconTrash } from "@tabler/icons-react";
import { formatDateTime } from "~/ui/format";
import { EndpointStatus } from "~/webhooks/ui";
import type { EndpointDialog } from "./endpoint-dialogs";
import type { EndpointView } from "./route";

export function EndpointHeader({
  view: { endpoint, health, can, base },
  onDialog,
  onToggle,
}: {
  view: EndpointView;
  onDialog: (dialog: EndpointDialog) => void;
  /** Pause or resume deliveries (no confirmation: either is undone by the other). */
  onToggle: (intent: "enable" | "disable") => void;
}) {
  const enabled = endpoint.status === "enabled";
  return (
    <>
      <Anchor component={Link} to={`${base}/webhooks`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Webhooks
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Group gap="xs" wrap="nowrap" align="center">
            <Title order={2} style={{ overflowWrap: "anywhere" }} data-testid="endpoint-url">
              {endpoint.url}
            </Title>
            <EndpointStatus status={endpoint.status} flagged={health.flagged} />
          </Group>
          {endpoint.description ? (
            <Text c="dimmed" size="sm">
              {endpoint.description}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {endpoint.id} · created {formatDateTime(endpoint.createdAt)}
          </Text>
        </Stack>
        <Group gap="sm">
          {can.sendTest && enabled ? (
            <Button leftSection={<IconSend size={16} />} variant="default" onClick={() => onDialog("test")}>
              Send test event
            </Button>
          ) : null}
          {can.manage ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label="Endpoint actions">
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => onDialog("edit")}>Edit endpoint…</Menu.Item>
                <Menu.Item leftSection={<IconRefresh size={16} />} onClick={() => onDialog("roll")}>
                  Roll signing secret…
                </Menu.Item>
                <Menu.Item leftSection={<IconSend size={16} />} onClick={() => onDialog("resendFailed")} disabled={!enabled}>
                  Resend failed deliveries…
                </Menu.Item>
                <Menu.Item
                  leftSection={enabled ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
                  onClick={() => onToggle(enabled ? "disable" : "enable")}
                >
                  {enabled ? "Pause deliveries" : "Resume deliveries"}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => onDialog("delete")}>
                  Delete endpoint…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
      </Group>
    </>
  );
}
