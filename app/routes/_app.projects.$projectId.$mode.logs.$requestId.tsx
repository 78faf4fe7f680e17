/** One API request: what was sent and answered (bodies for roles that may read them), its key, latency, error, and Copy as curl. */
import { Alert, Anchor, Badge, Button, Card, Code, CopyButton as MantineCopyButton, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IconAlertTriangle, IconCheck, IconLock, IconTerminal2 } from "@tabler/icons-react";
import { orErrorPage } from "~/lib/actions.server";
import { requireProject } from "~/lib/permissions.server";
import { loadRequestPage } from "~/request-logs/page.server";
import { MethodLabel, StatusCode } from "~/request-logs/ui";
import { FieldList } from "~/ui/field-list";
import { formatDateTimeSeconds } from "~/ui/format";
import { JsonViewer } from "~/ui/json-viewer";
import { RecordHeader } from "~/ui/record-header";
import { RouteErrorPage } from "~/ui/route-error";
import { SectionCard } from "~/ui/section-card";

export const meta: MetaFunction = () => [{ title: "Request · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { requestLog: ["read"] });
  const page = await orErrorPage(loadRequestPage(ctx, params.requestId ?? ""));
  return { ...page, base: `/projects/${ctx.projectId}/${ctx.mode}` };
}

/** Where an object id's page is in the console. */
function objectPath(base: string, id: string): string | null {
  const section = { sess: "sessions", ord: "orders", evt: "events", cust: "customers", we: "webhooks" }[id.split("_")[0]!];
  return section ? `${base}/${section}/${id}` : null;
}

export default function RequestPage() {
  const { id, request: r, bodies, curl, base } = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <RecordHeader
        back={{ to: `${base}/logs`, label: "Logs" }}
        title={`${r.method} ${r.endpoint?.split(" ")[1] ?? r.path}`}
        id={id}
        noun="request"
        actions={
          <MantineCopyButton value={curl}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconTerminal2 size={16} />} data-testid="copy-curl">
                {copied ? "Copied" : "Copy as curl"}
              </Button>
            )}
          </MantineCopyButton>
        }
      />
      {r.error ? (
        <Alert
          color={r.status >= 500 ? "red" : "orange"}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={r.error.code}
          data-testid="request-error"
        >
          {r.error.message ?? `Answered ${r.status}.`}
        </Alert>
      ) : null}
      <SectionCard title="Request">
        <FieldList
          cols={3}
          testId="request-fields"
          fields={[
            { label: "Status", value: <StatusCode status={r.status} /> },
            {
              label: "Request",
              value: (
                <Group gap={6} wrap="nowrap">
                  <MethodLabel method={r.method} />
                  <Code style={{ overflowWrap: "anywhere" }}>
                    {r.path}
                    {r.query ? `?${r.query}` : ""}
                  </Code>
                </Group>
              ),
            },
            { label: "Endpoint", value: r.endpoint },
            { label: "Time", value: formatDateTimeSeconds(r.createdAt) },
            { label: "Latency", value: `${r.latencyMs} ms` },
            { label: "Source", value: r.source === "callback" ? "Gateway callback" : "API" },
            {
              label: "Key",
              value: r.key ? (
                <Group gap={6}>
                  <Anchor component={Link} to={`${base}/logs?key=${r.key.id}`} ff="monospace" size="sm">
                    {r.key.id}
                  </Anchor>
                  <Badge size="xs" variant="light">
                    {r.key.kind}
                  </Badge>
                </Group>
              ) : (
                "No key"
              ),
            },
            { label: "Client IP", value: r.ip },
            { label: "User agent", value: r.userAgent },
            { label: "Idempotency key", value: r.idempotencyKey ? <Code>{r.idempotencyKey}</Code> : null },
            {
              label: "Objects",
              value: r.objectIds.length ? (
                <Group gap={6}>
                  {r.objectIds.map((objectId) => {
                    const path = objectPath(base, objectId);
                    return path ? (
                      <Anchor key={objectId} component={Link} to={path} ff="monospace" size="sm">
                        {objectId}
                      </Anchor>
                    ) : (
                      <Code key={objectId}>{objectId}</Code>
                    );
                  })}
                </Group>
              ) : null,
            },
          ]}
        />
      </SectionCard>
      {bodies ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Card withBorder padding="lg" data-testid="request-body-card">
            <Title order={4} mb="sm">
              Request body
            </Title>
            <Stack gap="md">
              <JsonViewer value={r.requestBody} label="Body" testId="request-body" />
              <JsonViewer value={r.requestHeaders} label="Headers" testId="request-headers" />
            </Stack>
          </Card>
          <Card withBorder padding="lg">
            <Title order={4} mb="sm">
              Response body
            </Title>
            <Stack gap="md">
              <JsonViewer value={r.responseBody} label="Body" testId="response-body" />
              <JsonViewer value={r.responseHeaders} label="Headers" testId="response-headers" />
            </Stack>
          </Card>
        </SimpleGrid>
      ) : (
        <Alert variant="light" color="gray" icon={<IconLock size={18} />} data-testid="bodies-hidden">
          Request and response bodies are shown to owners, admins and developers. Secrets are always redacted.
        </Alert>
      )}
      <Card withBorder padding="lg">
        <Title order={4} mb="xs">
          Repeat it
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          The same request with curl. Put your own key where the placeholder is: the log never keeps keys.
        </Text>
        <Code block fz="xs" data-testid="curl" style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
          {curl}
        </Code>
      </Card>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
