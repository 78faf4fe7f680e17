import { Card, Stack, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormMessages } from "./form-messages";

/** A settings card: a form that posts one intent, its heading, its outcome (error or confirmation), then its fields. */
export function IntentFormCard({
  intent,
  title,
  result,
  children,
}: {
  intent: string;
  title: string;
  result: { formError?: string; message?: string };
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg">
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={intent} />
        <Stack>
          <Title order={4}>{title}</Title>
          <FormMessages error={result.formError} success={result.message} />
          {children}
        </Stack>
      </Form>
    </Card>
  );
}
