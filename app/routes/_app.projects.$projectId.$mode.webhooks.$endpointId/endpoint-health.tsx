/** Why deliveries stopped or fail, the 24-hour success rate, the last failure, the signing secret and the event types. */
import { Alert, Card, Code, Group, SimpleGrid, Text } from "@mantine/core";
import { IconAlertTriangle, IconPlayerPause } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { formatDateTime } from "~/ui/format";
import { RevealButton } from "~/ui/show-once-secret";
import { formatRate } from "~/webhooks/ui";
import type { EndpointView } from "./route";

function StatCard({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card withBorder>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Card>
  );
}

export function EndpointHealth({
  view: { endpoint, health, mode, can },
  revealing,
  onReveal,
}: {
  view: EndpointView;
  revealing: boolean;
  onReveal: () => void;
}) {
  return (
    <>
      {endpoint.status === "disabled" ? (
        <Alert color="gray" variant="light" icon={<IconPlayerPause size={18} />} title="Deliveries are paused">
          {endpoint.disabledReason ?? "Disabled."} {endpoint.disabledAt ? `(${formatDateTime(endpoint.disabledAt)})` : null} New events are not sent to it until
          it is resumed.
        </Alert>
      ) : health.flagged ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="This endpoint is failing">
          Every delivery has failed since {formatDateTime(endpoint.failingSince)}. Last error: {health.lastFailureMessage}. It is disabled after 5 days of
          failures.
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <StatCard label="Success (24 h)">
          <Text size="xl" fw={700} data-testid="success-rate">
            {formatRate(health.successRate24h)}
          </Text>
          <Text size="xs" c="dimmed">
            {health.succeeded24h} of {health.attempts24h} attempts
          </Text>
        </StatCard>
        <StatCard label="Last failure">
          <Text size="sm" fw={600}>
            {health.lastFailureAt ? formatDateTime(health.lastFailureAt) : "None"}
          </Text>
          {health.lastFailureMessage ? (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {health.lastFailureMessage}
            </Text>
          ) : null}
        </StatCard>
        <StatCard label="Signing secret">
          <Group gap={4} wrap="nowrap">
            <Code>whsec_••••••••</Code>
            {mode === "test" && can.manage ? (
              <RevealButton tooltip="Reveal test secret" label="Reveal signing secret" loading={revealing} onClick={onReveal} />
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {endpoint.previousSecretExpiresAt
              ? `Rolled: the old secret also signs until ${formatDateTime(endpoint.previousSecretExpiresAt)}.`
              : mode === "live"
                ? "Shown once when created or rolled."
                : "Verify with it as the code samples below show."}
          </Text>
        </StatCard>
      </SimpleGrid>

      <Card withBorder padding="sm">
        <Text size="sm">
          <Text span fw={600}>
            Events:{" "}
          </Text>
          {endpoint.enabledEvents.includes("*") ? "all event types" : endpoint.enabledEvents.join(", ")}
        </Text>
      </Card>
    </>
  );
}
