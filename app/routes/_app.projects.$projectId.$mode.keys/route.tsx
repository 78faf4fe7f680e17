/** API keys of a project and mode: list, create (secret or restricted), reveal (test), roll, edit IP allowlists, revoke. */
import { Button, Card, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { z } from "zod";
import { createSecretKey, listKeysForConsole, revealTestSecretKey, revokeApiKey, rollApiKey, updateKeyAllowlist } from "~/keys/lifecycle.server";
import { allowlistSchema, createKeySchema, rollKeySchema } from "~/keys/schemas";
import { done, projectActions, projectIntent } from "~/lib/actions.server";
import { requireProject } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { keyActivity } from "~/request-logs/list.server";
import { FormMessages } from "~/ui/form-messages";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";
import { KeyDialogs, NewKeyModal, type KeyDialog } from "./key-dialogs";
import { KeysTable, KeyWarnings } from "./keys-table";

export const meta: MetaFunction = () => [{ title: "API keys · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { apiKey: ["read"] });
  const keys = await listKeysForConsole(ctx);
  const activity = roleCan(ctx.role, { requestLog: ["read"] })
    ? await keyActivity(
        ctx,
        keys.map((k) => k.id),
      )
    : {};
  return {
    mode: ctx.mode,
    // The Logs link of each key's last 24 h (the window worked out here, so server and browser agree).
    logs: `/projects/${ctx.projectId}/${ctx.mode}/logs?created[gte]=${Math.floor(Date.now() / 1000) - 86_400}`,
    keys: keys.map((k) => ({ ...k, requests24h: activity[k.id]?.requests24h ?? null, lastIp: k.lastUsedIp ?? activity[k.id]?.lastIp ?? null })),
    can: {
      create: roleCan(ctx.role, { apiKey: ["create"] }),
      roll: roleCan(ctx.role, { apiKey: ["roll"] }),
      // Changing an existing key's allowlist is a change to the key, like rolling it.
      editAllowlist: roleCan(ctx.role, { apiKey: ["roll"] }),
      revoke: roleCan(ctx.role, { apiKey: ["revoke"] }),
      reveal: roleCan(ctx.role, { testSecretKey: ["reveal"] }),
    },
  };
}

/** A key's plaintext for this one response (never in a loader, never in a URL). */
export interface NewKey {
  token: string;
  label: string | null;
  kind: "publishable" | "secret" | "restricted";
  oldKeyExpiresAt?: string;
}

const keyIdSchema = z.object({ keyId: z.string().min(1) });

// Built per request: at module scope the call would run in the browser bundle too (app/lib/actions.server.ts).
export const action = (args: ActionFunctionArgs) =>
  projectActions({
    create: projectIntent({
      permission: { apiKey: ["create"] },
      schema: createKeySchema,
      run: async (ctx, input) => {
        const created = await createSecretKey(ctx, input);
        return done<NewKey>(undefined, { token: created.token, label: created.label, kind: created.kind });
      },
    }),
    allowlist: projectIntent({
      permission: { apiKey: ["roll"] },
      schema: allowlistSchema,
      run: async (ctx, input) => {
        await updateKeyAllowlist(ctx, input.keyId, input.allowedIps ?? []);
        return done(input.allowedIps?.length ? "IP allowlist saved." : "IP allowlist removed: the key accepts requests from any address.");
      },
    }),
    roll: projectIntent({
      permission: { apiKey: ["roll"] },
      schema: rollKeySchema,
      run: async (ctx, input) => {
        const rolled = await rollApiKey(ctx, input.keyId, Number(input.graceSeconds));
        return done<NewKey>(undefined, { token: rolled.token, label: null, kind: rolled.kind, oldKeyExpiresAt: rolled.oldKeyExpiresAt });
      },
    }),
    reveal: projectIntent({
      permission: { testSecretKey: ["reveal"] },
      schema: keyIdSchema,
      run: async (ctx, { keyId }) => done(undefined, { keyId, token: await revealTestSecretKey(ctx, keyId) }),
    }),
    revoke: projectIntent({
      permission: { apiKey: ["revoke"] },
      schema: keyIdSchema,
      run: async (ctx, { keyId }) => {
        await revokeApiKey(ctx, keyId);
        return done("Key revoked.");
      },
    }),
  })(args);

export type KeyRow = ReturnType<typeof useLoaderData<typeof loader>>["keys"][number];

export default function ApiKeys() {
  const { keys, mode, can, logs } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const [dialog, setDialog] = useState<KeyDialog>(null);
  const [secret, setSecret] = useState<NewKey | null>(null);
  // A successful action closes its dialog; a new key opens the show-once dialog.
  const outcome = useActionResult(fetcher.data, {
    onSuccess: (result) => {
      setDialog(null);
      if (result.intent === "create" || result.intent === "roll") setSecret(result.data);
    },
  });

  const liveNote = mode === "live" ? " Live secret keys are shown once, when created." : "";
  return (
    <Stack>
      <PageHeader
        title="API keys"
        description={`Publishable keys (pk_${mode}_…) identify your project in the browser; secret keys (sk_${mode}_…) authenticate your backend, restricted keys (rk_${mode}_…) too, with only the permissions you choose. Never put a secret or restricted key in client code.${liveNote}`}
        actions={
          can.create ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ type: "create" })}>
              Create secret key
            </Button>
          ) : null
        }
      />
      {outcome.formError && !dialog ? <FormMessages error={outcome.formError} /> : null}
      <KeyWarnings keys={keys} />
      <Card withBorder padding={0}>
        <KeysTable keys={keys} can={can} onDialog={setDialog} logs={logs} />
      </Card>
      <KeyDialogs dialog={dialog} fetcher={fetcher} onClose={() => setDialog(null)} />
      <NewKeyModal secret={secret} mode={mode} onClose={() => setSecret(null)} />
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
