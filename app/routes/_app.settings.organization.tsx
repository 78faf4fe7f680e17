/** The active organization's settings: its name, and deleting it (owners only). */
import { Button, Card, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { redirect, type LoaderFunctionArgs, type MetaFunction, type ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { organizationRequiresTwoFactor, setTwoFactorRequirement } from "~/account/two-factor-policy.server";
import { done, organizationActions, organizationIntent } from "~/lib/actions.server";
import { requireOrganization } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { deleteOrganization, renameOrganization } from "~/orgs/orgs.server";
import { organizationNameSchema } from "~/orgs/schemas";
import { FormMessages } from "~/ui/form-messages";
import { IntentFormCard } from "~/ui/intent-form-card";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";

export const meta: MetaFunction = () => [{ title: "Organization settings · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request, { organization: ["update"] });
  return {
    organization: { id: ctx.organizationId, name: ctx.organization.name, slug: ctx.organization.slug },
    canDelete: roleCan(ctx.role, { organization: ["delete"] }),
    requireTwoFactor: await organizationRequiresTwoFactor(ctx.db, ctx.organizationId),
    canManageSecurity: roleCan(ctx.role, { security: ["update"] }),
  };
}

export const action = (args: ActionFunctionArgs) =>
  organizationActions({
    rename: organizationIntent({
      permission: { organization: ["update"] },
      schema: z.object({ name: organizationNameSchema }),
      run: async (ctx, { name }) => {
        await renameOrganization(ctx, args.request.headers, name);
        return done("Saved.");
      },
    }),
    "two-factor-requirement": organizationIntent({
      permission: { security: ["update"] },
      schema: z.object({ required: z.literal("on").optional() }),
      run: async (ctx, { required }) => {
        await setTwoFactorRequirement(ctx, required === "on");
        return done(required === "on" ? "Every member now needs two-factor sign-in." : "Two-factor sign-in is now up to each member.");
      },
    }),
    delete: organizationIntent({
      permission: { organization: ["delete"] },
      schema: z.object({ confirm: z.string() }),
      run: async (ctx, { confirm }) => {
        await deleteOrganization(ctx, args.request.headers, confirm);
        throw redirect("/");
      },
    }),
  })(args);

export default function OrganizationSettings() {
  const { organization, canDelete, requireTwoFactor, canManageSecurity } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // Confirmations show in the form (role="status"), not as a notification.
  const rename = useActionResult(actionData, { intent: "rename", notify: "none" });
  const remove = useActionResult(actionData, { intent: "delete" });
  const security = useActionResult(actionData, { intent: "two-factor-requirement", notify: "none" });
  return (
    <Stack maw={560}>
      <PageHeader title="Organization settings" />
      <IntentFormCard intent="rename" title="Name" result={rename}>
        <TextInput name="name" label="Organization name" defaultValue={organization.name} error={rename.fieldErrors.name} />
        <Text size="xs" c="dimmed">
          ID {organization.id} · slug {organization.slug}
        </Text>
        <Button type="submit" w="fit-content" loading={navigation.formData?.get("intent") === "rename"}>
          Save
        </Button>
      </IntentFormCard>
      <IntentFormCard intent="two-factor-requirement" title="Sign-in security" result={security}>
        <Switch
          name="required"
          value="on"
          defaultChecked={requireTwoFactor}
          disabled={!canManageSecurity}
          label="Require two-factor for every member"
          description="Members without it are sent to set it up before they can use the console."
        />
        {canManageSecurity ? (
          <Button type="submit" w="fit-content" loading={navigation.formData?.get("intent") === "two-factor-requirement"}>
            Save
          </Button>
        ) : (
          <Text size="xs" c="dimmed">
            Only owners change this.
          </Text>
        )}
      </IntentFormCard>
      {canDelete ? (
        <Card withBorder padding="lg" style={{ borderColor: "var(--mantine-color-red-4)" }}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="delete" />
            <Stack>
              <Title order={4} c="red">
                Delete organization
              </Title>
              <Text size="sm">Deletes every project, key, session, order and webhook of {organization.name}. This cannot be undone.</Text>
              <FormMessages error={remove.formError} />
              <TextInput name="confirm" label={`Type "${organization.name}" to confirm`} autoComplete="off" error={remove.fieldErrors.confirm} />
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

export { RouteErrorPage as ErrorBoundary };
