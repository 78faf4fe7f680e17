/** The keys table: name, the key (masked, or revealed for test secret keys), status, last use, and row actions; warnings above it. */
import { ActionIcon, Alert, Anchor, Badge, Code, Group, List, Menu, Text } from "@mantine/core";
import { Link, useFetcher } from "@remix-run/react";
import { IconAlertTriangle, IconDots, IconKey, IconRefresh, IconShieldLock, IconTrash } from "@tabler/icons-react";
import { CopyButton } from "~/ui/copy-button";
import { DataTable } from "~/ui/data-table";
import { formatDateTime } from "~/ui/format";
import { RevealButton } from "~/ui/show-once-secret";
import { useActionResult } from "~/ui/use-action-result";
import type { KeyDialog } from "./key-dialogs";
import type { action, KeyRow } from "./route";

const STATUS_BADGE: Record<KeyRow["status"], { color: string; label: string }> = {
  active: { color: "teal", label: "Active" },
  expiring: { color: "yellow", label: "Expiring" },
  expired: { color: "gray", label: "Expired" },
  revoked: { color: "red", label: "Revoked" },
};

const KIND_LABELS: Record<KeyRow["kind"], string> = { publishable: "Publishable", secret: "Secret", restricted: "Restricted" };

const keyName = (key: KeyRow) => `${key.label ?? "Untitled"} (${key.masked})`;

