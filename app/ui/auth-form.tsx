import { Anchor, Button, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormMessages } from "./form-messages";

/**
 * The sign-in and sign-up form: heading, the overall error, the page to return to afterwards
 * (`?redirectTo=`, kept when switching to the other page), the fields, submit, and the link
 * to the other page.
 */
export function AuthForm({
  title,
  subtitle,
  formError,
  submit,
  other,
  children,
}: {
  title: string;
  subtitle: string;
  formError?: string | null;
  submit: string;
  /** The other page: "New to Ramp? Create an account". */
  other: { prompt: string; label: string; to: string };
  children: ReactNode;
}) {
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <Form method="post" noValidate>
      <Stack>
        <div>
          <Title order={2}>{title}</Title>
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        </div>
        <FormMessages error={formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {children}
        <Button type="submit" loading={navigation.state !== "idle" && navigation.formMethod === "POST"} fullWidth>
          {submit}
        </Button>
        <Text size="sm" ta="center">
          {other.prompt}{" "}
          <Anchor component={Link} underline="always" to={`${other.to}${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>
            {other.label}
          </Anchor>
        </Text>
      </Stack>
    </Form>
  );
}

/** The email field of an AuthForm, filled in from `?email=` (an invitation link carries it). */
export function AuthEmailInput({ label, error, autoFocus }: { label: string; error?: string; autoFocus?: boolean }) {
  const [params] = useSearchParams();
  return (
    <TextInput
      label={label}
      name="email"
      type="email"
      autoComplete="email"
      defaultValue={params.get("email") ?? ""}
      error={error}
      required
      autoFocus={autoFocus}
    />
  );
}
