import { Button, Card, Stack, Text, TextInput, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { parseForm } from "~/lib/forms";
import { requireOrganization } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { deleteOrganization, renameOrganization } from "~/orgs/orgs.server";
import { organizationNameSchema } from "~/orgs/schemas";
import { PageHeader } from "~/ui/page-header";
import { FormMessages } from "~/ui/form-messages";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Organization settings · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request, { organization: ["update"] });
  return {
    organization: { id: ctx.organizationId, name: ctx.organization.name, slug: ctx.organization.slug },
    canDelete: roleCan(ctx.role, { organization: ["delete"] }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "delete") {
    const ctx = await requireOrganization(request, { organization: ["delete"] });
    if (formData.get("confirm") !== ctx.organization.name) {
      return { intent, fieldErrors: { confirm: "Type the organization's name exactly to confirm." } as Record<string, string> };
    }
    const result = await deleteOrganization(request.headers, ctx.organizationId);
    if (!result.ok) return { intent, fieldErrors: {}, formError: result.message };
    throw redirect("/");
  }
  const ctx = await requireOrganization(request, { organization: ["update"] });
  const form = parseForm(z.object({ name: organizationNameSchema }), formData);
  if (!form.success) return { intent: "rename", fieldErrors: form.fieldErrors };
  const result = await renameOrganization(ctx, request.headers, form.data.name);
  return result.ok ? { intent: "rename", fieldErrors: {}, success: "Saved." } : { intent: "rename", fieldErrors: {}, formError: result.message };
}

export default function OrganizationSettings() {
  const { organization, canDelete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    | { intent: string; fieldErrors: Record<string, string>; formError?: string; success?: string }
    | undefined;
  const navigation = useNavigation();
  return (
    <Stack maw={560}>
      <PageHeader title="Organization settings" />
      <Card withBorder padding="lg">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="rename" />
          <Stack>
            <Title order={4}>Name</Title>
            {actionData?.intent === "rename" ? <FormMessages error={actionData.formError} success={actionData.success} /> : null}
            <TextInput name="name" label="Organization name" defaultValue={organization.name} error={actionData?.intent === "rename" ? actionData.fieldErrors.name : undefined} />
            <Text size="xs" c="dimmed">
              ID {organization.id} · slug {organization.slug}
            </Text>
            <Button type="submit" w="fit-content" loading={navigation.formData?.get("intent") === "rename"}>
              Save
            </Button>
          </Stack>
        </Form>
      </Card>
      {canDelete ? (
        <Card withBorder padding="lg" style={{ borderColor: "var(--mantine-color-red-4)" }}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="delete" />
            <Stack>
              <Title order={4} c="red">
                Delete organization
              </Title>
              <Text size="sm">
                Deletes every project, key, session, order and webhook of {organization.name}. This cannot be undone.
              </Text>
              {actionData?.intent === "delete" ? <FormMessages error={actionData.formError} /> : null}
              <TextInput
                name="confirm"
                label={`Type "${organization.name}" to confirm`}
                autoComplete="off"
                error={actionData?.intent === "delete" ? actionData.fieldErrors.confirm : undefined}
              />
              <Button type="submit" color="red" w="fit-content">
                Delete organization
              </Button>
            </Stack>
          </Form>
        </Card>
      ) : null}
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
