import { Alert, Button, Card, Code, Group, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { done, projectActions, projectIntent } from "~/lib/actions.server";
import { requireProject } from "~/lib/permissions.server";
import { roleCan, type Permission } from "~/lib/roles";
import { archiveProject, projectNameSchema, redirectOriginsSchema, renameProject, restoreProject, setRedirectOrigins } from "~/projects/projects.server";
import { FormMessages } from "~/ui/form-messages";
import { IntentFormCard } from "~/ui/intent-form-card";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";

export const meta: MetaFunction = () => [{ title: "Project settings · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] });
  return {
    project: {
      id: ctx.project.id,
      name: ctx.project.name,
      archivedAt: ctx.project.archivedAt?.toISOString() ?? null,
      allowedRedirectOrigins: ctx.project.allowedRedirectOrigins,
    },
    can: { update: roleCan(ctx.role, { project: ["update"] }), archive: roleCan(ctx.role, { project: ["archive"] }) },
  };
}

const UPDATE: Permission = { project: ["update"] };
const ARCHIVE: Permission = { project: ["archive"] };

// A function, not a call at module scope: Remix drops the `action` export from the browser
// bundle, but a module-scope call would still run there, against the empty .server stub.
export const action = (args: ActionFunctionArgs) =>
  projectActions({
    rename: projectIntent({
      permission: UPDATE,
      schema: z.object({ name: projectNameSchema }),
      run: async (ctx, { name }) => {
        await renameProject(ctx, name);
        return done("Saved.");
      },
    }),
    origins: projectIntent({
      permission: UPDATE,
      schema: z.object({ origins: redirectOriginsSchema }),
      run: async (ctx, { origins }) => {
        await setRedirectOrigins(ctx, origins);
        return done("Saved.");
      },
    }),
    archive: projectIntent({
      permission: ARCHIVE,
      run: async (ctx) => {
        await archiveProject(ctx);
        return done("Project archived.");
      },
    }),
    restore: projectIntent({
      permission: ARCHIVE,
      run: async (ctx) => {
        await restoreProject(ctx);
        return done("Project restored.");
      },
    }),
  })(args);

export default function ProjectSettings() {
  const { project, can } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  // Each card says its own outcome beside its form.
  const rename = useActionResult(actionData, { intent: "rename", notify: "none" });
  const origins = useActionResult(actionData, { intent: "origins", notify: "none" });
  const archiving = useActionResult(actionData, { intent: ["archive", "restore"], notify: "none" });
  return (
    <Stack maw={720}>
      <PageHeader
        title="Project settings"
        description={
          <>
            Project ID <Code>{project.id}</Code>
          </>
        }
      />
      {project.archivedAt ? (
        <Alert color="gray" variant="light" title="This project is archived" data-testid="archived-banner">
          Its data is kept, but every API call with its keys is refused with PROJECT_ARCHIVED.
        </Alert>
      ) : null}
      {!can.update ? (
        <Text size="sm" c="dimmed">
          Only admins and owners can change project settings.
        </Text>
      ) : null}

      <IntentFormCard intent="rename" title="Name" result={rename}>
        <TextInput name="name" label="Project name" defaultValue={project.name} disabled={!can.update} error={rename.fieldErrors.name} />
        {can.update ? (
          <Button type="submit" w="fit-content" loading={busy("rename")}>
            Save
          </Button>
        ) : null}
      </IntentFormCard>

      <Card withBorder padding="lg">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="origins" />
          <Stack>
            <Title order={4}>Allowed origins</Title>
            <Text size="sm" c="dimmed">
              In live mode a session's <Code>redirectUrl</Code> must start with one of these origins, so a leaked secret key cannot send your customers
              elsewhere, and only pages on these origins may call the API from the browser with your publishable key (a custom checkout UI). Test mode accepts
              any https URL and http://localhost, and browser calls from any page.
            </Text>
            <FormMessages error={origins.formError} success={origins.message} />
            <Textarea
              name="origins"
              label="Origins, one per line"
              placeholder={"https://shop.example.com\nhttps://app.example.com"}
              autosize
              minRows={3}
              defaultValue={project.allowedRedirectOrigins.join("\n")}
              disabled={!can.update}
              error={Object.entries(origins.fieldErrors).find(([field]) => field.startsWith("origins"))?.[1]}
            />
            {can.update ? (
              <Button type="submit" w="fit-content" loading={busy("origins")}>
                Save origins
              </Button>
            ) : null}
          </Stack>
        </Form>
      </Card>

      {can.archive ? (
        <Card withBorder padding="lg">
          <Form method="post">
            <input type="hidden" name="intent" value={project.archivedAt ? "restore" : "archive"} />
            <Stack>
              <Title order={4}>{project.archivedAt ? "Restore project" : "Archive project"}</Title>
              <FormMessages error={archiving.formError} success={archiving.message} />
              <Text size="sm">
                {project.archivedAt
                  ? "Restoring makes its keys work again."
                  : "Archiving keeps every session, order and setting, but refuses all API calls made with this project's keys until it is restored."}
              </Text>
              <Group>
                <Button
                  type="submit"
                  color={project.archivedAt ? "indigo" : "red"}
                  variant={project.archivedAt ? "filled" : "light"}
                  loading={busy("archive") || busy("restore")}
                >
                  {project.archivedAt ? "Restore project" : "Archive project"}
                </Button>
              </Group>
            </Stack>
          </Form>
        </Card>
      ) : null}
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
