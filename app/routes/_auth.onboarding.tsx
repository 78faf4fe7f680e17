import { Anchor, Button, Stack, Text, TextInput, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/lib/db.server";
import { FormMessages } from "~/ui/form-messages";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { listMemberships, requireUser } from "~/lib/permissions.server";
import { createOrganization, setActiveOrganization } from "~/orgs/orgs.server";
import { organizationNameSchema } from "~/orgs/schemas";

export const meta: MetaFunction = () => [{ title: "Create an organization · Ramp" }];

const schema = z.object({ name: organizationNameSchema });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const memberships = await listMemberships(await getDb(), user.id);
  return { name: user.name, hasOrganizations: memberships.length > 0 };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const form = parseForm(schema, await request.formData());
  if (!form.success) return { fieldErrors: form.fieldErrors, formError: null };
  const created = await createOrganization(request.headers, form.data.name);
  if (!created.ok) return { fieldErrors: {} as FieldErrors, formError: created.message };
  const active = await setActiveOrganization(request.headers, created.value!.id);
  if (!active.ok) return { fieldErrors: {} as FieldErrors, formError: active.message };
  return redirect("/projects");
}

export default function Onboarding() {
  const { name, hasOrganizations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <Form method="post" noValidate>
      <Stack>
        <div>
          <Title order={2}>{hasOrganizations ? "New organization" : `Welcome, ${name.split(" ")[0]}`}</Title>
          <Text c="dimmed" size="sm">
            An organization holds your projects, keys and team. You'll be its owner.
          </Text>
        </div>
        <FormMessages error={actionData?.formError} />
        <TextInput label="Organization name" name="name" placeholder="Acme Inc." error={actionData?.fieldErrors.name} required autoFocus />
        <Button type="submit" loading={navigation.state === "submitting"} fullWidth>
          Create organization
        </Button>
        {hasOrganizations ? (
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/">
              Back to the console
            </Anchor>
          </Text>
        ) : (
          <Text size="xs" c="dimmed" ta="center">
            Joining a team? Open the invitation link your admin sent you.
          </Text>
        )}
      </Stack>
    </Form>
  );
}
