/** One webhook endpoint: its health, signing secret and delivery log; edit, pause, roll, resend, test, delete. */
import { Stack } from "@mantine/core";
import { redirect, type LoaderFunctionArgs, type MetaFunction, type ActionFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { done, orErrorPage, projectActions, projectIntent } from "~/lib/actions.server";
import { parseMode, requireProject } from "~/lib/permissions.server";
import { modePermissions, roleCan, type Permission } from "~/lib/roles";
import { formatDateTime } from "~/ui/format";
import { FormMessages } from "~/ui/form-messages";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";
import { resendDelivery, resendFailedSince, sendTestEvent } from "~/webhooks/deliveries.server";
import { deleteEndpoint, revealSecret, rollSecret, updateEndpoint } from "~/webhooks/endpoints.server";
import { endpointView } from "~/webhooks/endpoint-view.server";
import { endpointForm, resendFailedSchema, rollSecretFormSchema, testEventSchema, updateEndpointSchema } from "~/webhooks/schemas";
import { WebhookCodeSamples } from "~/webhooks/code-samples";
import { SigningSecretModal } from "~/webhooks/ui";
import { DeliveriesLog } from "./deliveries-log";
import { EndpointDialogs, type EndpointDialog } from "./endpoint-dialogs";
import { EndpointHeader } from "./endpoint-header";
import { EndpointHealth } from "./endpoint-health";

export const meta: MetaFunction = () => [{ title: "Webhook endpoint · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { webhook: ["read"] });
  const view = await orErrorPage(endpointView(ctx, params.endpointId ?? "", new URL(request.url).searchParams));
  return {
    ...view,
    mode: ctx.mode,
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    can: {
      manage: roleCan(ctx.role, modePermissions.manageWebhooks(ctx.mode)),
      sendTest: roleCan(ctx.role, { webhook: ["sendTestEvent"] }),
    },
  };
}

export type EndpointView = ReturnType<typeof useLoaderData<typeof loader>>;

const manage = (params: { mode?: string }): Permission => modePermissions.manageWebhooks(parseMode(params.mode));
const endpointId = (params: { endpointId?: string }) => params.endpointId ?? "";

export const action = (args: ActionFunctionArgs) =>
  projectActions({
    test: projectIntent({
      permission: { webhook: ["sendTestEvent"] },
      schema: testEventSchema,
      run: async (ctx, { type }) => {
        const sent = await sendTestEvent(ctx, endpointId(args.params), type);
        return done(`Test ${type} event ${sent.id} queued.`);
      },
    }),
    update: projectIntent({
      permission: manage,
      schema: endpointForm(updateEndpointSchema),
      run: async (ctx, input) => {
        await updateEndpoint(ctx, endpointId(args.params), input);
        return done("Endpoint saved.");
      },
    }),
    enable: projectIntent({
      permission: manage,
      run: async (ctx) => {
        await updateEndpoint(ctx, endpointId(args.params), { status: "enabled" });
        return done("Deliveries resumed.");
      },
    }),
    disable: projectIntent({
      permission: manage,
      run: async (ctx) => {
        await updateEndpoint(ctx, endpointId(args.params), { status: "disabled" });
        return done("Deliveries paused.");
      },
    }),
    delete: projectIntent({
      permission: manage,
      run: async (ctx) => {
        await deleteEndpoint(ctx, endpointId(args.params));
        throw redirect(`/projects/${ctx.projectId}/${ctx.mode}/webhooks`);
      },
    }),
    // The signing secret is in this one answer only (never in a loader, never in a URL).
    roll: projectIntent({
      permission: manage,
      schema: rollSecretFormSchema,
      run: async (ctx, { graceHours }) => {
        const rolled = await rollSecret(ctx, endpointId(args.params), graceHours);
        return done(undefined, { secret: rolled.secret, oldSecretUntil: rolled.endpoint.previousSecretExpiresAt?.toISOString() ?? null });
      },
    }),
    reveal: projectIntent({
      permission: manage,
      run: async (ctx) => done(undefined, { secret: await revealSecret(ctx, endpointId(args.params)), oldSecretUntil: null }),
    }),
    resend: projectIntent({
      permission: manage,
      schema: z.object({ deliveryId: z.string().min(1) }),
      run: async (ctx, { deliveryId }) => {
        await resendDelivery(ctx, deliveryId);
        return done("Resend queued.");
      },
    }),
    resendFailed: projectIntent({
      permission: manage,
      schema: resendFailedSchema,
      run: async (ctx, { sinceHours }) => {
        const count = await resendFailedSince(ctx, endpointId(args.params), new Date(Date.now() - sinceHours * 3600_000));
        return done(count ? `${count} failed ${count === 1 ? "delivery" : "deliveries"} queued again.` : "No failed deliveries in that period.");
      },
    }),
  })(args);

export default function WebhookEndpoint() {
  const view = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const [dialog, setDialog] = useState<EndpointDialog>(null);
  const [secret, setSecret] = useState<{ value: string; note?: string } | null>(null);
  // A successful action closes its dialog; a rolled or revealed secret opens the show-once dialog.
  const outcome = useActionResult(fetcher.data, {
    onSuccess: (result) => {
      setDialog(null);
      if (result.intent !== "roll" && result.intent !== "reveal") return;
      const until = result.data.oldSecretUntil;
      setSecret({ value: result.data.secret, note: until ? `The old secret also signs until ${formatDateTime(until)}.` : undefined });
    },
  });
  const submit = (intent: string) => fetcher.submit({ intent }, { method: "post" });
  return (
    <Stack>
      <EndpointHeader view={view} onDialog={setDialog} onToggle={submit} />
      {outcome.formError && !dialog ? <FormMessages error={outcome.formError} /> : null}
      <EndpointHealth view={view} revealing={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "reveal"} onReveal={() => submit("reveal")} />
      <DeliveriesLog view={view} fetcher={fetcher} />
      <WebhookCodeSamples />
      <EndpointDialogs dialog={dialog} endpoint={view.endpoint} fetcher={fetcher} onClose={() => setDialog(null)} />
      <SigningSecretModal secret={secret?.value ?? null} mode={view.mode} note={secret?.note} onClose={() => setSecret(null)} />
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
