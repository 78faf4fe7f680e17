import { Alert, Button, Card, Code, Group, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { requireProject } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import {
  archiveProject,
  projectNameSchema,
  redirectOriginsSchema,
  renameProject,
  restoreProject,
  setRedirectOrigins,
} from "~/projects/projects.server";
import { FormMessages } from "~/ui/form-messages";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

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

type ActionResult = { intent: string; fieldErrors?: FieldErrors; success?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "rename") {
    const ctx = await requireProject(request, params, { project: ["update"] });
    const form = parseForm(z.object({ name: projectNameSchema }), formData);
    if (!form.success) return data<ActionResult>({ intent, fieldErrors: form.fieldErrors });
    await renameProject(ctx, form.data.name);
    return data<ActionResult>({ intent, success: "Saved." });
  }
  if (intent === "origins") {
    const ctx = await requireProject(request, params, { project: ["update"] });
    const form = parseForm(z.object({ origins: redirectOriginsSchema }), formData);
    if (!form.success) return data<ActionResult>({ intent, fieldErrors: form.fieldErrors });
    await setRedirectOrigins(ctx, form.data.origins);
    return data<ActionResult>({ intent, success: "Saved." });
  }
  if (intent === "archive" || intent === "restore") {
    const ctx = await requireProject(request, params, { project: ["archive"] });
    if (intent === "archive") await archiveProject(ctx);
    else await restoreProject(ctx);
    return data<ActionResult>({ intent, success: intent === "archive" ? "Project archived." : "Project restored." });
  }
  return data<ActionResult>({ intent, fieldErrors: { form: "Unknown action." } });
}

export default function ProjectSettings() {
  const { project, can } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const result = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  return (
    <Stack maw={720}>
      <PageHeader title="Project settings" description={<>Project ID <Code>{project.id}</Code></>} />
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

      <Card withBorder padding="lg">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="rename" />
          <Stack>
            <Title order={4}>Name</Title>
            <FormMessages success={result("rename")?.success} />
            <TextInput name="name" label="Project name" defaultValue={project.name} disabled={!can.update} error={result("rename")?.fieldErrors?.name} />
            {can.update ? (
              <Button type="submit" w="fit-content" loading={busy("rename")}>
                Save
              </Button>
            ) : null}
          </Stack>
        </Form>
      </Card>

      <Card withBorder padding="lg">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="origins" />
          <Stack>
            <Title order={4}>Allowed redirect origins</Title>
            <Text size="sm" c="dimmed">
              In live mode a session's <Code>redirectUrl</Code> must start with one of these origins, so a leaked secret key cannot send your customers
              elsewhere. Test mode accepts any https URL and http://localhost.
            </Text>
            <FormMessages success={result("origins")?.success} />
            <Textarea
              name="origins"
              label="Origins, one per line"
              placeholder={"https://shop.example.com\nhttps://app.example.com"}
              autosize
              minRows={3}
              defaultValue={project.allowedRedirectOrigins.join("\n")}
              disabled={!can.update}
              error={Object.entries(result("origins")?.fieldErrors ?? {}).find(([field]) => field.startsWith("origins"))?.[1]}
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
              <FormMessages success={result("archive")?.success ?? result("restore")?.success} />
              <Text size="sm">
                {project.archivedAt
                  ? "Restoring makes its keys work again."
                  : "Archiving keeps every session, order and setting, but refuses all API calls made with this project's keys until it is restored."}
              </Text>
              <Group>
                <Button type="submit" color={project.archivedAt ? "indigo" : "red"} variant={project.archivedAt ? "filled" : "light"} loading={busy("archive") || busy("restore")}>
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

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
