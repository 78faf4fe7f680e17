/**
 * /docs/api — the API reference, for every member of the organization. Rendered on the
 * server from the same OpenAPI document GET /v1/openapi.json serves (no third-party viewer).
 */
import { Anchor, Button, Card, Code, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { IconDownload } from "@tabler/icons-react";
import { openApiDocument } from "~/api/registry.server";
import { apiReference } from "~/docs/api-reference";
import { EndpointCard, MethodBadge, ObjectCard, PathText } from "~/docs/reference-parts";
import { env } from "~/lib/env.server";
import { requireOrganization } from "~/lib/permissions.server";
import { CopyButton } from "~/ui/copy-button";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "API reference · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganization(request);
  return apiReference(openApiDocument(env().BASE_URL));
}

export default function ApiReferencePage() {
  const reference = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title="API reference"
        description={`${reference.title} ${reference.version}, described as OpenAPI ${reference.openapi}. Every request and response is JSON.`}
        actions={
          <Button
            component="a"
            href="/v1/openapi.json"
            download="openapi.json"
            variant="default"
            leftSection={<IconDownload size={16} />}
            data-testid="download-openapi"
          >
            Download openapi.json
          </Button>
        }
      />

      <Card withBorder padding="lg">
        <Stack gap="sm">
          <div>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
              Base URL
            </Text>
            <Group gap={4} wrap="nowrap">
              <Code fz="sm" style={{ wordBreak: "break-all" }} data-testid="base-url">
                {reference.baseUrl}
              </Code>
              <CopyButton value={reference.baseUrl} label="Copy base URL" />
            </Group>
          </div>
          <Text size="sm">
            Send keys as <Code>Authorization: Bearer …</Code>. <b>Secret keys</b> (<Code>sk_…</Code>) are for your backend only; <b>publishable keys</b> (
            <Code>pk_…</Code>) are safe in browsers and apps. The prefix picks the mode: <Code>_test_</Code> keys see test data, <Code>_live_</Code> keys live
            data. The public onramp endpoints need no key.
          </Text>
          <Text size="sm">
            Errors answer <Code>{`{ "success": false, "error": { "code", "message", "details", "requestId" } }`}</Code>; every response carries a{" "}
            <Code>Request-Id</Code> header. POST endpoints take an <Code>Idempotency-Key</Code> header: a retry with the same key replays the first answer for
            24 hours.
          </Text>
        </Stack>
      </Card>

      <Card withBorder padding="lg" component="nav" aria-label="Endpoints">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb="sm">
          Endpoints
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
          {reference.tags.map((tag) => (
            <Stack key={tag.name} gap={6}>
              <Anchor href={`#tag-${slug(tag.name)}`} fw={600} size="sm" c="var(--mantine-color-text)">
                {tag.name}
              </Anchor>
              {tag.endpoints.map((endpoint) => (
                <Group key={endpoint.anchor} gap={8} wrap="nowrap" align="center">
                  <MethodBadge method={endpoint.method} size="sm" />
                  <Anchor href={`#${endpoint.anchor}`} size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                    <PathText path={endpoint.path} />
                  </Anchor>
                </Group>
              ))}
            </Stack>
          ))}
          <Stack gap={6}>
            <Anchor href="#objects" fw={600} size="sm" c="var(--mantine-color-text)">
              Objects
            </Anchor>
            <Group gap="xs">
              {reference.objects.map((object) => (
                <Anchor key={object.name} href={`#${object.anchor}`} size="sm" ff="monospace">
                  {object.name}
                </Anchor>
              ))}
            </Group>
          </Stack>
        </SimpleGrid>
      </Card>

      {reference.tags.map((tag) => (
        <Stack key={tag.name} gap="md" component="section" aria-labelledby={`tag-${slug(tag.name)}`}>
          <div>
            <Title order={3} id={`tag-${slug(tag.name)}`} style={{ scrollMarginTop: 76 }}>
              {tag.name}
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              {tag.description}
            </Text>
          </div>
          {tag.endpoints.map((endpoint) => (
            <EndpointCard key={endpoint.anchor} endpoint={endpoint} />
          ))}
        </Stack>
      ))}

      <Stack gap="md" component="section" aria-labelledby="objects">
        <div>
          <Title order={3} id="objects" style={{ scrollMarginTop: 76 }}>
            Objects
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            The shapes the endpoints answer with.
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          {reference.objects.map((object) => (
            <ObjectCard key={object.name} object={object} />
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}

function slug(name: string) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

export { RouteErrorPage as ErrorBoundary };
