import { Alert, Badge, Button, Card, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { IconArrowRight, IconPlus } from "@tabler/icons-react";
import { done, organizationActions, organizationIntent } from "~/lib/actions.server";
import { requireOrganization } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { createProject, createProjectSchema, listProjects } from "~/projects/projects.server";
import { CopyableCode } from "~/ui/copy-button";
import { FormMessages } from "~/ui/form-messages";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { useActionResult } from "~/ui/use-action-result";

export const meta: MetaFunction = () => [{ title: "Projects · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOrganization(request, { project: ["read"] });
  const projects = await listProjects(ctx.db, ctx.organizationId, { includeArchived: true });
  return {
    organizationName: ctx.organization.name,
    projects: projects.map((p) => ({ id: p.id, name: p.name, defaultMode: p.defaultMode, archived: p.archivedAt !== null })),
    canCreate: roleCan(ctx.role, { project: ["create"] }),
  };
}

// A function, not a call at module scope: Remix drops the `action` export from the browser
// bundle, but a module-scope call would still run there, against the empty .server stub.
export const action = (args: ActionFunctionArgs) =>
  organizationActions(
    {
      create: organizationIntent({
        permission: { project: ["create"] },
        schema: createProjectSchema,
        run: async (ctx, input) => {
          const created = await createProject(ctx, input);
          // No redirect: the live secret key is shown once, from this response, before moving on.
          return done(undefined, { id: created.project.id, name: created.project.name, liveSecretKey: created.liveSecretKey });
        },
      }),
    },
    // The form posted only a name before it named its intent; such a post still creates a project.
    { defaultIntent: "create" },
  )(args);

function CreatedProjectModal({ created }: { created: { id: string; name: string; liveSecretKey: string } }) {
  const [saved, setSaved] = useState(false);
  const navigate = useNavigate();
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={`${created.name} is ready`}
      size="lg"
    >
      <Stack>
        <Text size="sm">
          Test keys are on the project's API keys page whenever you need them. Its <b>live secret key</b> is shown only now: we keep just a hash of it.
        </Text>
        <CopyableCode value={created.liveSecretKey} label="Copy live secret key" testId="live-secret-key" />
        <Checkbox label="I have stored the live secret key somewhere safe" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button disabled={!saved} onClick={() => navigate(`/projects/${created.id}/test/get-started`)}>
            Open project
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export default function Projects() {
  const { organizationName, projects, canCreate } = useLoaderData<typeof loader>();
  const outcome = useActionResult(useActionData<typeof action>(), { intent: "create", notify: "none" });
  const created = outcome.result?.ok ? outcome.result.data : null;
  const navigation = useNavigation();
  return (
    <Stack>
      {created ? <CreatedProjectModal created={created} /> : null}
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
                {p.archived ? (
                  <Badge variant="light" color="gray">
                    Archived
                  </Badge>
                ) : (
                  <Badge variant="light" color={p.defaultMode === "live" ? "teal" : "orange"}>
                    {p.defaultMode === "live" ? "Live" : "Test only"}
                  </Badge>
                )}
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {canCreate ? (
        <Card withBorder padding="lg" maw={520}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="create" />
            <Stack>
              <Title order={4}>New project</Title>
              <TextInput name="name" label="Project name" placeholder="Web shop" error={outcome.fieldErrors.name} required />
              <FormMessages error={outcome.formError} />
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

export { RouteErrorPage as ErrorBoundary };
