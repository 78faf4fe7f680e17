/**
 * A confirmation dialog that posts one intent of the page's action (with its hidden fields)
 * through its own fetcher: the refusal shows inside it, success closes it and notifies.
 */
import { Modal, Stack } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import type { ReactNode } from "react";
import { DialogActions } from "./dialog-actions";
import { FormMessages } from "./form-messages";
import { useActionResult, type ClientActionResult } from "./use-action-result";

export function ConfirmIntentDialog({
  opened,
  onClose,
  title,
  intent,
  fields,
  submit,
  color,
  action,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  intent: string;
  fields: Record<string, string>;
  submit: string;
  color?: "red";
  /** Another route's action (default: this page's). */
  action?: string;
  children: ReactNode;
}) {
  const fetcher = useFetcher<ClientActionResult>();
  const result = useActionResult(fetcher.data, { intent, onSuccess: onClose });
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <fetcher.Form method="post" action={action}>
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Stack>
          {children}
          <FormMessages error={result.formError} />
          <DialogActions submit={submit} color={color} loading={fetcher.state !== "idle"} onCancel={onClose} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