/** Keys about to stop working (not rolled: a roll's grace period is expected to end) and keys nobody uses. */
export function KeyWarnings({ keys }: { keys: KeyRow[] }) {
  const expiring = keys.filter((k) => k.status === "expiring" && !k.replacedBy);
  const unused = keys.filter((k) => k.unused && k.kind !== "publishable");
  if (!expiring.length && !unused.length) return null;
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Keys that need a look" data-testid="key-warnings">
      <List size="sm" spacing={4}>
        {expiring.map((k) => (
          <List.Item key={k.id}>
            {keyName(k)} expires {formatDateTime(k.expiresAt)}: roll it now so its replacement is deployed in time.
          </List.Item>
        ))}
        {unused.map((k) => (
          <List.Item key={k.id}>
            {keyName(k)} has not been used for 90 days{k.lastUsedAt ? "" : " (never used)"}: revoke it if nothing needs it.
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function TokenCell({ keyRow, canReveal }: { keyRow: KeyRow; canReveal: boolean }) {
  const fetcher = useFetcher<typeof action>({ key: `reveal-${keyRow.id}` });
  const reveal = useActionResult(fetcher.data, { intent: "reveal" });
  const revealed = reveal.result?.ok && reveal.result.intent === "reveal" ? reveal.result.data.token : null;
  const shown = keyRow.publishableToken ?? revealed;
  return (
    <Group gap={4} wrap="nowrap">
      {/* A full key is cut to the column with an ellipsis (all of it on hover, and the Copy button copies it all):
          the table fits at 1440 px instead of scrolling its names out of view. */}
      <Code
        data-testid={`token-${keyRow.id}`}
        title={shown ?? undefined}
        style={{ whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", maxWidth: "20ch", display: "inline-block", verticalAlign: "middle" }}
      >
        {shown ?? keyRow.masked}
      </Code>
      {shown ? <CopyButton value={shown} label="Copy key" /> : null}
      {!shown && keyRow.revealable && canReveal && keyRow.status !== "revoked" ? (
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="reveal" />
          <input type="hidden" name="keyId" value={keyRow.id} />
          <RevealButton tooltip="Reveal test key" label={`Reveal ${keyRow.label ?? "key"}`} loading={fetcher.state !== "idle"} />
        </fetcher.Form>
      ) : null}
      {reveal.formError ? (
        <Text size="xs" c="red">
          {reveal.formError}
        </Text>
      ) : null}
    </Group>
  );
}

export function KeysTable({
  keys,
  can,
  onDialog,
  logs,
}: {
  keys: (KeyRow & { requests24h: number | null; lastIp: string | null })[];
  can: { roll: boolean; revoke: boolean; reveal: boolean; editAllowlist: boolean };
  onDialog: (dialog: KeyDialog) => void;
  /** The key's requests of the last 24 h in Logs: `${logs}&key=…`. */
  logs: string;
}) {
  return (
    <DataTable
      rows={keys}
      columns={[
        {
          header: "Name",
          cell: (key) => (
            <Group gap={6} wrap="nowrap">
              <IconKey size={16} />
              <div>
                <Text size="sm" fw={600}>
                  {key.label ?? "Untitled"}
                </Text>
                <Text size="xs" c="dimmed">
                  {KIND_LABELS[key.kind]}
                </Text>
                {key.permissionSummary ? (
                  <Text size="xs" c="dimmed" maw={260} data-testid="key-permissions-summary">
                    {key.permissionSummary}
                  </Text>
                ) : null}
                {key.allowedIps.length ? (
                  <Group gap={4} wrap="nowrap">
                    <IconShieldLock size={12} />
                    <Text size="xs" c="dimmed" data-testid="key-allowlist" title={key.allowedIps.join(", ")}>
                      {key.allowedIps.length === 1 ? key.allowedIps[0] : `${key.allowedIps.length} IP ranges`}
                    </Text>
                  </Group>
                ) : null}
              </div>
            </Group>
          ),
        },
        { header: "Key", cell: (key) => <TokenCell keyRow={key} canReveal={can.reveal} /> },
        {
          header: "Status",
          cell: (key) => (
            <>
              <Badge color={STATUS_BADGE[key.status].color} variant="light" miw="max-content">
                {STATUS_BADGE[key.status].label}
              </Badge>
              {key.expiresAt && (key.status === "active" || key.status === "expiring") ? (
                <Text size="xs" c="dimmed">
                  until {formatDateTime(key.expiresAt)}
                </Text>
              ) : null}
              {key.unused && key.kind !== "publishable" ? (
                <Badge color="orange" variant="outline" size="sm" mt={4} miw="max-content" data-testid="key-unused">
                  Unused 90 days
                </Badge>
              ) : null}
            </>
          ),
        },
        {
          header: "Last used",
          cell: (key) => (
            <>
              <Text size="sm" c="dimmed">
                {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}
              </Text>
              {key.lastIp ? (
                <Text size="xs" c="dimmed" data-testid="key-last-ip">
                  from {key.lastIp}
                </Text>
              ) : null}
            </>
          ),
        },
        {
          header: "Requests (24 h)",
          cell: (key) =>
            key.requests24h === null ? null : (
              <Anchor component={Link} to={`${logs}&key=${key.id}`} size="sm" data-testid="key-requests">
                {key.requests24h.toLocaleString("en-US")}
              </Anchor>
            ),
        },
        {
          header: "Created",
          cell: (key) => (
            <>
              <Text size="sm">{formatDateTime(key.createdAt)}</Text>
              {/* The name only (the address on hover): the table fits at 1440 px. */}
              <Text size="xs" c="dimmed" title={key.createdByEmail ?? undefined}>
                by {key.createdBy}
              </Text>
            </>
          ),
        },
        {
          // Only a working key can be changed; a rolled one only revoked (roll its replacement instead).
          cell: (key) =>
            (key.status === "active" || key.status === "expiring") && (can.roll || can.revoke) ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${key.label ?? "key"} (${key.masked})`}>
                    <IconDots size={16} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {can.roll && !key.replacedBy ? (
                    <Menu.Item leftSection={<IconRefresh size={16} />} onClick={() => onDialog({ type: "roll", key })}>
                      Roll key…
                    </Menu.Item>
                  ) : null}
                  {can.editAllowlist && key.kind !== "publishable" ? (
                    <Menu.Item leftSection={<IconShieldLock size={16} />} onClick={() => onDialog({ type: "allowlist", key })}>
                      Edit IP allowlist…
                    </Menu.Item>
                  ) : null}
                  {can.revoke ? (
                    <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => onDialog({ type: "revoke", key })}>
                      Revoke key…
                    </Menu.Item>
                  ) : null}
                </Menu.Dropdown>
              </Menu>
            ) : null,
        },
      ]}
      minWidth={880}
      verticalSpacing="sm"
      horizontalSpacing="sm"
      testId="keys-table"
      rowTestId="key-row"
      rowProps={(key) => ({ "data-kind": key.kind, "data-status": key.status })}
    />
  );
}
