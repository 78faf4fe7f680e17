/** The keys page's dialogs: create, roll, revoke (one fetcher for all three) and the new key shown once. */
import { Code, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import type { useFetcher } from "@remix-run/react";
import type { ReactNode } from "react";
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
  const form = { fetcher, busy, onClose };
  return (
    <>
      <Modal opened={dialog?.type === "create"} onClose={onClose} title="Create a secret key">
        <KeyForm {...form} intent="create" submit="Create key" formError={create.formError}>
          <TextInput name="label" label="Label" placeholder="Checkout backend" data-autofocus error={create.fieldErrors.label} />
        </KeyForm>
      </Modal>

      <Modal opened={dialog?.type === "roll"} onClose={onClose} title="Roll key">
        {dialog?.type === "roll" ? (
          <KeyForm {...form} intent="roll" keyId={dialog.key.id} submit="Roll key" formError={roll.formError}>
            <Text size="sm">
              A new key replaces <Code>{dialog.key.publishableToken ?? dialog.key.masked}</Code>. Choose how long the old key keeps working while you deploy the
              new one.
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
          </KeyForm>
        ) : null}
      </Modal>

      <Modal opened={dialog?.type === "revoke"} onClose={onClose} title="Revoke key">
        {dialog?.type === "revoke" ? (
          <KeyForm {...form} intent="revoke" keyId={dialog.key.id} submit="Revoke key" color="red" formError={revoke.formError}>
            <Text size="sm">
              <Code>{dialog.key.publishableToken ?? dialog.key.masked}</Code> stops working within seconds, everywhere. Requests that use it will be refused
              with INVALID_API_KEY. This cannot be undone.
            </Text>
          </KeyForm>
        ) : null}
      </Modal>
    </>
  );
}

/** One dialog's form: its intent (and key), the fields, the form error, submit and cancel. */
function KeyForm({
  fetcher,
  busy,
  onClose,
  intent,
  keyId,
  submit,
  color,
  formError,
  children,
}: {
  fetcher: Fetcher;
  busy: boolean;
  onClose: () => void;
  intent: string;
  keyId?: string;
  submit: string;
  color?: "red";
  formError?: string;
  children: ReactNode;
}) {
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {keyId ? <input type="hidden" name="keyId" value={keyId} /> : null}
      <Stack>
        {children}
        <FormMessages error={formError} />
        <DialogActions submit={submit} color={color} loading={busy} onCancel={onClose} />
      </Stack>
    </fetcher.Form>
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
