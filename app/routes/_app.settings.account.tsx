/** The signed-in person's account: their name, password, two-factor sign-in and signed-in devices. */
import { Button, Card, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { recordAccountAudit } from "~/account/account-audit.server";
import { accountContext } from "~/account/context.server";
import { listDevices, signOutDevice, signOutOtherDevices } from "~/account/devices.server";
import { DevicesCard, TwoFactorCard } from "~/account/account-cards";
import { disableTwoFactor, regenerateBackupCodes, twoFactorStatus } from "~/account/two-factor.server";
import { done, userActions, userIntent } from "~/lib/actions.server";
import { getDb } from "~/lib/db.server";
import { actorFrom, listMemberships, requireUser } from "~/lib/permissions.server";
import { changePassword, updateProfile } from "~/orgs/account.server";
import { leaveOrganization } from "~/orgs/orgs.server";
import { YourOrganizationsCard } from "~/orgs/your-organizations-card";
import { passwordChangeSchema, profileSchema } from "~/orgs/schemas";
import { z } from "zod";
import { FormMessages } from "~/ui/form-messages";
import { IntentFormCard } from "~/ui/intent-form-card";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";

export const meta: MetaFunction = () => [{ title: "Your account · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireUser(request);
  const ctx = await accountContext(request, user);
  const [twoFactor, devices, memberships] = await Promise.all([
    twoFactorStatus(ctx.db, user.id),
    listDevices(ctx, sessionId),
    listMemberships(await getDb(), user.id),
  ]);
  return {
    user,
    twoFactor,
    devices: devices.map((d) => ({ ...d, lastActiveAt: d.lastActiveAt.toISOString(), signedInAt: d.signedInAt.toISOString() })),
    memberships,
  };
}

const confirmPasswordSchema = z.object({ password: z.string().min(1, "Enter your password.") });

export const action = (args: ActionFunctionArgs) =>
  userActions({
    profile: userIntent({
      schema: profileSchema,
      run: async (_ctx, { name }) => {
        await updateProfile(args.request.headers, name);
        return done("Saved.");
      },
    }),
    leave: userIntent({
      schema: z.object({ organizationId: z.string().min(1) }),
      run: async ({ user }, { organizationId }) => {
        const left = await leaveOrganization(await getDb(), actorFrom(args.request, user), args.request.headers, user.id, organizationId);
        return done(`You left ${left.name}.`);
      },
    }),
    password: userIntent({
      schema: passwordChangeSchema,
      run: async ({ user }, input) => {
        // Revoking the other sessions issues this browser a new session cookie: pass it on.
        const headers = await changePassword(args.request.headers, input);
        const ctx = await accountContext(args.request, user);
        await recordAccountAudit(ctx.db, ctx.actor, "account.password_changed");
        return { ...done("Password changed. Your other sessions were signed out."), headers };
      },
    }),
    "disable-two-factor": userIntent({
      schema: confirmPasswordSchema,
      run: async ({ user }, { password }) => {
        const headers = await disableTwoFactor(await accountContext(args.request, user), args.request.headers, password);
        return { ...done("Two-factor sign-in is off."), headers };
      },
    }),
    "regenerate-backup-codes": userIntent({
      schema: confirmPasswordSchema,
      run: async ({ user }, { password }) => {
        const codes = await regenerateBackupCodes(await accountContext(args.request, user), args.request.headers, password);
        return done("New backup codes: the old ones no longer work.", { backupCodes: codes });
      },
    }),
    "sign-out-device": userIntent({
      schema: z.object({ sessionId: z.string().min(1) }),
      run: async ({ user, sessionId: current }, { sessionId }) => {
        await signOutDevice(await accountContext(args.request, user), args.request.headers, current, sessionId);
        return done("Signed out that device.");
      },
    }),
    "sign-out-other-devices": userIntent({
      run: async ({ user, sessionId }) => {
        const count = await signOutOtherDevices(await accountContext(args.request, user), args.request.headers, sessionId);
        return done(count === 1 ? "Signed out 1 other device." : `Signed out ${count} other devices.`);
      },
    }),
  })(args);

export default function AccountSettings() {
  const { user, twoFactor, devices, memberships } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  // Confirmations show in the form (role="status"), not as a notification.
  const profile = useActionResult(actionData, { intent: "profile", notify: "none" });
  const password = useActionResult(actionData, { intent: "password", notify: "none" });
  return (
    <Stack maw={560}>
      <PageHeader title="Your account" description={user.email} />
      <IntentFormCard intent="profile" title="Profile" result={profile}>
        <TextInput name="name" label="Name" defaultValue={user.name} error={profile.fieldErrors.name} />
        <Button type="submit" w="fit-content" loading={busy("profile")}>
          Save
        </Button>
      </IntentFormCard>
      <Card withBorder padding="lg">
        {/* A new key after a change empties the fields. */}
        <Form method="post" noValidate key={password.succeeded ? password.result?.id : "form"}>
          <input type="hidden" name="intent" value="password" />
          <Stack>
            <Title order={4}>Change password</Title>
            <FormMessages error={password.formError} success={password.message} />
            <PasswordInput name="currentPassword" label="Current password" autoComplete="current-password" error={password.fieldErrors.currentPassword} />
            <PasswordInput
              name="newPassword"
              label="New password"
              autoComplete="new-password"
              description="At least 10 characters."
              error={password.fieldErrors.newPassword}
            />
            <PasswordInput name="confirmPassword" label="Repeat the new password" autoComplete="new-password" error={password.fieldErrors.confirmPassword} />
            <Button type="submit" w="fit-content" loading={busy("password")}>
              Change password
            </Button>
            <Text size="xs" c="dimmed">
              Changing it signs you out everywhere else.
            </Text>
          </Stack>
        </Form>
      </Card>
      <TwoFactorCard status={twoFactor} actionData={actionData} busy={busy} />
      <DevicesCard devices={devices} actionData={actionData} busy={busy} />
      <YourOrganizationsCard memberships={memberships} />
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
