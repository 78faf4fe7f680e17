/** A project's gateways per mode: which ones quote, in what order, and (live) the partner's own credentials. */
import { Anchor, Box, Card, Divider, Group, Stack, Text, VisuallyHidden } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { gatewayById } from "~/gateways/catalogue";
import { liveGateway } from "~/gateways/adapters";
import { listGatewayCallbacks, liveCallbackUrl, testGatewayConnection } from "~/gateways/connections.server";
import {
  clearLiveCredentials,
  credentialFieldsFor,
  listGatewaySettings,
  moveGateway,
  setCallbackSecret,
  setGatewayEnabled,
  setLiveCredentials,
} from "~/gateways/settings.server";
import { done, projectActions, projectIntent } from "~/lib/actions.server";
import { requireProject } from "~/lib/permissions.server";
import { roleCan, type Permission } from "~/lib/roles";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { GatewayNotes } from "./gateway-notes";
import { GatewayRow } from "./gateway-row";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Gateways · ${data?.project.name ?? "Project"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] });
  const canUpdate = roleCan(ctx.role, { gateway: ["update"] });
  const gateways = await listGatewaySettings(ctx);
  const live = ctx.mode === "live";
  // Live: each gateway's connection and the callbacks it sent (no secret in either).
  const callbacks = live ? await Promise.all(gateways.map((g) => listGatewayCallbacks(ctx, g.gatewayId, 5))) : [];
  return {
    project: { id: ctx.project.id, name: ctx.project.name },
    mode: ctx.mode,
    canUpdate,
    gateways: gateways.map((g) => ({
      gatewayId: g.gatewayId,
      name: g.name,
      enabled: g.enabled,
      priority: g.priority,
      hasCredentials: g.hasCredentials,
      // Even the masked hint is for those who manage credentials; support never sees secrets.
      credentialsHint: canUpdate ? g.credentialsHint : null,
      callbackSecretHint: canUpdate ? g.callbackSecretHint : null,
      live: live
        ? {
            integrated: liveGateway(g.gatewayId) !== null,
            fields: credentialFieldsFor(g.gatewayId).map((f) => ({ name: f.name, label: f.label, secret: f.secret, help: f.help ?? null })),
            callbackUrl: liveCallbackUrl(g.gatewayId, ctx.projectId),
            connection: g.connection,
            lastError: g.lastError,
            lastCheckedAt: g.lastCheckedAt?.toISOString() ?? null,
            callbacks: callbacks[gateways.indexOf(g)]!.map((c) => ({ ...c, receivedAt: c.receivedAt.toISOString() })),
          }
        : null,
    })),
  };
}

export type GatewaySettingRow = ReturnType<typeof useLoaderData<typeof loader>>["gateways"][number];

const UPDATE: Permission = { gateway: ["update"] };
const gatewayForm = z.object({ gatewayId: z.string() });
// Messages name the gateway; an unknown id never gets this far (the domain answers NOT_FOUND).
const nameOf = (gatewayId: string) => gatewayById(gatewayId)?.name ?? gatewayId;

function toggleIntent(enabled: boolean) {
  return projectIntent({
    permission: UPDATE,
    schema: gatewayForm,
    run: async (ctx, { gatewayId }) => {
      await setGatewayEnabled(ctx, gatewayId, enabled);
      return done(`${nameOf(gatewayId)} ${enabled ? "enabled" : "disabled"} in ${ctx.mode} mode.`);
    },
  });
}

function moveIntent(direction: "up" | "down") {
  return projectIntent({
    permission: UPDATE,
    schema: gatewayForm,
    run: async (ctx, { gatewayId }) => {
      const list = await moveGateway(ctx, gatewayId, direction);
      const position = list.find((g) => g.gatewayId === gatewayId)!.priority;
      return done(`${nameOf(gatewayId)} is now number ${position} of ${list.length}.`);
    },
  });
}

// A function, not a call at module scope: Remix drops the `action` export from the browser
// bundle, but a module-scope call would still run there, against the empty .server stub.
export const action = (args: ActionFunctionArgs) =>
  projectActions({
    enable: toggleIntent(true),
    disable: toggleIntent(false),
    "move-up": moveIntent("up"),
    "move-down": moveIntent("down"),
    "set-credentials": projectIntent({
      permission: UPDATE,
      schema: gatewayForm,
      // The fields are the gateway's adapter's (credentialFields); the domain validates each.
      run: async (ctx, { gatewayId }, formData) => {
        const values = Object.fromEntries(credentialFieldsFor(gatewayId).map((f) => [f.name, formData.get(f.name) ?? undefined]));
        const { hint, replaced } = await setLiveCredentials(ctx, gatewayId, values);
        return done(`${replaced ? "New" : ""} ${nameOf(gatewayId)} credentials saved (${hint}). Run Test connection next.`.trim());
      },
    }),
    "set-callback-secret": projectIntent({
      permission: UPDATE,
      schema: gatewayForm.extend({ callbackSecret: z.string().optional() }),
      run: async (ctx, { gatewayId, callbackSecret }) => {
        const { hint } = await setCallbackSecret(ctx, gatewayId, callbackSecret ?? "");
        return done(`${nameOf(gatewayId)} callback secret saved (${hint}).`);
      },
    }),
    "test-connection": projectIntent({
      permission: UPDATE,
      schema: gatewayForm,
      run: async (ctx, { gatewayId }) => {
        const result = await testGatewayConnection(ctx, gatewayId);
        return done(result.ok ? result.message : `Test failed: ${result.message}`, result);
      },
    }),
    "clear-credentials": projectIntent({
      permission: UPDATE,
      schema: gatewayForm,
      run: async (ctx, { gatewayId }) => {
        const { disabled } = await clearLiveCredentials(ctx, gatewayId);
        return done(`${nameOf(gatewayId)} credentials removed${disabled ? " and the gateway disabled in live mode" : ""}.`);
      },
    }),
  })(args);

export default function ProjectGateways() {
  const { project, mode, canUpdate, gateways } = useLoaderData<typeof loader>();
  const [announcement, setAnnouncement] = useState("");
  const enabledCount = gateways.filter((g) => g.enabled).length;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Gateways"
        description={`Which gateways quote for ${project.name} in ${mode} mode, and in what order. Quotes are ranked by the crypto the buyer receives after fees; when two are equal, the higher gateway here wins.`}
        actions={
          <Anchor component={Link} to="/gateways" size="sm">
            Compare in the catalogue
          </Anchor>
        }
      />
      <GatewayNotes mode={mode} canUpdate={canUpdate} enabledCount={enabledCount} />
      <Card withBorder padding={0}>
        <Group justify="space-between" px="md" py="sm" gap="xs">
          <Text size="sm" fw={600}>
            Priority order
          </Text>
          <Text size="xs" c="dimmed">
            {enabledCount} of {gateways.length} enabled
          </Text>
        </Group>
        <Divider />
        <Box component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Gateways in priority order">
          {gateways.map((g, index) => (
            <Box component="li" key={g.gatewayId}>
              {index > 0 ? <Divider /> : null}
              <GatewayRow setting={g} index={index} count={gateways.length} mode={mode} canUpdate={canUpdate} announce={setAnnouncement} />
            </Box>
          ))}
        </Box>
      </Card>
      <VisuallyHidden aria-live="polite" role="status" data-testid="gateway-announcement">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
