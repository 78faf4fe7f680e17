import { ActionIcon, Code, CopyButton as MantineCopyButton, Group, Tooltip, type MantineFontSize } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  return (
    <MantineCopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? "Copied" : label} withArrow>
          <ActionIcon color={copied ? "teal" : "gray"} variant="subtle" onClick={copy} aria-label={label}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </MantineCopyButton>
  );
}

/** A value to paste elsewhere (a key, a link) in code type, wrapping anywhere, with its copy button. */
export function CopyableCode({ value, label, testId, fz }: { value: string; label: string; testId: string; fz?: MantineFontSize }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Code data-testid={testId} style={{ overflowWrap: "anywhere" }} fz={fz}>
        {value}
      </Code>
      <CopyButton value={value} label={label} />
    </Group>
  );
}
