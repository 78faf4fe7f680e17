import { Alert, Button, Stack, Text, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "~/lib/db.server";
import { actorFrom, getSessionUser, requireUser } from "~/lib/permissions.server";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, isRole } from "~/lib/roles";
import { acceptInvitation, findPendingInvitation, setActiveOrganization } from "~/orgs/orgs.server";

import { FormMessages } from "~/ui/form-messages";
export const meta: MetaFunction = () => [{ title: "Invitation · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findPendingInvitation(await getDb(), params.invitationId ?? "");
  const current = await getSessionUser(request);
  if (!invitation || invitation.status !== "pending" || invitation.expiresAt < new Date()) {
    return { state: "invalid" as const };
  }
  const here = `/invite/${invitation.id}`;
  return {
    state: "pending" as const,
    id: invitation.id,
    organizationName: invitation.organizationName,
    role: invitation.role,
    email: invitation.email,
    signedInAs: current?.user.email ?? null,
    emailVerified: current?.user.emailVerified ?? false,
    signupLink: `/signup?redirectTo=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`,
    loginLink: `/login?redirectTo=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const db = await getDb();
  const result = await acceptInvitation(db, actorFrom(request, user), request.headers, params.invitationId ?? "");
  if (!result.ok) return { error: result.message };
  const invitation = await findPendingInvitation(db, params.invitationId ?? "");
  if (invitation) await setActiveOrganization(request.headers, invitation.organizationId);
  throw redirect("/");
}

export default function Invite() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  if (data.state === "invalid") {
    return (
      <Stack>
        <Title order={2}>This invitation can't be used</Title>
        <Text c="dimmed">It was cancelled, has expired or was already accepted. Ask your admin for a new link.</Text>
        <Button component={Link} to="/" variant="light">
          Go to the console
        </Button>
      </Stack>
    );
  }
  const roleLabel = isRole(data.role) ? ROLE_LABELS[data.role] : data.role;
  const wrongAccount = data.signedInAs && data.signedInAs.toLowerCase() !== data.email.toLowerCase();
  return (
    <Stack>
      <Title order={2}>Join {data.organizationName}</Title>
      <Text>
        You're invited as <b>{roleLabel}</b>. {isRole(data.role) ? ROLE_DESCRIPTIONS[data.role] : null}
      </Text>
      <Text size="sm" c="dimmed">
        Invitation for {data.email}
      </Text>
      <FormMessages error={actionData?.error} />
      {!data.signedInAs ? (
        <Stack gap="xs">
          <Button component={Link} to={data.signupLink}>
            Create an account to join
          </Button>
          <Button component={Link} to={data.loginLink} variant="default">
            I already have an account
          </Button>
        </Stack>
      ) : wrongAccount ? (
        <Alert color="yellow" variant="light">
          You're signed in as {data.signedInAs}. Sign out and sign in as {data.email} to accept.
          <Form method="post" action="/logout">
            <Button type="submit" variant="default" mt="sm" size="xs">
              Sign out
            </Button>
          </Form>
        </Alert>
      ) : !data.emailVerified ? (
        // better-auth refuses an unverified address too; this says so before the click.
        <Alert color="yellow" variant="light" title="Verify your email first" data-testid="invite-verify-first">
          <Text size="sm">Open the link we sent to {data.email} to confirm it is yours, then come back here to accept.</Text>
          <Form method="post" action={`/check-email?next=${encodeURIComponent(`/invite/${data.id}`)}`}>
            <input type="hidden" name="intent" value="resend" />
            <input type="hidden" name="next" value={`/invite/${data.id}`} />
            <Button type="submit" variant="light" mt="sm" size="xs">
              Send the link again
            </Button>
          </Form>
        </Alert>
      ) : (
        <Form method="post">
          <Button type="submit" fullWidth loading={navigation.state === "submitting"}>
            Accept invitation
          </Button>
        </Form>
      )}
    </Stack>
  );
}
