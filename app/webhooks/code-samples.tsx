/** Receiver code to copy (app/webhooks/samples.ts), on the webhooks page and each endpoint's page. */
import { Card, Code, Group, List, Tabs, Text, Title } from "@mantine/core";
import { CopyButton } from "~/ui/copy-button";
import { WEBHOOK_CODE_SAMPLES } from "./samples";

export function WebhookCodeSamples() {
  return (
    <Card withBorder padding="lg" data-testid="webhook-code-samples">
      <Title order={4} mb="xs">
        Verify and handle deliveries
      </Title>
      <List size="sm" spacing={4} mb="sm">
        <List.Item>
          Verify the <strong>raw body</strong>: the signature covers the exact bytes sent, so read them before any JSON parser does.
        </List.Item>
        <List.Item>Answer 2xx fast (within 30 s, or the delivery is retried), then do the slow work.</List.Item>
        <List.Item>
          Deliveries may arrive out of order and more than once: keep the highest <Code>sequence</Code> applied per order and drop lower ones; use{" "}
          <Code>webhook-id</Code> to spot duplicates.
        </List.Item>
      </List>
      <Tabs defaultValue={WEBHOOK_CODE_SAMPLES[0]!.id} keepMounted={false}>
        <Tabs.List>
          {WEBHOOK_CODE_SAMPLES.map((sample) => (
            <Tabs.Tab key={sample.id} value={sample.id}>
              {sample.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {WEBHOOK_CODE_SAMPLES.map((sample) => (
          <Tabs.Panel key={sample.id} value={sample.id} pt="sm">
            <Group gap={4} wrap="nowrap" mb={6} align="flex-start">
              <Code style={{ overflowWrap: "anywhere" }} fz="xs">
                {sample.run}
              </Code>
              <CopyButton value={sample.run} label="Copy run command" />
            </Group>
            <Group justify="space-between" mb={4}>
              <Text size="xs" c="dimmed">
                {sample.fileName}
              </Text>
              <CopyButton value={sample.code} label={`Copy ${sample.fileName}`} />
            </Group>
            <Code block fz="xs" data-testid={`webhook-sample-${sample.id}`} style={{ maxHeight: 420, overflow: "auto" }} tabIndex={0}>
              {sample.code}
            </Code>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Card>
  );
}
