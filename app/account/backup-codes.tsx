/** Backup codes, shown once: in a grid, with Copy and Download (a text file; data: links need no script). */
import { Alert, Button, Group, CopyButton as MantineCopyButton, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconCheck, IconCopy, IconDownload } from "@tabler/icons-react";

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
        <MantineCopyButton value={codes.join("\n")} timeout={1500}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}>
              {copied ? "Copied" : "Copy"}
            </Button>
          )}
        </MantineCopyButton>
      </Group>
    </Stack>
  );
}
