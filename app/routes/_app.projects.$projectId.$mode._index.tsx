import { Badge, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireProject } from "~/lib/permissions.server";
import { projectOverview } from "~/projects/overview.server";
import { CopyButton } from "~/ui/copy-button";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { StatusBadge } from "~/ui/status-badge";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.project.name ?? "Project"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] });
  const overview = await projectOverview(ctx);
  return {
    project: { id: ctx.project.id, name: ctx.project.name, archived: Boolean(ctx.project.archivedAt) },
    mode: ctx.mode,
    ...overview,
  };
}

export default function ProjectOverview() {
  const { project, mode, keys, recentSessions } = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <PageHeader
        title={project.name}
        description={
          <Group gap={6} component="span">
            <span>Project ID</span>
            <Code>{project.id}</Code>
            <CopyButton value={project.id} label="Copy project ID" />
          </Group>
        }
        actions={<Badge color={mode === "test" ? "orange" : "teal"}>{mode === "test" ? "Test data" : "Live data"}</Badge>}
      />
      {keys ? (
        <Card withBorder padding="lg">
          <Title order={4} mb="sm">
            API keys
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {keys.map((key) => (
              <Stack key={key.id} gap={4}>
                <Text size="sm" fw={600}>
                  {key.kind === "publishable" ? "Publishable key" : "Secret key"}
                  {key.label && key.label !== "Default" ? ` · ${key.label}` : ""}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <Code style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }} data-testid={`key-${key.kind}`}>
                    {key.display}
                  </Code>
                  {key.copyable ? <CopyButton value={key.display} label="Copy key" /> : null}
                </Group>
              </Stack>
            ))}
          </SimpleGrid>
        </Card>
      ) : null}
      <Card withBorder padding="lg">
        <Title order={4} mb="sm">
          Recent sessions
        </Title>
        {recentSessions.length === 0 ? (
          <Text c="dimmed" size="sm">
            No sessions in {mode} mode yet. Create one with a {mode} secret key: POST /v1/sessions.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={420} type="native">
            <Table verticalSpacing="xs" highlightOnHover style={{ whiteSpace: "nowrap" }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Session</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Amount</Table.Th>
                  <Table.Th>Buys</Table.Th>
                  <Table.Th visibleFrom="md">Customer</Table.Th>
                  <Table.Th visibleFrom="sm">Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recentSessions.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Code>{s.id}</Code>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={s.status} />
                    </Table.Td>
                    <Table.Td>
                      {s.sourceAmount} {s.sourceCurrency}
                    </Table.Td>
                    <Table.Td>
                      {s.destinationCurrency} <Text span c="dimmed" size="xs">on {s.network}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="md">{s.externalCustomerId}</Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm" c="dimmed">
                        {formatDateTime(s.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
