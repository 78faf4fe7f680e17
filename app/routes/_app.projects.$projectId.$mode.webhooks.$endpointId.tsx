import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { IconAlertTriangle, IconArrowLeft, IconDots, IconPlayerPause, IconPlayerPlay, IconRefresh, IconSend, IconTrash } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { DomainError } from "~/lib/domain-error";
import { notFound } from "~/lib/http.server";
import { parseMode, requireProject } from "~/lib/permissions.server";
import { modePermissions, roleCan } from "~/lib/roles";
import { listDeliveries, resendDelivery, resendFailedSince, sendTestEvent } from "~/webhooks/deliveries.server";
import { deleteEndpoint, endpointHealth, getEndpoint, revealSecret, rollSecret, updateEndpoint } from "~/webhooks/endpoints.server";
import { DELIVERY_STATUSES, EVENT_TYPES, isDeliveryStatus, isEventType } from "~/webhooks/event-types";
import { parseEndpointForm, SECRET_GRACE_HOURS, updateEndpointSchema } from "~/webhooks/schemas";
import { DeliveryStatusBadge, EndpointStatus, EventCell, EventTypeSelect, LogTableCard, SigningSecretModal, formatRate } from "~/webhooks/ui";
import { FilterForm } from "~/ui/filter-form";
import { formatDateTime } from "~/ui/format";
import { DialogActions } from "~/ui/dialog-actions";
import { FormMessages } from "~/ui/form-messages";
import { RouteErrorPage } from "~/ui/route-error";
import { RevealButton } from "~/ui/show-once-secret";

export const meta: MetaFunction = () => [{ title: "Webhook endpoint · Ramp" }];

async function endpointOr404(ctx: Parameters<typeof getEndpoint>[0], id: string) {
  try {
    return await getEndpoint(ctx, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound("We couldn't find that webhook endpoint.");
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { webhook: ["read"] });
  const endpoint = await endpointOr404(ctx, params.endpointId ?? "");
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const type = url.searchParams.get("type");
  const page = await listDeliveries(ctx, endpoint.id, {
    status: isDeliveryStatus(status) ? status : null,
    eventType: isEventType(type) ? type : null,
    after: url.searchParams.get("after"),
    before: url.searchParams.get("before"),
  });
  const health = (await endpointHealth(ctx, [endpoint])).get(endpoint.id)!;
  return {
    mode: ctx.mode,
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    can: {
      manage: roleCan(ctx.role, modePermissions.manageWebhooks(ctx.mode)),
      sendTest: roleCan(ctx.role, { webhook: ["sendTestEvent"] }),
    },
    endpoint: {
      id: endpoint.id,
      url: endpoint.url,
      description: endpoint.description,
      enabledEvents: endpoint.enabledEvents,
      status: endpoint.status,
      disabledReason: endpoint.disabledReason,
      disabledAt: endpoint.disabledAt?.toISOString() ?? null,
      failingSince: endpoint.failingSince?.toISOString() ?? null,
      previousSecretExpiresAt: endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? endpoint.previousSecretExpiresAt.toISOString() : null,
      createdAt: endpoint.createdAt.toISOString(),
    },
    health: { ...health, lastFailureAt: health.lastFailureAt?.toISOString() ?? null },
    deliveries: page.rows.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      status: d.status,
      attemptCount: d.attemptCount,
      lastResponseStatus: d.lastResponseStatus,
      lastError: d.lastError,
      nextAttemptAt: d.status === "retrying" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
      createdAt: d.createdAt.toISOString(),
    })),
    hasNewer: page.hasNewer,
    hasOlder: page.hasOlder,
  };
}

type ActionResult = {
  intent: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  success?: string;
  /** A signing secret for this one response (never in a loader, never in a URL). */
  secret?: string;
  oldSecretUntil?: string | null;
};
const noStore = { headers: { "Cache-Control": "no-store" } };

