import { Accordion, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { DomainError } from "~/lib/domain-error";
import { getEventDetail } from "~/events/events.server";
import { notFound } from "~/lib/http.server";
import { parseMode, requireProject } from "~/lib/permissions.server";
import { modePermissions, roleCan } from "~/lib/roles";
import { resendDelivery } from "~/webhooks/deliveries.server";
import { DeliveryStatusBadge, JsonBlock } from "~/webhooks/ui";
import { formatDateTime } from "~/ui/format";
import { FormMessages } from "~/ui/form-messages";
import { BackLink } from "~/ui/record-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Event · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  let detail;
  try {
    detail = await getEventDetail(ctx, params.eventId ?? "");
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound("We couldn't find that event.");
    throw error;
  }
  const { event, deliveries } = detail;
  return {
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    canResend: roleCan(ctx.role, modePermissions.manageWebhooks(ctx.mode)) && roleCan(ctx.role, { webhook: ["read"] }),
    canSeeEndpoints: roleCan(ctx.role, { webhook: ["read"] }),
    event: {
      id: event.id,
      type: event.type,
      isTest: event.isTest,
      orderId: event.orderId,
      sessionId: event.sessionId,
      sequence: event.sequence,
      payload: event.payload,
      createdAt: event.createdAt.toISOString(),
    },
    deliveries: deliveries.map((d) => ({
      id: d.id,
      endpointId: d.endpointId,
      endpointUrl: d.endpointUrl,
      endpointStatus: d.endpointStatus,
      status: d.status,
      attemptCount: d.attemptCount,
      nextAttemptAt: d.status === "retrying" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
      attempts: d.attempts.map((a) => ({
        id: a.id,
        attemptNumber: a.attemptNumber,
        trigger: a.trigger,
        requestHeaders: a.requestHeaders,
        requestBody: a.requestBody,
        responseStatus: a.responseStatus,
        responseBodyExcerpt: a.responseBodyExcerpt,
        latencyMs: a.latencyMs,
        error: a.error,
        createdAt: a.createdAt.toISOString(),
      })),
    })),
  };
}

type ActionResult = { error?: string; success?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProject(request, params, modePermissions.manageWebhooks(parseMode(params.mode)));
  const form = await request.formData();
  try {
    // The delivery must belong to this event (and so to this project and mode).
    const detail = await getEventDetail(ctx, params.eventId ?? "");
    const deliveryId = String(form.get("deliveryId") ?? "");
    if (!detail.deliveries.some((d) => d.id === deliveryId)) notFound("We couldn't find that delivery.");
    await resendDelivery(ctx, deliveryId);
    return data<ActionResult>({ success: "Resend queued: the new attempt appears here in a moment." });
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "NOT_FOUND") notFound("We couldn't find that event.");
      return data<ActionResult>({ error: error.message });
    }
    throw error;
  }
}

function attemptLabel(a: { responseStatus: number | null; error: string | null }) {
  if (!a.error) return `HTTP ${a.responseStatus}`;
  return a.responseStatus ? `HTTP ${a.responseStatus}` : a.error;
}

export default function EventDetail() {
  const { event, deliveries, base, canResend, canSeeEndpoints } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  return (
    <Stack>
      <BackLink to={`${base}/events`} label="Events" />
      <Stack gap={4}>
        <Group gap="xs">
          <Title order={2}>{event.type}</Title>
          {event.isTest ? <Badge variant="outline" color="gray">test event</Badge> : null}
        </Group>
        <Text size="sm" c="dimmed" data-testid="event-id">
          {event.id} · {formatDateTime(event.createdAt)}
          {event.sequence ? ` · sequence ${event.sequence}` : ""}
        </Text>
        {event.orderId || event.sessionId ? (
          <Text size="sm">
            About{" "}
            <Anchor component={Link} to={`${base}/events?object=${event.orderId ?? event.sessionId}`} size="sm">
              {event.orderId ?? event.sessionId}
            </Anchor>{" "}
            (its other events)
          </Text>
        ) : null}
      </Stack>
      <FormMessages error={fetcher.data?.error} success={fetcher.data?.success} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder>
          <JsonBlock value={event.payload} label="Payload" maxHeight={560} />
        </Card>
        <Stack gap="md">
          <Title order={3} size="h4">
            Deliveries
          </Title>
          {deliveries.length === 0 ? (
            <Card withBorder>
              <Text size="sm" c="dimmed" data-testid="no-deliveries">
                No endpoint of this project and mode wanted this event when it happened.
              </Text>
            </Card>
          ) : null}
          {deliveries.map((d) => (
            <Card withBorder key={d.id} data-testid="delivery-card">
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
                      <input type="hidden" name="deliveryId" value={d.id} />
                      <Button type="submit" size="xs" variant="default" loading={fetcher.state !== "idle"}>
                        Resend
                      </Button>
                    </fetcher.Form>
                  ) : null}
                </Group>
                {d.attempts.length ? (
                  <Accordion variant="contained" chevronPosition="left">
                    {d.attempts.map((a) => (
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
                            <JsonBlock value={a.responseBodyExcerpt ?? ""} label={`Response${a.responseStatus ? ` (HTTP ${a.responseStatus})` : ""}, first 4 KB`} maxHeight={200} />
                          </Stack>
                        </Accordion.Panel>
                      </Accordion.Item>
                    ))}
                  </Accordion>
                ) : (
                  <Text size="xs" c="dimmed">
                    Not attempted yet.
                  </Text>
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
