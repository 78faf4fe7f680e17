import { ActionIcon, Alert, Button, Checkbox, Group, Modal, Stack, Text, Tooltip } from "@mantine/core";
import { IconEye } from "@tabler/icons-react";
import { useEffect, useState, type ReactNode } from "react";
import { CopyableCode } from "./copy-button";

/**
 * Shows a new credential (an API key, a signing secret) in a dialog. One that is shown only
 * once (`onceOnly`) must be acknowledged before the dialog closes: it can never be shown again.
 */
export function ShowOnceSecretModal({
  value,
  title,
  noun,
  onceOnly,
  warning,
  hint,
  note,
  testId,
  onClose,
}: {
  /** The plaintext; null: no dialog. */
  value: string | null;
  title: string;
  /** "key" or "secret": "Copy key", "I have stored this key somewhere safe". */
  noun: string;
  onceOnly: boolean;
  /** Why to copy it now, when it is shown once only. */
  warning: ReactNode;
  /** Otherwise, where it can be seen again (if anywhere). */
  hint?: ReactNode;
  /** A line under the value (the old one's grace period). */
  note?: ReactNode;
  testId: string;
  onClose: () => void;
}) {
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [value]);
  if (!value) return null;
  return (
    <Modal
      opened
      onClose={() => (!onceOnly || saved) && onClose()}
      title={title}
      closeOnClickOutside={!onceOnly}
      closeOnEscape={!onceOnly}
      withCloseButton={!onceOnly}
      size="lg"
    >
      <Stack>
        {onceOnly ? (
          <Alert color="orange" variant="light" title="Copy it now">
            {warning}
          </Alert>
        ) : hint ? (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        ) : null}
        <CopyableCode value={value} label={`Copy ${noun}`} testId={testId} fz="sm" />
        {note ? <Text size="sm">{note}</Text> : null}
        {onceOnly ? <Checkbox label={`I have stored this ${noun} somewhere safe`} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} /> : null}
        <Group justify="flex-end">
          <Button onClick={onClose} disabled={onceOnly && !saved}>
            Done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The eye button that asks the server for a test-mode credential again. */
export function RevealButton({
  tooltip,
  label,
  loading,
  onClick,
}: {
  tooltip: string;
  /** The accessible name. */
  label: string;
  loading: boolean;
  /** Without one, the button submits its form. */
  onClick?: () => void;
}) {
  return (
    <Tooltip label={tooltip}>
      <ActionIcon type={onClick ? "button" : "submit"} variant="subtle" color="gray" aria-label={label} loading={loading} onClick={onClick}>
        <IconEye size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
