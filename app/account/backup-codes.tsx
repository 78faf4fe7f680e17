/** Backup codes, shown once: in a grid, with Copy and Download (a text file; data: links need no script). */
import { Alert, Button, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { CopyButton } from "~/ui/copy-button";

export function BackupCodes({ codes }: { codes: string[] }) {
  const text = `Ramp Partner Console backup codes. Each works once.\n\n${codes.join("\n")}\n`;
  return (
    <Stack gap="sm" data-testid="backup-codes">
      <Alert color="yellow" variant="light" title="Save your backup codes now">
        They let you sign in without your authenticator app. This is the only time they are shown.
      </Alert>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
        {codes.map((code) => (
          <Text key={code} ff="monospace" size="sm" data-testid="backup-code">
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <Button
          component="a"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="ramp-backup-codes.txt"
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
        >
          Download
        </Button>
        <Group gap={4}>
          <CopyButton value={codes.join("\n")} label="Copy backup codes" />
          <Text size="xs" c="dimmed">
            Copy
          </Text>
        </Group>
      </Group>
    </Stack>
  );
}
