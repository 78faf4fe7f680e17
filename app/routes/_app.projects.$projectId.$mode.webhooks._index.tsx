import { Alert, Anchor, Button, Card, Checkbox, Code, Modal, MultiSelect, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { IconAlertTriangle, IconPlus, IconWebhook } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { DomainError } from "~/lib/domain-error";
import { parseMode, requireProject } from "~/lib/permissions.server";
import { modePermissions, roleCan } from "~/lib/roles";
import { createEndpoint, endpointHealth, listEndpoints } from "~/webhooks/endpoints.server";
import { EVENT_TYPES } from "~/webhooks/event-types";
import { createEndpointSchema, parseEndpointForm } from "~/webhooks/schemas";
import { DataTable } from "~/ui/data-table";
import { formatDateTime } from "~/ui/format";
import { DialogActions } from "~/ui/dialog-actions";
import { FormMessages } from "~/ui/form-messages";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { EndpointStatus, SigningSecretModal, formatRate } from "~/webhooks/ui";

export const meta: MetaFunction = () => [{ title: "Webhooks · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { webhook: ["read"] });
  const endpoints = await listEndpoints(ctx);
  const health = await endpointHealth(ctx, endpoints);
  return {
    mode: ctx.mode,
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    can: { manage: roleCan(ctx.role, modePermissions.manageWebhooks(ctx.mode)) },
    endpoints: endpoints.map((e) => {
      const h = health.get(e.id)!;
      return {
        id: e.id,
        url: e.url,
        description: e.description,
        enabledEvents: e.enabledEvents,
        status: e.status,
        disabledReason: e.disabledReason,
        flagged: h.flagged,
        successRate: h.successRate24h,
        attempts24h: h.attempts24h,
        lastFailureAt: h.lastFailureAt?.toISOString() ?? null,
        lastFailureMessage: h.lastFailureMessage,
        createdAt: e.createdAt.toISOString(),
      };
    }),
  };
}

type ActionResult = { error?: string; fieldErrors?: Record<string, string>; created?: { id: string; secret: string } };
const noStore = { headers: { "Cache-Control": "no-store" } };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProject(request, params, modePermissions.manageWebhooks(parseMode(params.mode)));
  const form = await request.formData();
  const parsed = parseEndpointForm(createEndpointSchema, form);
  if (!parsed.success) return data<ActionResult>({ fieldErrors: parsed.fieldErrors }, noStore);
  try {
    const { endpoint, secret } = await createEndpoint(ctx, parsed.data);
    return data<ActionResult>({ created: { id: endpoint.id, secret } }, noStore);
  } catch (error) {
    if (error instanceof DomainError) return data<ActionResult>({ fieldErrors: { url: error.details?.[0]?.message ?? error.message } }, noStore);
    throw error;
  }
}

function EventsCell({ events }: { events: string[] }) {
  if (events.includes("*")) return <Text size="sm">All events</Text>;
  return (
    <Text size="sm" title={events.join(", ")}>
      {events.length === 1 ? events[0] : `${events.length} event types`}
    </Text>
  );
}

export default function Webhooks() {
  const { endpoints, mode, can, base } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [allEvents, setAllEvents] = useState(true);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const result = fetcher.data;

  useEffect(() => {
    if (fetcher.state === "idle" && result?.created) {
      setCreating(false);
      setSecret(result.created);
    }
  }, [fetcher.state, result]);

  return (
    <Stack>
      <PageHeader
        title="Webhooks"
        description={`Endpoints that receive this project's ${mode}-mode events, signed per Standard Webhooks. Failed deliveries are retried for about a day; every attempt is logged.`}
        actions={
          can.manage ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Add endpoint
            </Button>
          ) : null
        }
      />
      {endpoints.some((e) => e.flagged) ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="An endpoint is failing">
          Every delivery to it has failed for over an hour. After 5 days of failures it is disabled.
        </Alert>
      ) : null}
      <Card withBorder padding={0}>
        <DataTable
          rows={endpoints}
          columns={[
            {
              header: "Endpoint",
              maw: 360,
              cell: (e) => (
                <>
                  <Anchor component={Link} to={`${base}/webhooks/${e.id}`} fw={600} size="sm" style={{ overflowWrap: "anywhere" }} onClick={(event) => event.stopPropagation()}>
                    {e.url}
                  </Anchor>
                  {e.description ? (
                    <Text size="xs" c="dimmed">
                      {e.description}
                    </Text>
                  ) : null}
                </>
              ),
            },
            { header: "Events", cell: (e) => <EventsCell events={e.enabledEvents} /> },
            { header: "Status", cell: (e) => <EndpointStatus status={e.status} flagged={e.flagged} /> },
            {
              header: "Success (24 h)",
              cell: (e) => (
                <>
                  <Text size="sm">{formatRate(e.successRate)}</Text>
                  <Text size="xs" c="dimmed">
                    {e.attempts24h} attempts
                  </Text>
                </>
              ),
            },
            {
              header: "Last failure",
              maw: 260,
              cell: (e) =>
                e.lastFailureAt ? (
                  <>
                    <Text size="sm">{formatDateTime(e.lastFailureAt)}</Text>
                    <Text size="xs" c="dimmed" lineClamp={1} title={e.lastFailureMessage ?? ""}>
                      {e.lastFailureMessage}
                    </Text>
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    None
                  </Text>
                ),
            },
          ]}
          minWidth={860}
          verticalSpacing="sm"
          horizontalSpacing="md"
          highlightOnHover
          nowrap={false}
          testId="endpoints-table"
          rowTestId="endpoint-row"
          rowProps={(e) => ({ style: { cursor: "pointer" }, onClick: () => navigate(`${base}/webhooks/${e.id}`) })}
          empty={
            <Stack align="center" gap="xs" p="xl" data-testid="webhooks-empty">
              <IconWebhook size={32} stroke={1.5} />
              <Text fw={600}>No endpoints yet</Text>
              <Text size="sm" c="dimmed" ta="center" maw={420}>
                Add the URL of your backend to receive order and session events as they happen{can.manage ? "." : ". Ask an admin to add one."}
              </Text>
            </Stack>
          }
        />
      </Card>

      <Modal opened={creating} onClose={() => setCreating(false)} title="Add a webhook endpoint" size="lg">
        <fetcher.Form method="post">
          <Stack>
            <TextInput
              name="url"
              label="Endpoint URL"
              placeholder="https://yoursite.com/webhooks/ramp"
              required
              data-autofocus
              description={mode === "live" ? "Live endpoints must resolve to public addresses." : "Test endpoints may point at localhost while you develop."}
              error={result?.fieldErrors?.url}
            />
            <Textarea name="description" label="Description" placeholder="Order updates for the game backend" autosize minRows={1} error={result?.fieldErrors?.description} />
            <Checkbox name="allEvents" label="Send every event type" checked={allEvents} onChange={(e) => setAllEvents(e.currentTarget.checked)} />
            {allEvents ? null : (
              <MultiSelect
                name="enabledEvents"
                label="Event types"
                placeholder="Choose event types"
                data={[...EVENT_TYPES]}
                searchable
                comboboxProps={{ withinPortal: true }}
                error={result?.fieldErrors?.enabledEvents}
              />
            )}
            <FormMessages error={result?.error ?? result?.fieldErrors?.form} />
            <DialogActions submit="Add endpoint" loading={fetcher.state !== "idle"} onCancel={() => setCreating(false)} />
          </Stack>
        </fetcher.Form>
      </Modal>

      <SigningSecretModal
        secret={secret?.secret ?? null}
        mode={mode}
        onClose={() => {
          const id = secret?.id;
          setSecret(null);
          if (id) navigate(`${base}/webhooks/${id}`);
        }}
      />
      <Text size="xs" c="dimmed">
        Verify signatures with the <Code>standardwebhooks</Code> library and your endpoint&apos;s secret; the events are also in the <Anchor component={Link} to={`${base}/events`} size="xs">event log</Anchor>.
      </Text>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
