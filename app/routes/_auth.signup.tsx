import { PasswordInput, TextInput } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { callAuthEndpoint, cookieHeaders } from "~/lib/auth-calls.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { safeRedirectPath } from "~/lib/http.server";
import { getSessionUser } from "~/lib/permissions.server";
import { passwordSchema } from "~/orgs/schemas";
import { AuthEmailInput, AuthForm } from "~/ui/auth-form";

export const meta: MetaFunction = () => [{ title: "Create your account · Ramp" }];

const schema = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(80, "Keep your name under 80 characters."),
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: passwordSchema,
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(schema, await request.formData());
  if (!form.success) return { fieldErrors: form.fieldErrors, formError: null };
  const result = await callAuthEndpoint(request, "/sign-up/email", {
    name: form.data.name,
    email: form.data.email,
    password: form.data.password,
    callbackURL: safeRedirectPath(form.data.redirectTo, "/onboarding"),
  });
  if (!result.ok) return { fieldErrors: {} as FieldErrors, formError: result.message };
  // A new account has no organization: an invitation link brings them back to accept it,
  // anyone else goes on to create their organization. First: "check your email" (the
  // verification link carries the way on too, as callbackURL).
  const next = safeRedirectPath(form.data.redirectTo, "/onboarding");
  return redirect(`/check-email?next=${encodeURIComponent(next)}`, { headers: cookieHeaders(result.value.headers) });
}

export default function Signup() {
  const actionData = useActionData<typeof action>();
  return (
    <AuthForm
      title="Create your account"
      subtitle="Issue keys, configure webhooks and watch your checkouts."
      formError={actionData?.formError}
      submit="Create account"
      other={{ prompt: "Already have an account?", label: "Sign in", to: "/login" }}
    >
      <TextInput label="Your name" name="name" autoComplete="name" error={actionData?.fieldErrors.name} required autoFocus />
      <AuthEmailInput label="Work email" error={actionData?.fieldErrors.email} />
      <PasswordInput
        label="Password"
        name="password"
        autoComplete="new-password"
        description="At least 10 characters."
        error={actionData?.fieldErrors.password}
        required
      />
    </AuthForm>
  );
}
