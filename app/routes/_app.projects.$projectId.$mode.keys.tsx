import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Menu,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { IconDots, IconKey, IconPlus, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import {
  KeyActionError,
  createSecretKey,
  listKeysForConsole,
  revealTestSecretKey,
  revokeApiKey,
  rollApiKey,
} from "~/keys/lifecycle.server";
import { ROLL_GRACE_OPTIONS, createKeySchema, rollKeySchema } from "~/keys/schemas";
import { parseForm } from "~/lib/forms";
import { requireProject } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { CopyButton } from "~/ui/copy-button";
import { DataTable } from "~/ui/data-table";
import { formatDateTime } from "~/ui/format";
import { DialogActions } from "~/ui/dialog-actions";
import { FormMessages } from "~/ui/form-messages";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { RevealButton, ShowOnceSecretModal } from "~/ui/show-once-secret";

export const meta: MetaFunction = () => [{ title: "API keys · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { apiKey: ["read"] });
  return {
    mode: ctx.mode,
    keys: await listKeysForConsole(ctx),
    can: {
      create: roleCan(ctx.role, { apiKey: ["create"] }),
      roll: roleCan(ctx.role, { apiKey: ["roll"] }),
      revoke: roleCan(ctx.role, { apiKey: ["revoke"] }),
      reveal: roleCan(ctx.role, { testSecretKey: ["reveal"] }),
    },
  };
}

type ActionResult = {
  intent: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** A key's plaintext for this one response (never in a loader, never in a URL). */
  secret?: { token: string; label: string | null; kind: "publishable" | "secret"; oldKeyExpiresAt?: string };
  revealed?: { keyId: string; token: string };
};

// Responses that carry a key must never be cached by a browser or proxy.
const noStore = { headers: { "Cache-Control": "no-store" } };

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  const keyId = String(formData.get("keyId") ?? "");
  try {
    if (intent === "create") {
      const ctx = await requireProject(request, params, { apiKey: ["create"] });
      const form = parseForm(createKeySchema, formData);
      if (!form.success) return data<ActionResult>({ intent, fieldErrors: form.fieldErrors }, noStore);
      const created = await createSecretKey(ctx, form.data);
      return data<ActionResult>({ intent, secret: { token: created.token, label: created.label, kind: "secret" } }, noStore);
    }
    if (intent === "roll") {
      const ctx = await requireProject(request, params, { apiKey: ["roll"] });
      const form = parseForm(rollKeySchema, formData);
      if (!form.success) return data<ActionResult>({ intent, fieldErrors: form.fieldErrors }, noStore);
      const rolled = await rollApiKey(ctx, form.data.keyId, Number(form.data.graceSeconds));
      return data<ActionResult>(
        { intent, secret: { token: rolled.token, label: null, kind: rolled.kind, oldKeyExpiresAt: rolled.oldKeyExpiresAt } },
        noStore,
      );
    }
    if (intent === "reveal") {
      const ctx = await requireProject(request, params, { testSecretKey: ["reveal"] });
      const token = await revealTestSecretKey(ctx, keyId);
      return data<ActionResult>({ intent, revealed: { keyId, token } }, noStore);
    }
    if (intent === "revoke") {
      const ctx = await requireProject(request, params, { apiKey: ["revoke"] });
      await revokeApiKey(ctx, keyId);
      return data<ActionResult>({ intent }, noStore);
    }
  } catch (error) {
    if (error instanceof KeyActionError) return data<ActionResult>({ intent, error: error.message }, noStore);
    throw error;
  }
  return data<ActionResult>({ intent, error: "Unknown action." }, noStore);
}

type KeyRow = ReturnType<typeof useLoaderData<typeof loader>>["keys"][number];

const STATUS_BADGE: Record<KeyRow["status"], { color: string; label: string }> = {
  active: { color: "teal", label: "Active" },
  expiring: { color: "yellow", label: "Expiring" },
  expired: { color: "gray", label: "Expired" },
  revoked: { color: "red", label: "Revoked" },
};

/** Shows a new key once. A live secret key must be acknowledged: it can never be shown again. */
function NewKeyModal({ secret, mode, onClose }: { secret: NonNullable<ActionResult["secret"]> | null; mode: string; onClose: () => void }) {
  return (
    <ShowOnceSecretModal
      value={secret?.token ?? null}
      title={secret?.kind === "secret" ? "Your new secret key" : "Your new publishable key"}
      noun="key"
      onceOnly={secret?.kind === "secret" && mode === "live"}
      warning="This is the only time this live secret key is shown. We store only a hash of it: if you lose it, roll it."
      hint={secret?.kind === "secret" ? "Test secret keys can be revealed again from this page by admins and developers." : undefined}
      note={secret?.oldKeyExpiresAt ? `The old key works until ${formatDateTime(secret.oldKeyExpiresAt)}.` : undefined}
      testId="new-key-token"
      onClose={onClose}
    />
  );
}

function TokenCell({ keyRow, canReveal }: { keyRow: KeyRow; canReveal: boolean }) {
  const fetcher = useFetcher<typeof action>({ key: `reveal-${keyRow.id}` });
  const revealed = fetcher.data?.revealed?.keyId === keyRow.id ? fetcher.data.revealed.token : null;
  const shown = keyRow.publishableToken ?? revealed;
  return (
    <Group gap={4} wrap="nowrap">
      <Code data-testid={`token-${keyRow.id}`} style={{ whiteSpace: "nowrap" }}>
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
      {fetcher.data?.error ? (
        <Text size="xs" c="red">
          {fetcher.data.error}
        </Text>
      ) : null}
    </Group>
  );
}

export default function ApiKeys() {
  const { keys, mode, can } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const [dialog, setDialog] = useState<null | { type: "create" } | { type: "roll" | "revoke"; key: KeyRow }>(null);
  const [secret, setSecret] = useState<ActionResult["secret"] | null>(null);
  const result = fetcher.data;

  // A successful action closes its dialog; a new key opens the show-once dialog.
  useEffect(() => {
    if (fetcher.state !== "idle" || !result) return;
    if (!result.error && !result.fieldErrors) setDialog(null);
    if (result.secret) setSecret(result.secret);
  }, [fetcher.state, result]);

  const busy = fetcher.state !== "idle";
  const liveNote = mode === "live" ? " Live secret keys are shown once, when created." : "";
  return (
    <Stack>
      <PageHeader
        title="API keys"
        description={`Publishable keys (pk_${mode}_…) identify your project in the browser; secret keys (sk_${mode}_…) authenticate your backend. Never put a secret key in client code.${liveNote}`}
        actions={
          can.create ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ type: "create" })}>
              Create secret key
            </Button>
          ) : null
        }
      />
      {result?.error && !dialog ? <FormMessages error={result.error} /> : null}
      <Card withBorder padding={0}>
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
                      {key.kind === "publishable" ? "Publishable" : "Secret"}
                    </Text>
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
                  {key.status === "expiring" ? (
                    <Text size="xs" c="dimmed">
                      until {formatDateTime(key.expiresAt)}
                    </Text>
                  ) : null}
                </>
              ),
            },
            {
              header: "Last used",
              cell: (key) => (
                <Text size="sm" c="dimmed">
                  {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}
                </Text>
              ),
            },
            {
              header: "Created",
              cell: (key) => (
                <>
                  <Text size="sm">{formatDateTime(key.createdAt)}</Text>
                  <Text size="xs" c="dimmed">
                    by {key.createdBy}
                  </Text>
                </>
              ),
            },
            {
              // Only an active key can be rolled or revoked.
              cell: (key) =>
                key.status === "active" && (can.roll || can.revoke) ? (
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${key.label ?? "key"} (${key.masked})`}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {can.roll ? (
                        <Menu.Item leftSection={<IconRefresh size={16} />} onClick={() => setDialog({ type: "roll", key })}>
                          Roll key…
                        </Menu.Item>
                      ) : null}
                      {can.revoke ? (
                        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog({ type: "revoke", key })}>
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
          horizontalSpacing="md"
          testId="keys-table"
          rowTestId="key-row"
          rowProps={(key) => ({ "data-kind": key.kind, "data-status": key.status })}
        />
      </Card>

      <Modal opened={dialog?.type === "create"} onClose={() => setDialog(null)} title="Create a secret key">
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="create" />
          <Stack>
            <TextInput name="label" label="Label" placeholder="Checkout backend" data-autofocus error={result?.intent === "create" ? result.fieldErrors?.label : undefined} />
            <FormMessages error={result?.intent === "create" ? result.error : undefined} />
            <DialogActions submit="Create key" loading={busy} onCancel={() => setDialog(null)} />
          </Stack>
        </fetcher.Form>
      </Modal>

      <Modal opened={dialog?.type === "roll"} onClose={() => setDialog(null)} title="Roll key">
        {dialog?.type === "roll" ? (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="roll" />
            <input type="hidden" name="keyId" value={dialog.key.id} />
            <Stack>
              <Text size="sm">
                A new key replaces <Code>{dialog.key.publishableToken ?? dialog.key.masked}</Code>. Choose how long the old key keeps working while you
                deploy the new one.
              </Text>
              <Select
                name="graceSeconds"
                label="Old key stops working"
                data={ROLL_GRACE_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
                defaultValue="86400"
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                error={result?.intent === "roll" ? result.fieldErrors?.graceSeconds : undefined}
              />
              <FormMessages error={result?.intent === "roll" ? result.error : undefined} />
              <DialogActions submit="Roll key" loading={busy} onCancel={() => setDialog(null)} />
            </Stack>
          </fetcher.Form>
        ) : null}
      </Modal>

      <Modal opened={dialog?.type === "revoke"} onClose={() => setDialog(null)} title="Revoke key">
        {dialog?.type === "revoke" ? (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="keyId" value={dialog.key.id} />
            <Stack>
              <Text size="sm">
                <Code>{dialog.key.publishableToken ?? dialog.key.masked}</Code> stops working within seconds, everywhere. Requests that use it will be refused
                with INVALID_API_KEY. This cannot be undone.
              </Text>
              <FormMessages error={result?.intent === "revoke" ? result.error : undefined} />
              <DialogActions submit="Revoke key" color="red" loading={busy} onCancel={() => setDialog(null)} />
            </Stack>
          </fetcher.Form>
        ) : null}
      </Modal>

      <NewKeyModal secret={secret ?? null} mode={mode} onClose={() => setSecret(null)} />
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