export async function action({ request, params }: ActionFunctionArgs) {
  const mode = parseMode(params.mode);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const endpointId = params.endpointId ?? "";
  const reply = (result: Omit<ActionResult, "intent">) => data<ActionResult>({ intent, ...result }, noStore);
  try {
    if (intent === "test") {
      const ctx = await requireProject(request, params, { webhook: ["sendTestEvent"] });
      const type = String(form.get("type"));
      if (!isEventType(type)) return reply({ fieldErrors: { type: "Choose an event type." } });
      const sent = await sendTestEvent(ctx, endpointId, type);
      return reply({ success: `Test ${type} event ${sent.id} queued.` });
    }
    const ctx = await requireProject(request, params, modePermissions.manageWebhooks(mode));
    if (intent === "update") {
      const parsed = parseEndpointForm(updateEndpointSchema, form);
      if (!parsed.success) return reply({ fieldErrors: parsed.fieldErrors });
      await updateEndpoint(ctx, endpointId, parsed.data);
      return reply({ success: "Endpoint saved." });
    }
    if (intent === "enable" || intent === "disable") {
      await updateEndpoint(ctx, endpointId, { status: intent === "enable" ? "enabled" : "disabled" });
      return reply({ success: intent === "enable" ? "Deliveries resumed." : "Deliveries paused." });
    }
    if (intent === "delete") {
      await deleteEndpoint(ctx, endpointId);
      throw redirect(`/projects/${ctx.projectId}/${ctx.mode}/webhooks`);
    }
    if (intent === "roll") {
      const graceHours = Number(form.get("graceHours"));
      if (!(SECRET_GRACE_HOURS as readonly number[]).includes(graceHours)) return reply({ fieldErrors: { graceHours: "Choose how long the old secret keeps signing." } });
      const rolled = await rollSecret(ctx, endpointId, graceHours);
      return reply({ secret: rolled.secret, oldSecretUntil: rolled.endpoint.previousSecretExpiresAt?.toISOString() ?? null });
    }
    if (intent === "reveal") {
      return reply({ secret: await revealSecret(ctx, endpointId) });
    }
    if (intent === "resend") {
      await resendDelivery(ctx, String(form.get("deliveryId") ?? ""));
      return reply({ success: "Resend queued." });
    }
    if (intent === "resendFailed") {
      const hours = Number(form.get("sinceHours"));
      if (![1, 6, 24, 72].includes(hours)) return reply({ fieldErrors: { sinceHours: "Choose a period." } });
      const count = await resendFailedSince(ctx, endpointId, new Date(Date.now() - hours * 3600_000));
      return reply({ success: count ? `${count} failed ${count === 1 ? "delivery" : "deliveries"} queued again.` : "No failed deliveries in that period." });
    }
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "NOT_FOUND") notFound("We couldn't find that webhook endpoint.");
      return reply({ error: error.details?.[0]?.message ?? error.message, fieldErrors: error.details?.[0]?.field === "url" ? { url: error.details[0].message } : undefined });
    }
    throw error;
  }
  return reply({ error: "Unknown action." });
}

const GRACE_LABELS: Record<number, string> = { 0: "Stop now", 1: "1 hour", 24: "24 hours", 72: "3 days", 168: "7 days" };

