/** "Forgot your password?": mails a reset link; answers the same whether or not the address has an account. */
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from "@mantine/core";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { defineActions, done } from "~/lib/actions.server";
import { devMailLink } from "~/lib/mailer.server";
import { requestPasswordReset } from "~/orgs/account-email.server";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";

export const meta: MetaFunction = () => [{ title: "Reset your password · Ramp" }];

const schema = z.object({ email: z.string().trim().toLowerCase().email("Enter the email address you signed up with.") });

// Signed out by nature: no guard beyond the form (better-auth's rate limiter counts the requests).
export const action = (args: ActionFunctionArgs) =>
  defineActions(async () => null, {
    request: {
      permission: {},
      schema,
      run: async (_ctx: null, { email }: z.infer<typeof schema>) => {
        await requestPasswordReset(args.request, email);
        return done(undefined, { email, devLink: devMailLink(email, "/reset-password") });
      },
    },
  })(args);

export default function ForgotPassword() {
  const answer = useActionResult(useActionData<typeof action>(), { intent: "request", notify: "none" });
  const navigation = useNavigation();
  const sent = answer.result?.ok ? answer.result.data : null;
  if (sent) {
    return (
      <Stack>
        <Title order={2}>Check your email</Title>
        <Text>
          If <b style={{ overflowWrap: "anywhere" }}>{sent.email}</b> has an account, we sent it a link to choose a new password. The link works for one hour.
        </Text>
        {sent.devLink ? (
          <Alert color="grape" variant="light" title="Development: no mail server" data-testid="dev-mail-link">
            <Anchor href={sent.devLink} size="sm" style={{ overflowWrap: "anywhere" }}>
              {sent.devLink}
            </Anchor>
          </Alert>
        ) : null}
        <Button component={Link} to="/login" variant="default">
          Back to sign in
        </Button>
      </Stack>
    );
  }
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="request" />
      <Stack>
        <div>
          <Title order={2}>Forgot your password?</Title>
          <Text c="dimmed" size="sm">
            We'll email you a link to choose a new one.
          </Text>
        </div>
        <FormMessages error={answer.formError} />
        <TextInput label="Email" name="email" type="email" autoComplete="email" error={answer.fieldErrors.email} required autoFocus />
        <Button type="submit" fullWidth loading={navigation.state !== "idle" && navigation.formMethod === "POST"}>
          Send reset link
        </Button>
        <Text size="sm" ta="center">
          Remembered it?{" "}
          <Anchor component={Link} to="/login" underline="always">
            Sign in
          </Anchor>
        </Text>
      </Stack>
    </Form>
  );
}
