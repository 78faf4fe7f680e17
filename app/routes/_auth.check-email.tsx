/** After sign-up: "check your email", with a resend button and the way on (onboarding, an invitation). */
import { Alert, Anchor, Button, Stack, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IconMailCheck } from "@tabler/icons-react";
import { z } from "zod";
import { done, userActions, userIntent } from "~/lib/actions.server";
import { safeRedirectPath } from "~/lib/http.server";
import { devMailLink } from "~/lib/mailer.server";
import { requireUser } from "~/lib/permissions.server";
import { resendVerificationEmail } from "~/orgs/account-email.server";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";

export const meta: MetaFunction = () => [{ title: "Check your email · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return {
    email: user.email,
    verified: user.emailVerified,
    next: safeRedirectPath(new URL(request.url).searchParams.get("next"), "/"),
    devLink: user.emailVerified ? null : devMailLink(user.email, "/verify-email"),
  };
}

export const action = (args: ActionFunctionArgs) =>
  userActions({
    resend: userIntent({
      schema: z.object({ next: z.string().optional() }),
      run: async ({ user }, { next }) => {
        await resendVerificationEmail(args.request, user.email, next);
        return done(`We sent a new link to ${user.email}.`);
      },
    }),
  })(args);

export default function CheckEmail() {
  const { email, verified, next, devLink } = useLoaderData<typeof loader>();
  const resend = useActionResult(useActionData<typeof action>(), { intent: "resend", notify: "none" });
  const navigation = useNavigation();
  if (verified) {
    return (
      <Stack>
        <Title order={2}>Your email is verified</Title>
        <Text c="dimmed">{email} is confirmed.</Text>
        <Button component={Link} to={next}>
          Continue
        </Button>
      </Stack>
    );
  }
  return (
    <Stack>
      <IconMailCheck size={40} stroke={1.5} color="var(--mantine-primary-color-filled)" aria-hidden />
      <Title order={2}>Check your email</Title>
      <Text>
        We sent a link to <b style={{ overflowWrap: "anywhere" }}>{email}</b>. Open it to verify your address.
      </Text>
      <Text size="sm" c="dimmed">
        You can use the console meanwhile; joining an organization you were invited to needs a verified address.
      </Text>
      {devLink ? (
        <Alert color="grape" variant="light" title="Development: no mail server" data-testid="dev-mail-link">
          <Anchor href={devLink} size="sm" style={{ overflowWrap: "anywhere" }}>
            {devLink}
          </Anchor>
        </Alert>
      ) : null}
      <FormMessages error={resend.formError} success={resend.message} />
      <Button component={Link} to={next}>
        Continue
      </Button>
      <Form method="post">
        <input type="hidden" name="intent" value="resend" />
        <input type="hidden" name="next" value={next} />
        <Button type="submit" variant="default" fullWidth loading={navigation.formData?.get("intent") === "resend"}>
          Send the link again
        </Button>
      </Form>
    </Stack>
  );
}