export default function WebhookEndpoint() {
  const { endpoint, health, deliveries, hasNewer, hasOlder, can, mode, base } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const [params] = useSearchParams();
  const [dialog, setDialog] = useState<null | "edit" | "roll" | "delete" | "test" | "resendFailed">(null);
  const [allEvents, setAllEvents] = useState(endpoint.enabledEvents.includes("*"));
  const [secret, setSecret] = useState<{ value: string; note?: string } | null>(null);
  const result = fetcher.data;
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    if (fetcher.state !== "idle" || !result) return;
    if (!result.error && !result.fieldErrors) setDialog(null);
    if (result.secret) {
      setSecret({ value: result.secret, note: result.oldSecretUntil ? `The old secret also signs until ${formatDateTime(result.oldSecretUntil)}.` : undefined });
    }
  }, [fetcher.state, result]);

  const errorFor = (intent: string, field: string) => (result?.intent === intent ? result.fieldErrors?.[field] : undefined);
  const intentForm = (intent: string, extra?: Record<string, string>) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
  const filtered = Boolean(params.get("status") || params.get("type"));

  return (
    <Stack>
      <Anchor component={Link} to={`${base}/webhooks`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Webhooks
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Group gap="xs" wrap="nowrap" align="center">
            <Title order={2} style={{ overflowWrap: "anywhere" }} data-testid="endpoint-url">
              {endpoint.url}
            </Title>
            <EndpointStatus status={endpoint.status} flagged={health.flagged} />
          </Group>
          {endpoint.description ? (
            <Text c="dimmed" size="sm">
              {endpoint.description}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {endpoint.id} · created {formatDateTime(endpoint.createdAt)}
          </Text>
        </Stack>
        <Group gap="sm">
          {can.sendTest && endpoint.status === "enabled" ? (
            <Button leftSection={<IconSend size={16} />} variant="default" onClick={() => setDialog("test")}>
              Send test event
            </Button>
          ) : null}
          {can.manage ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label="Endpoint actions">
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setDialog("edit")}>Edit endpoint…</Menu.Item>
                <Menu.Item leftSection={<IconRefresh size={16} />} onClick={() => setDialog("roll")}>
                  Roll signing secret…
                </Menu.Item>
                <Menu.Item leftSection={<IconSend size={16} />} onClick={() => setDialog("resendFailed")} disabled={endpoint.status !== "enabled"}>
                  Resend failed deliveries…
                </Menu.Item>
                <Menu.Item
                  leftSection={endpoint.status === "enabled" ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
                  onClick={() => fetcher.submit({ intent: endpoint.status === "enabled" ? "disable" : "enable" }, { method: "post" })}
                >
                  {endpoint.status === "enabled" ? "Pause deliveries" : "Resume deliveries"}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog("delete")}>
                  Delete endpoint…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
      </Group>

      {result && !dialog ? <FormMessages error={result.error} success={result.success} /> : null}
      {endpoint.status === "disabled" ? (
        <Alert color="gray" variant="light" icon={<IconPlayerPause size={18} />} title="Deliveries are paused">
          {endpoint.disabledReason ?? "Disabled."} {endpoint.disabledAt ? `(${formatDateTime(endpoint.disabledAt)})` : null} New events are not sent to it until it is resumed.
        </Alert>
      ) : health.flagged ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="This endpoint is failing">
          Every delivery has failed since {formatDateTime(endpoint.failingSince)}. Last error: {health.lastFailureMessage}. It is disabled after 5 days of failures.
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Success (24 h)
          </Text>
          <Text size="xl" fw={700} data-testid="success-rate">
            {formatRate(health.successRate24h)}
          </Text>
          <Text size="xs" c="dimmed">
            {health.succeeded24h} of {health.attempts24h} attempts
          </Text>
        </Card>
        <Card withBorder>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Last failure
          </Text>
          <Text size="sm" fw={600}>
            {health.lastFailureAt ? formatDateTime(health.lastFailureAt) : "None"}
          </Text>
          {health.lastFailureMessage ? (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {health.lastFailureMessage}
            </Text>
          ) : null}
        </Card>
        <Card withBorder>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Signing secret
          </Text>
          <Group gap={4} wrap="nowrap">
            <Code>whsec_••••••••</Code>
            {mode === "test" && can.manage ? (
              <RevealButton
                tooltip="Reveal test secret"
                label="Reveal signing secret"
                loading={busy && fetcher.formData?.get("intent") === "reveal"}
                onClick={() => fetcher.submit({ intent: "reveal" }, { method: "post" })}
              />
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {endpoint.previousSecretExpiresAt
              ? `Rolled: the old secret also signs until ${formatDateTime(endpoint.previousSecretExpiresAt)}.`
              : mode === "live"
                ? "Shown once when created or rolled."
                : "Verify with the standardwebhooks library."}
          </Text>
        </Card>
      </SimpleGrid>

      <Card withBorder padding="sm">
        <Text size="sm">
          <Text span fw={600}>
            Events:{" "}
          </Text>
          {endpoint.enabledEvents.includes("*") ? "all event types" : endpoint.enabledEvents.join(", ")}
        </Text>
      </Card>

      <Title order={3} size="h4">
        Deliveries
      </Title>
      <FilterForm filtered={filtered}>
        <Select name="status" label="Status" placeholder="Any" clearable data={[...DELIVERY_STATUSES]} defaultValue={params.get("status")} w={160} comboboxProps={{ withinPortal: true }} />
        <EventTypeSelect defaultValue={params.get("type")} />
      </FilterForm>
      <LogTableCard
        rows={deliveries}
        eventType={(d) => d.eventType}
        columns={[
          { header: "Event", cell: (d) => <EventCell href={`${base}/events/${d.eventId}`} type={d.eventType} id={d.eventId} /> },
          {
            header: "Status",
            cell: (d) => (
              <>
                <DeliveryStatusBadge status={d.status} />
                {d.nextAttemptAt ? (
                  <Text size="xs" c="dimmed">
                    next {formatDateTime(d.nextAttemptAt)}
                  </Text>
                ) : null}
              </>
            ),
          },
          { header: "Attempts", cell: (d) => <Text size="sm">{d.attemptCount}</Text> },
          {
            header: "Last answer",
            maw: 240,
            cell: (d) => (
              <Text size="sm" truncate title={d.lastError ?? undefined}>
                {d.lastResponseStatus ? `HTTP ${d.lastResponseStatus}` : d.lastError ? d.lastError : "—"}
              </Text>
            ),
          },
          { header: "Created", cell: (d) => <Text size="sm">{formatDateTime(d.createdAt)}</Text> },
          {
            cell: (d) =>
              can.manage && endpoint.status === "enabled" ? (
                <fetcher.Form method="post">
                  {intentForm("resend", { deliveryId: d.id })}
                  <Button type="submit" size="compact-xs" variant="subtle" aria-label={`Resend ${d.eventType} ${d.eventId}`}>
                    Resend
                  </Button>
                </fetcher.Form>
              ) : null,
          },
        ]}
        testIds={{ table: "deliveries-table", row: "delivery-row", empty: "deliveries-empty" }}
        emptyMessage={filtered ? "No deliveries match these filters." : "No deliveries yet. Send a test event to try the endpoint."}
        hasNewer={hasNewer}
        hasOlder={hasOlder}
      />

      <Modal opened={dialog === "test"} onClose={() => setDialog(null)} title="Send a test event">
        <fetcher.Form method="post">
          {intentForm("test")}
          <Stack>
            <Text size="sm">A signed event with sample data (marked &quot;test&quot;) is sent to this endpoint only.</Text>
            <Select name="type" label="Event type" data={[...EVENT_TYPES]} defaultValue="order.completed" allowDeselect={false} comboboxProps={{ withinPortal: true }} error={errorFor("test", "type")} />
            <FormMessages error={result?.intent === "test" ? result.error : undefined} />
            <DialogActions submit="Send test event" loading={busy} onCancel={() => setDialog(null)} />
          </Stack>
        </fetcher.Form>
      </Modal>

      <Modal opened={dialog === "edit"} onClose={() => setDialog(null)} title="Edit endpoint" size="lg">
        <fetcher.Form method="post">
          {intentForm("update")}
          <Stack>
            <TextInput name="url" label="Endpoint URL" defaultValue={endpoint.url} required error={errorFor("update", "url")} />
            <Textarea name="description" label="Description" defaultValue={endpoint.description ?? ""} autosize minRows={1} error={errorFor("update", "description")} />
            <Checkbox name="allEvents" label="Send every event type" checked={allEvents} onChange={(e) => setAllEvents(e.currentTarget.checked)} />
            {allEvents ? null : (
              <MultiSelect
                name="enabledEvents"
                label="Event types"
                data={[...EVENT_TYPES]}
                defaultValue={endpoint.enabledEvents.filter((e) => e !== "*")}
                searchable
                comboboxProps={{ withinPortal: true }}
                error={errorFor("update", "enabledEvents")}
              />
            )}
            <FormMessages error={result?.intent === "update" ? result.error : undefined} />
            <DialogActions submit="Save" loading={busy} onCancel={() => setDialog(null)} />
          </Stack>
        </fetcher.Form>
      </Modal>

      <Modal opened={dialog === "roll"} onClose={() => setDialog(null)} title="Roll signing secret">
        <fetcher.Form method="post">
          {intentForm("roll")}
          <Stack>
            <Text size="sm">A new secret signs from now on. During the grace period the old one signs too (two signatures in webhook-signature), so you can deploy the new one without failed verifications.</Text>
            <Select
              name="graceHours"
              label="Old secret keeps signing for"
              data={SECRET_GRACE_HOURS.map((h) => ({ value: String(h), label: GRACE_LABELS[h] ?? `${h} hours` }))}
              defaultValue="24"
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              error={errorFor("roll", "graceHours")}
            />
            <FormMessages error={result?.intent === "roll" ? result.error : undefined} />
            <DialogActions submit="Roll secret" loading={busy} onCancel={() => setDialog(null)} />
          </Stack>
        </fetcher.Form>
      </Modal>

      <Modal opened={dialog === "resendFailed"} onClose={() => setDialog(null)} title="Resend failed deliveries">
        <fetcher.Form method="post">
          {intentForm("resendFailed")}
          <Stack>
            <Text size="sm">After an outage on your side: every failed or still-retrying delivery of this endpoint in the period gets one new attempt now.</Text>
            <Select
              name="sinceHours"
              label="Failed in the last"
              data={[
                { value: "1", label: "hour" },
                { value: "6", label: "6 hours" },
                { value: "24", label: "24 hours" },
                { value: "72", label: "3 days" },
              ]}
              defaultValue="24"
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              error={errorFor("resendFailed", "sinceHours")}
            />
            <FormMessages error={result?.intent === "resendFailed" ? result.error : undefined} />
            <DialogActions submit="Resend" loading={busy} onCancel={() => setDialog(null)} />
          </Stack>
        </fetcher.Form>
      </Modal>

      <Modal opened={dialog === "delete"} onClose={() => setDialog(null)} title="Delete endpoint">
        <fetcher.Form method="post">
          {intentForm("delete")}
          <Stack>
            <Text size="sm">
              Deliveries to <Code>{endpoint.url}</Code> stop now, and its delivery log is deleted. The events stay in the event log.
            </Text>
            <DialogActions submit="Delete endpoint" color="red" loading={busy} onCancel={() => setDialog(null)} />
          </Stack>
        </fetcher.Form>
      </Modal>

      <SigningSecretModal secret={secret?.value ?? null} mode={mode} note={secret?.note} onClose={() => setSecret(null)} />
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
