/** One event: its payload, and its delivery to each endpoint with every attempt; Resend for roles that manage webhooks. */
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getEventDetail } from "~/events/events.server";
import { done, orErrorPage, projectActions, projectIntent } from "~/lib/actions.server";
import { parseMode, requireProject } from "~/lib/permissions.server";
import { modePermissions, roleCan } from "~/lib/roles";
import { formatDateTime } from "~/ui/format";
import { FormMessages } from "~/ui/form-messages";
import { BackLink } from "~/ui/record-header";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";
import { resendDelivery } from "~/webhooks/deliveries.server";
import { JsonBlock } from "~/webhooks/ui";
import { DeliveryCard } from "./delivery-card";

export const meta: MetaFunction = () => [{ title: "Event · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const { event, deliveries } = await orErrorPage(getEventDetail(ctx, params.eventId ?? ""));
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

export type EventView = ReturnType<typeof useLoaderData<typeof loader>>;

export const action = (args: ActionFunctionArgs) =>
  projectActions(
    {
      // Also posted from an order's page (app/ui/event-list.tsx), for the deliveries of its events.
      resend: projectIntent({
        permission: (params) => modePermissions.manageWebhooks(parseMode(params.mode)),
        schema: z.object({ deliveryId: z.string().min(1) }),
        run: async (ctx, { deliveryId }) => {
          // The delivery must belong to this event (and so to this project and mode).
          await resendDelivery(ctx, deliveryId, { eventId: args.params.eventId ?? "" });
          return done("Resend queued: the new attempt appears here in a moment.");
        },
      }),
    },
    { defaultIntent: "resend" },
  )(args);

export default function EventDetail() {
  const { event, deliveries, base, canResend, canSeeEndpoints } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const resend = useActionResult(fetcher.data, { intent: "resend" });
  return (
    <Stack>
      <BackLink to={`${base}/events`} label="Events" />
      <Stack gap={4}>
        <Group gap="xs">
          <Title order={2}>{event.type}</Title>
          {event.isTest ? (
            <Badge variant="outline" color="gray">
              test event
            </Badge>
          ) : null}
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
      <FormMessages error={resend.formError} />
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
            <DeliveryCard key={d.id} delivery={d} base={base} canResend={canResend} canSeeEndpoints={canSeeEndpoints} fetcher={fetcher} />
          ))}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
