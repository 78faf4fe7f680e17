import { Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { callAuthEndpoint, cookieHeaders } from "~/lib/auth-calls.server";
import { FormMessages } from "~/ui/form-messages";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { safeRedirectPath } from "~/lib/http.server";
import { getSessionUser } from "~/lib/permissions.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Ramp" }];

const schema = z.object({
  email: z.string().trim().toLowerCase().email("Enter the email address you signed up with."),
  password: z.string().min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(schema, await request.formData());
  if (!form.success) return { fieldErrors: form.fieldErrors, formError: null };
  const result = await callAuthEndpoint(request, "/sign-in/email", { email: form.data.email, password: form.data.password });
  if (!result.ok) return { fieldErrors: {} as FieldErrors, formError: result.message };
  return redirect(safeRedirectPath(form.data.redirectTo), { headers: cookieHeaders(result.value.headers) });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const signupLink = `/signup${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`;
  return (
    <Form method="post" noValidate>
      <Stack>
        <div>
          <Title order={2}>Sign in</Title>
          <Text c="dimmed" size="sm">
            to the Ramp partner console
          </Text>
        </div>
        <FormMessages error={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextInput
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={params.get("email") ?? ""}
          error={actionData?.fieldErrors.email}
          required
          autoFocus
        />
        <PasswordInput
          label="Password"
          name="password"
          autoComplete="current-password"
          error={actionData?.fieldErrors.password}
          required
        />
        <Button type="submit" loading={navigation.state !== "idle" && navigation.formMethod === "POST"} fullWidth>
          Sign in
        </Button>
        <Text size="sm" ta="center">
          New to Ramp?{" "}
          <Anchor component={Link} to={signupLink}>
            Create an account
          </Anchor>
        </Text>
      </Stack>
    </Form>
  );
}
