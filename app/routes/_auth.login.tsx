import { Alert, Anchor, Group, PasswordInput } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { callAuthEndpoint, cookieHeaders } from "~/lib/auth-calls.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { safeRedirectPath } from "~/lib/http.server";
import { getSessionUser } from "~/lib/permissions.server";
import { AuthEmailInput, AuthForm } from "~/ui/auth-form";

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
  const result = await callAuthEndpoint<{ twoFactorRedirect?: boolean }>(request, "/sign-in/email", {
    email: form.data.email,
    password: form.data.password,
  });
  if (!result.ok) return { fieldErrors: {} as FieldErrors, formError: result.message };
  const redirectTo = safeRedirectPath(form.data.redirectTo);
  // Two-factor on: no session yet, only better-auth's short-lived challenge cookie; the code comes next.
  if (result.value.data.twoFactorRedirect) {
    return redirect(`/login/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`, { headers: cookieHeaders(result.value.headers) });
  }
  return redirect(redirectTo, { headers: cookieHeaders(result.value.headers) });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <AuthForm
      title="Sign in"
      subtitle="to the Ramp partner console"
      formError={actionData?.formError}
      submit="Sign in"
      other={{ prompt: "New to Ramp?", label: "Create an account", to: "/signup" }}
    >
      {params.get("reset") === "1" && !actionData ? (
        <Alert color="teal" variant="light" role="status">
          Password changed. Sign in with your new password.
        </Alert>
      ) : null}
      <AuthEmailInput label="Email" error={actionData?.fieldErrors.email} autoFocus />
      <PasswordInput label="Password" name="password" autoComplete="current-password" error={actionData?.fieldErrors.password} required />
      <Group justify="flex-end" mt={-8}>
        <Anchor component={Link} to="/forgot-password" size="sm">
          Forgot your password?
        </Anchor>
      </Group>
    </AuthForm>
  );
}
