import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IconArrowRight, IconPlus } from "@tabler/icons-react";
import { parseForm } from "~/lib/forms";
import { requireOrganization } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { createProject, createProjectSchema, listProjects } from "~/projects/projects.server";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Projects · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request, { project: ["read"] });
  const projects = await listProjects(ctx.db, ctx.organizationId);
  return {
    organizationName: ctx.organization.name,
    projects: projects.map((p) => ({ id: p.id, name: p.name, defaultMode: p.defaultMode })),
    canCreate: roleCan(ctx.role, { project: ["create"] }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOrganization(request, { project: ["create"] });
  const form = parseForm(createProjectSchema, await request.formData());
  if (!form.success) return { fieldErrors: form.fieldErrors };
  const created = await createProject(ctx, form.data);
  throw redirect(`/projects/${created.id}/test`);
}

export default function Projects() {
  const { organizationName, projects, canCreate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <Stack>
      <PageHeader title="Projects" description={`Each project of ${organizationName} has its own keys, webhooks, branding and data, in test and live mode.`} />
      {projects.length === 0 ? (
        <Alert variant="light" title="No projects yet">
          {canCreate ? "Create your first project to get test keys." : "An admin of your organization hasn't created a project yet."}
        </Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {projects.map((p) => (
            <Card key={p.id} withBorder padding="lg" component={Link} to={`/projects/${p.id}/test`} data-testid="project-card">
              <Group justify="space-between" wrap="nowrap">
                <Title order={4}>{p.name}</Title>
                <IconArrowRight size={18} />
              </Group>
              <Group mt="xs" gap="xs">
                <Badge variant="light" color={p.defaultMode === "live" ? "teal" : "orange"}>
                  {p.defaultMode === "live" ? "Live" : "Test only"}
                </Badge>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {canCreate ? (
        <Card withBorder padding="lg" maw={520}>
          <Form method="post" noValidate>
            <Stack>
              <Title order={4}>New project</Title>
              <TextInput
                name="name"
                label="Project name"
                placeholder="Web shop"
                error={actionData?.fieldErrors.name}
                required
              />
              <Group>
                <Button type="submit" leftSection={<IconPlus size={16} />} loading={navigation.state === "submitting"}>
                  Create project
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                A new project gets a publishable and a secret key for test and for live mode.
              </Text>
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
