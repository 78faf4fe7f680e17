/**
 * The second step of a sign-in with two-factor on: /login/two-factor asks for the authenticator
 * app's code, /login/two-factor/backup for a backup code instead. Reached from /login only (it
 * needs better-auth's pending challenge cookie); the code goes through better-auth's handler.
 */
import { TextInput } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useParams } from "@remix-run/react";
import { z } from "zod";
import { hasTwoFactorChallenge, verifySecondFactor } from "~/account/sign-in.server";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { safeRedirectPath } from "~/lib/http.server";
import { getSessionUser } from "~/lib/permissions.server";
import { AuthForm } from "~/ui/auth-form";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in · Ramp" }];

const schema = z.object({
  code: z.string().trim().min(1, "Enter the code.").max(64, "That is not a code from the app or a backup code."),
  redirectTo: z.string().optional(),
});

function methodOf(params: { method?: string }) {
  if (params.method === undefined) return "totp" as const;
  if (params.method === "backup") return "backup" as const;
  throw new Response("Not found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  methodOf(params);
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  if (await getSessionUser(request)) throw redirect(redirectTo);
  // No pending sign-in (expired, or opened directly): start at the password.
  if (!hasTwoFactorChallenge(request)) throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const method = methodOf(params);
  const form = parseForm(schema, await request.formData());
  if (!form.success) return { fieldErrors: form.fieldErrors, formError: null };
  const result = await verifySecondFactor(request, method, form.data.code);
  if (!result.ok) {
    const wrongCode = result.code === "INVALID_CODE" || result.code === "INVALID_BACKUP_CODE";
    return wrongCode
      ? { fieldErrors: { code: result.message } as FieldErrors, formError: null }
      : { fieldErrors: {} as FieldErrors, formError: result.message };
  }
  return redirect(safeRedirectPath(form.data.redirectTo), { headers: result.headers });
}

export default function TwoFactorSignIn() {
  const actionData = useActionData<typeof action>();
  const backup = useParams().method === "backup";
  return (
    <AuthForm
      key={backup ? "backup" : "totp"}
      title="Two-factor sign-in"
      subtitle={
        backup
          ? "Enter one of the backup codes you saved when you set up two-factor. Each works once."
          : "Enter the six-digit code from your authenticator app."
      }
      formError={actionData?.formError}
      submit="Verify"
      other={
        backup
          ? { prompt: "Have your phone?", label: "Use the authenticator app", to: "/login/two-factor" }
          : { prompt: "No access to your authenticator?", label: "Use a backup code", to: "/login/two-factor/backup" }
      }
    >
      {backup ? (
        <TextInput label="Backup code" name="code" autoComplete="off" placeholder="xxxxx-xxxxx" error={actionData?.fieldErrors.code} required autoFocus />
      ) : (
        <TextInput
          label="Authentication code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          placeholder="123456"
          error={actionData?.fieldErrors.code}
          required
          autoFocus
        />
      )}
    </AuthForm>
  );
}
