/** The keys page's dialogs: create, roll, edit the IP allowlist, revoke (one fetcher for all) and the new key shown once. */
import { Code, Input, Modal, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import type { useFetcher } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { KEY_RESOURCES } from "~/keys/permissions";
import { MAX_EXPIRY_DAYS, ROLL_GRACE_OPTIONS } from "~/keys/schemas";
import { DialogActions } from "~/ui/dialog-actions";
import { formatDateTime } from "~/ui/format";
import { FormMessages } from "~/ui/form-messages";
import { ShowOnceSecretModal } from "~/ui/show-once-secret";
import { useActionResult } from "~/ui/use-action-result";
import type { action, KeyRow, NewKey } from "./route";

export type KeyDialog = null | { type: "create" } | { type: "roll" | "revoke" | "allowlist"; key: KeyRow };

const ALLOWLIST_HELP = "One IP address or CIDR range per line, IPv4 or IPv6 (203.0.113.7, 10.0.0.0/8, 2001:db8::/32). Empty: requests from any address.";

type Fetcher = ReturnType<typeof useFetcher<typeof action>>;

export function KeyDialogs({ dialog, fetcher, onClose }: { dialog: KeyDialog; fetcher: Fetcher; onClose: () => void }) {
  const busy = fetcher.state !== "idle";
  const create = useActionResult(fetcher.data, { intent: "create" });
  const roll = useActionResult(fetcher.data, { intent: "roll" });
  const revoke = useActionResult(fetcher.data, { intent: "revoke" });
  const allowlist = useActionResult(fetcher.data, { intent: "allowlist" });
  const form = { fetcher, busy, onClose };
  return (
    <>
      <Modal opened={dialog?.type === "create"} onClose={onClose} title="Create a secret key" size="lg">
        <KeyForm {...form} intent="create" submit="Create key" formError={create.formError}>
          <CreateKeyFields errors={create.fieldErrors} />
        </KeyForm>
      </Modal>

      <Modal opened={dialog?.type === "allowlist"} onClose={onClose} title="IP allowlist">
        {dialog?.type === "allowlist" ? (
          <KeyForm {...form} intent="allowlist" keyId={dialog.key.id} submit="Save allowlist" formError={allowlist.formError}>
            <Text size="sm">
              Requests with <Code>{dialog.key.masked}</Code> from any other address are refused with IP_NOT_ALLOWED, within seconds of saving.
            </Text>
            <Textarea
              name="allowedIps"
              label="Allowed IP addresses"
              description={ALLOWLIST_HELP}
              defaultValue={dialog.key.allowedIps.join("\n")}
              autosize
              minRows={3}
              maxRows={10}
              data-autofocus
              error={allowlist.fieldErrors.allowedIps}
            />
          </KeyForm>
        ) : null}
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

/** The create dialog's fields: label, secret or restricted (with a level per resource), IP allowlist, expiry date. */
function CreateKeyFields({ errors }: { errors: Record<string, string> }) {
  const [type, setType] = useState("secret");
  const tomorrow = new Date(Date.now() + 86_400_000);
  return (
    <>
      <TextInput name="label" label="Label" placeholder="Checkout backend" data-autofocus error={errors.label} />
      <Input.Wrapper label="Type" description="Secret keys can call every endpoint; restricted keys (rk_…) only those their permissions allow.">
        <SegmentedControl
          name="type"
          value={type}
          onChange={setType}
          fullWidth
          mt={6}
          data={[
            { value: "secret", label: "Secret" },
            { value: "restricted", label: "Restricted" },
          ]}
        />
      </Input.Wrapper>
      {type === "restricted" ? (
        <Input.Wrapper label="Permissions" error={errors.permissions}>
          <Table mt={4} verticalSpacing={6} data-testid="key-permissions">
            <Table.Tbody>
              {KEY_RESOURCES.map((resource) => (
                <Table.Tr key={resource.resource}>
                  <Table.Td>
                    <Text size="sm" id={`access-${resource.resource}`}>
                      {resource.label}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <SegmentedControl
                      name={`access_${resource.resource}`}
                      aria-labelledby={`access-${resource.resource}`}
                      size="xs"
                      defaultValue="none"
                      data={[{ value: "none", label: "None" }, ...resource.levels.map((l) => ({ value: l.value, label: l.label }))]}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Input.Wrapper>
      ) : null}
      <Textarea name="allowedIps" label="IP allowlist (optional)" description={ALLOWLIST_HELP} autosize minRows={2} maxRows={6} error={errors.allowedIps} />
      <DatePickerInput
        name="expiresOn"
        label="Expires on (optional)"
        description="The key stops working at 00:00 UTC on this day. Empty: it never expires."
        placeholder="Never"
        valueFormat="D MMM YYYY"
        clearable
        clearButtonProps={{ "aria-label": "Clear the expiry date" }}
        minDate={tomorrow}
        maxDate={new Date(Date.now() + MAX_EXPIRY_DAYS * 86_400_000)}
        error={errors.expiresOn}
      />
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
const NEW_KEY_TITLES: Record<NewKey["kind"], string> = {
  secret: "Your new secret key",
  restricted: "Your new restricted key",
  publishable: "Your new publishable key",
};

export function NewKeyModal({ secret, mode, onClose }: { secret: NewKey | null; mode: string; onClose: () => void }) {
  const secretKind = secret?.kind === "secret" || secret?.kind === "restricted";
  return (
    <ShowOnceSecretModal
      value={secret?.token ?? null}
      title={secret ? NEW_KEY_TITLES[secret.kind] : ""}
      noun="key"
      onceOnly={secretKind && mode === "live"}
      warning={`This is the only time this live ${secret?.kind} key is shown. We store only a hash of it: if you lose it, roll it.`}
      hint={secretKind ? `Test ${secret?.kind} keys can be revealed again from this page by admins and developers.` : undefined}
      note={secret?.oldKeyExpiresAt ? `The old key works until ${formatDateTime(secret.oldKeyExpiresAt)}.` : undefined}
      testId="new-key-token"
      onClose={onClose}
    />
  );
}
