/** The reset mail's link: choose a new password (the token rides in the query string, which no log keeps). */
import { Anchor, Button, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { defineActions } from "~/lib/actions.server";
import { resetPassword } from "~/orgs/account-email.server";
import { passwordSchema } from "~/orgs/schemas";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Ramp" }];

const schema = z
  .object({ token: z.string().min(1, "This link is incomplete."), newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // better-auth sends a stale link back with ?error=INVALID_TOKEN; ours carry ?token=.
  return { token: url.searchParams.get("token") ?? "" };
}

export const action = (args: ActionFunctionArgs) =>
  defineActions(async () => null, {
    reset: {
      permission: {},
      schema,
      run: async (_ctx: null, input: z.infer<typeof schema>) => {
        await resetPassword(input.token, input.newPassword);
        // Every session of the account was signed out: sign in again, with the new password.
        throw redirect("/login?reset=1");
      },
    },
  })(args);

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const answer = useActionResult(useActionData<typeof action>(), { intent: "reset", notify: "none" });
  const navigation = useNavigation();
  if (!token) {
    return (
      <Stack>
        <Title order={2}>This link is incomplete</Title>
        <Text c="dimmed">Open the link from the email again, or ask for a new one.</Text>
        <Button component={Link} to="/forgot-password" variant="light">
          Ask for a new link
        </Button>
      </Stack>
    );
  }
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="reset" />
      <input type="hidden" name="token" value={token} />
      <Stack>
        <div>
          <Title order={2}>Choose a new password</Title>
          <Text c="dimmed" size="sm">
            Changing it signs you out everywhere.
          </Text>
        </div>
        <FormMessages error={answer.formError ?? answer.fieldErrors.token} />
        {answer.formError ? (
          <Anchor component={Link} to="/forgot-password" size="sm">
            Ask for a new link
          </Anchor>
        ) : null}
        <PasswordInput
          name="newPassword"
          label="New password"
          autoComplete="new-password"
          description="At least 10 characters."
          error={answer.fieldErrors.newPassword}
          autoFocus
        />
        <PasswordInput name="confirmPassword" label="Repeat the new password" autoComplete="new-password" error={answer.fieldErrors.confirmPassword} />
        <Button type="submit" fullWidth loading={navigation.state !== "idle" && navigation.formMethod === "POST"}>
          Set new password
        </Button>
      </Stack>
    </Form>
  );
}
