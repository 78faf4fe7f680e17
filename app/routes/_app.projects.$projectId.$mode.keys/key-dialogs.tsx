/** The keys page's dialogs: create, roll, revoke (one fetcher for all three) and the new key shown once. */
import { Code, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import type { useFetcher } from "@remix-run/react";
import { ROLL_GRACE_OPTIONS } from "~/keys/schemas";
import { DialogActions } from "~/ui/dialog-actions";
import { formatDateTime } from "~/ui/format";
import { FormMessages } from "~/ui/form-messages";
import { ShowOnceSecretModal } from "~/ui/show-once-secret";
import { useActionResult } from "~/ui/use-action-result";
import type { action, KeyRow, NewKey } from "./route";

export type KeyDialog = null | { type: "create" } | { type: "roll" | "revoke"; key: KeyRow };

type Fetcher = ReturnType<typeof useFetcher<typeof action>>;

export function KeyDialogs({ dialog, fetcher, onClose }: { dialog: KeyDialog; fetcher: Fetcher; onClose: () => void }) {
  const busy = fetcher.state !== "idle";
  const create = useActionResult(fetcher.data, { intent: "create" });
  const roll = useActionResult(fetcher.data, { intent: "roll" });
  const revoke = useActionResult(fetcher.data, { intent: "revoke" });
  return (
    <>
      <Modal opened={dialog?.type === "create"} onClose={onClose} title="Create a secret key">
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="create" />
          <Stack>
            <TextInput name="label" label="Label" placeholder="Checkout backend" data-autofocus error={create.fieldErrors.label} />
            <FormMessages error={create.formError} />
            <DialogActions submit="Create key" loading={busy} onCancel={onClose} />
          </Stack>
        </fetcher.Form>
      </Modal>

      <Modal opened={dialog?.type === "roll"} onClose={onClose} title="Roll key">
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
                error={roll.fieldErrors.graceSeconds}
              />
              <FormMessages error={roll.formError} />
              <DialogActions submit="Roll key" loading={busy} onCancel={onClose} />
            </Stack>
          </fetcher.Form>
        ) : null}
      </Modal>

      <Modal opened={dialog?.type === "revoke"} onClose={onClose} title="Revoke key">
        {dialog?.type === "revoke" ? (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="keyId" value={dialog.key.id} />
            <Stack>
              <Text size="sm">
                <Code>{dialog.key.publishableToken ?? dialog.key.masked}</Code> stops working within seconds, everywhere. Requests that use it will be refused
                with INVALID_API_KEY. This cannot be undone.
              </Text>
              <FormMessages error={revoke.formError} />
              <DialogActions submit="Revoke key" color="red" loading={busy} onCancel={onClose} />
            </Stack>
          </fetcher.Form>
        ) : null}
      </Modal>
    </>
  );
}

/** Shows a new key once. A live secret key must be acknowledged: it can never be shown again. */
export function NewKeyModal({ secret, mode, onClose }: { secret: NewKey | null; mode: string; onClose: () => void }) {
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
