/**
 * Two-factor set-up: the password, then a QR code (and the secret as text) for the authenticator
 * app, confirmed by its first code; then the backup codes, once. Members of an organization that
 * requires two-factor are sent here before any other console page (requireUser), so this page
 * and its actions are the ones that let them through without it.
 */
import { Alert, Button, Image, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BackupCodes } from "~/account/backup-codes";
import { accountContext } from "~/account/context.server";
import { confirmTwoFactorSetup, startTwoFactorSetup, twoFactorStatus } from "~/account/two-factor.server";
import { defineActions, done, userIntent, type SignedInContext } from "~/lib/actions.server";
import { getDb } from "~/lib/db.server";
import { safeRedirectPath } from "~/lib/http.server";
import { requireUser } from "~/lib/permissions.server";
import { CopyableCode } from "~/ui/copy-button";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";

export const meta: MetaFunction = () => [{ title: "Set up two-factor sign-in · Ramp" }];

const duringSetup = { duringTwoFactorSetup: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, duringSetup);
  const status = await twoFactorStatus(await getDb(), user.id);
  return {
    email: user.email,
    enabled: status.enabled,
    requiredBy: status.requiredBy,
    continueTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), status.requiredBy.length ? "/" : "/settings/account"),
  };
}

export const action = (args: ActionFunctionArgs) =>
  defineActions<SignedInContext, ReturnType<typeof intents>>((request) => requireUser(request, duringSetup), intents(args))(args);

function intents(args: ActionFunctionArgs) {
  return {
    start: userIntent({
      schema: z.object({ password: z.string().min(1, "Enter your password.") }),
      run: async (_ctx, { password }) => done(undefined, await startTwoFactorSetup(args.request.headers, password)),
    }),
    confirm: userIntent({
      schema: z.object({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, "Enter the six-digit code from the app."),
      }),
      run: async ({ user }, { code }) => {
        const ctx = await accountContext(args.request, user);
        const { headers, backupCodes } = await confirmTwoFactorSetup(ctx, args.request.headers, code);
        return { ...done("Two-factor sign-in is on.", { backupCodes }), headers };
      },
    }),
  };
}

export default function TwoFactorSetup() {
  const { email, enabled, requiredBy, continueTo } = useLoaderData<typeof loader>();
  const start = useFetcher<typeof action>({ key: "two-factor-start" });
  const confirm = useFetcher<typeof action>({ key: "two-factor-confirm" });
  const started = useActionResult(start.data, { intent: "start", notify: "none" });
  const confirmed = useActionResult(confirm.data, { intent: "confirm", notify: "none" });
  const secret = started.result?.ok && started.result.intent === "start" ? started.result.data : null;
  const backupCodes = confirmed.result?.ok && confirmed.result.intent === "confirm" ? confirmed.result.data.backupCodes : null;

  const heading = (
    <div>
      <Title order={2}>{enabled && !backupCodes ? "Two-factor sign-in" : "Set up two-factor sign-in"}</Title>
      <Text c="dimmed" size="sm">
        {email}
      </Text>
    </div>
  );

  if (backupCodes) {
    return (
      <Stack>
        {heading}
        <FormMessages success="Two-factor sign-in is on. From now on, signing in asks for a code from your app." />
        <BackupCodes codes={backupCodes} />
        <Button component={Link} to={continueTo} reloadDocument fullWidth>
          Continue
        </Button>
      </Stack>
    );
  }

  if (enabled) {
    return (
      <Stack>
        {heading}
        <Text size="sm">Two-factor sign-in is already on for your account.</Text>
        <Button component={Link} to={continueTo} fullWidth>
          Continue
        </Button>
      </Stack>
    );
  }

  return (
    <Stack>
      {heading}
      {requiredBy.length ? (
        <Alert color="blue" variant="light">
          {requiredBy.join(", ")} requires two-factor sign-in. Set it up to continue.
        </Alert>
      ) : null}
      {secret ? (
        <confirm.Form method="post" noValidate>
          <input type="hidden" name="intent" value="confirm" />
          <Stack>
            <Text size="sm">1. Scan this QR code with an authenticator app (1Password, Google Authenticator, Authy…), or type the key below into it.</Text>
            <Image src={secret.qrCode} alt="QR code for your authenticator app" w={200} h={200} mx="auto" radius="sm" bg="white" />
            <Stack gap={4}>
              <Text size="xs" c="dimmed">
                Key
              </Text>
              <CopyableCode value={secret.secret} label="Copy key" testId="totp-secret" />
            </Stack>
            <Text size="sm">2. Enter the six-digit code the app shows.</Text>
            <FormMessages error={confirmed.formError} />
            <TextInput
              name="code"
              label="Code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder="123456"
              error={confirmed.fieldErrors.code}
              autoFocus
            />
            <Button type="submit" loading={confirm.state !== "idle"} fullWidth>
              Turn on two-factor
            </Button>
          </Stack>
        </confirm.Form>
      ) : (
        <start.Form method="post" noValidate>
          <input type="hidden" name="intent" value="start" />
          <Stack>
            <Text size="sm">
              Each sign-in will ask for a code from an authenticator app on your phone, after your password. Confirm your password to begin.
            </Text>
            <FormMessages error={started.formError} />
            <PasswordInput name="password" label="Password" autoComplete="current-password" error={started.fieldErrors.password} autoFocus />
            <Button type="submit" loading={start.state !== "idle"} fullWidth>
              Continue
            </Button>
          </Stack>
        </start.Form>
      )}
      <Form method="post" action="/logout">
        <Button type="submit" variant="subtle" size="xs" fullWidth>
          Sign out
        </Button>
      </Form>
    </Stack>
  );
}
