/** One delivery of the event to one endpoint: its status, Resend, and every attempt with what was sent and answered. */
import { Accordion, Anchor, Button, Card, Group, Stack, Text } from "@mantine/core";
import { Link, type useFetcher } from "@remix-run/react";
import { formatDateTime } from "~/ui/format";
import { DeliveryStatusBadge, JsonBlock } from "~/webhooks/ui";
import type { action, EventView } from "./route";

type Delivery = EventView["deliveries"][number];

function attemptLabel(a: { responseStatus: number | null; error: string | null }) {
  if (!a.error) return `HTTP ${a.responseStatus}`;
  return a.responseStatus ? `HTTP ${a.responseStatus}` : a.error;
}

function Attempts({ attempts }: { attempts: Delivery["attempts"] }) {
  if (!attempts.length) {
    return (
      <Text size="xs" c="dimmed">
        Not attempted yet.
      </Text>
    );
  }
  return (
    <Accordion variant="contained" chevronPosition="left">
      {attempts.map((a) => (
        <Accordion.Item key={a.id} value={a.id} data-testid="attempt">
          <Accordion.Control>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm">
                #{a.attemptNumber} {a.trigger === "resend" ? "(resend)" : ""}
              </Text>
              <Text size="sm" c={a.error ? "red" : "teal"} truncate maw={220} title={a.error ?? undefined}>
                {attemptLabel(a)}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {a.latencyMs ?? "—"} ms · {formatDateTime(a.createdAt)}
              </Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="sm">
              {a.error ? (
                <Text size="sm" c="red">
                  {a.error}
                </Text>
              ) : null}
              <JsonBlock value={a.requestHeaders} label="Request headers" maxHeight={200} />
              <JsonBlock value={a.requestBody} label="Request body" maxHeight={200} />
              <JsonBlock
                value={a.responseBodyExcerpt ?? ""}
                label={`Response${a.responseStatus ? ` (HTTP ${a.responseStatus})` : ""}, first 4 KB`}
                maxHeight={200}
              />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

export function DeliveryCard({
  delivery: d,
  base,
  canResend,
  canSeeEndpoints,
  fetcher,
}: {
  delivery: Delivery;
  base: string;
  canResend: boolean;
  canSeeEndpoints: boolean;
  fetcher: ReturnType<typeof useFetcher<typeof action>>;
}) {
  return (
    <Card withBorder data-testid="delivery-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            {canSeeEndpoints ? (
              <Anchor component={Link} to={`${base}/webhooks/${d.endpointId}`} size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                {d.endpointUrl}
              </Anchor>
            ) : (
              <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                {d.endpointUrl}
              </Text>
            )}
            <Group gap="xs">
              <DeliveryStatusBadge status={d.status} />
              <Text size="xs" c="dimmed">
                {d.attemptCount} {d.attemptCount === 1 ? "attempt" : "attempts"}
                {d.nextAttemptAt ? ` · next ${formatDateTime(d.nextAttemptAt)}` : ""}
              </Text>
            </Group>
          </Stack>
          {canResend && d.endpointStatus === "enabled" ? (
            <fetcher.Form method="post">
              <input type="hidden" name="intent" value="resend" />
              <input type="hidden" name="deliveryId" value={d.id} />
              <Button type="submit" size="xs" variant="default" loading={fetcher.state !== "idle"}>
                Resend
              </Button>
            </fetcher.Form>
          ) : null}
        </Group>
        <Attempts attempts={d.attempts} />
      </Stack>
    </Card>
  );
}
