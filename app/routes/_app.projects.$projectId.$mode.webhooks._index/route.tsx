/** A project's webhook endpoints in one mode: health at a glance, and Add endpoint (its secret shown once). */
import { Alert, Anchor, Button, Card, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { IconAlertTriangle, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { done, projectActions, projectIntent } from "~/lib/actions.server";
import { parseMode, requireProject } from "~/lib/permissions.server";
import { modePermissions, roleCan } from "~/lib/roles";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";
import { createEndpoint, endpointHealth, listEndpoints } from "~/webhooks/endpoints.server";
import { createEndpointSchema, endpointForm } from "~/webhooks/schemas";
import { WebhookCodeSamples } from "~/webhooks/code-samples";
import { SigningSecretModal } from "~/webhooks/ui";
import { AddEndpointDialog } from "./add-endpoint-dialog";
import { EndpointsTable } from "./endpoints-table";

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

export type EndpointListRow = ReturnType<typeof useLoaderData<typeof loader>>["endpoints"][number];

export const action = (args: ActionFunctionArgs) =>
  projectActions(
    {
      create: projectIntent({
        permission: (params) => modePermissions.manageWebhooks(parseMode(params.mode)),
        schema: endpointForm(createEndpointSchema),
        run: async (ctx, input) => {
          const { endpoint, secret } = await createEndpoint(ctx, input);
          // The signing secret for this one response (never in a loader, never in a URL).
          return done(undefined, { id: endpoint.id, secret });
        },
      }),
    },
    { defaultIntent: "create" },
  )(args);

export default function Webhooks() {
  const { endpoints, mode, can, base } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  useActionResult(fetcher.data, {
    intent: "create",
    onSuccess: (result) => {
      setCreating(false);
      setSecret(result.data);
    },
  });

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
        <EndpointsTable endpoints={endpoints} base={base} canManage={can.manage} />
      </Card>
      <AddEndpointDialog opened={creating} mode={mode} fetcher={fetcher} onClose={() => setCreating(false)} />
      <SigningSecretModal
        secret={secret?.secret ?? null}
        mode={mode}
        onClose={() => {
          const id = secret?.id;
          setSecret(null);
          if (id) navigate(`${base}/webhooks/${id}`);
        }}
      />
      <WebhookCodeSamples />
      <Text size="xs" c="dimmed">
        Each event is also in the{" "}
        <Anchor component={Link} to={`${base}/events`} size="xs" underline="always">
          event log
        </Anchor>
        .
      </Text>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
