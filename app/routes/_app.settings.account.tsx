import { Button, Card, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { callAuth, cookieHeaders } from "~/lib/auth-calls.server";
import { getAuth } from "~/lib/auth.server";
import { parseForm } from "~/lib/forms";
import { requireUser } from "~/lib/permissions.server";
import { passwordSchema } from "~/orgs/schemas";
import { PageHeader } from "~/ui/page-header";
import { FormMessages } from "~/ui/form-messages";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Your account · Ramp" }];

const profileSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(80, "Keep your name under 80 characters."),
});

const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return { user };
}

type ActionResult = { intent: string; fieldErrors: Record<string, string>; formError?: string; success?: string };

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  const auth = await getAuth();
  if (intent === "profile") {
    const form = parseForm(profileSchema, formData);
    if (!form.success) return { intent, fieldErrors: form.fieldErrors } as ActionResult;
    const result = await callAuth(() => auth.api.updateUser({ body: { name: form.data.name }, headers: request.headers }));
    return result.ok ? { intent, fieldErrors: {}, success: "Saved." } : { intent, fieldErrors: {}, formError: result.message };
  }
  if (intent === "password") {
    const form = parseForm(passwordChangeSchema, formData);
    if (!form.success) return { intent, fieldErrors: form.fieldErrors };
    const result = await callAuth(() =>
      auth.api.changePassword({
        body: { currentPassword: form.data.currentPassword, newPassword: form.data.newPassword, revokeOtherSessions: true },
        headers: request.headers,
        returnHeaders: true,
      }),
    );
    if (!result.ok) {
      const wrong = result.code === "INVALID_PASSWORD";
      return wrong
        ? { intent, fieldErrors: { currentPassword: result.message } }
        : { intent, fieldErrors: {}, formError: result.message };
    }
    // Revoking the other sessions issues this browser a new session cookie: pass it on.
    return data(
      { intent, fieldErrors: {}, success: "Password changed. Your other sessions were signed out." } as ActionResult,
      { headers: cookieHeaders(result.value.headers) },
    );
  }
  return { intent, fieldErrors: {}, formError: "Unknown action." };
}

export default function AccountSettings() {
  const { user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const result = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  return (
    <Stack maw={560}>
      <PageHeader title="Your account" description={user.email} />
      <Card withBorder padding="lg">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <Stack>
            <Title order={4}>Profile</Title>
            <FormMessages error={result("profile")?.formError} success={result("profile")?.success} />
            <TextInput name="name" label="Name" defaultValue={user.name} error={result("profile")?.fieldErrors.name} />
            <Button type="submit" w="fit-content" loading={busy("profile")}>
              Save
            </Button>
          </Stack>
        </Form>
      </Card>
      <Card withBorder padding="lg">
        <Form method="post" noValidate key={result("password")?.success ? "done" : "form"}>
          <input type="hidden" name="intent" value="password" />
          <Stack>
            <Title order={4}>Change password</Title>
            <FormMessages error={result("password")?.formError} success={result("password")?.success} />
            <PasswordInput name="currentPassword" label="Current password" autoComplete="current-password" error={result("password")?.fieldErrors.currentPassword} />
            <PasswordInput name="newPassword" label="New password" autoComplete="new-password" description="At least 10 characters." error={result("password")?.fieldErrors.newPassword} />
            <PasswordInput name="confirmPassword" label="Repeat the new password" autoComplete="new-password" error={result("password")?.fieldErrors.confirmPassword} />
            <Button type="submit" w="fit-content" loading={busy("password")}>
              Change password
            </Button>
            <Text size="xs" c="dimmed">
              Changing it signs you out everywhere else.
            </Text>
          </Stack>
        </Form>
      </Card>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
