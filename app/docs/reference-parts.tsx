/**
 * The pieces of the console's API reference (/docs/api): an endpoint's card, its field lists,
 * example blocks and error table. They render the plain rows `apiReference` reads from the
 * OpenAPI document (app/docs/api-reference.ts); nothing here knows an endpoint by name.
 */
import { Anchor, Badge, Box, Card, Code, Group, SimpleGrid, Spoiler, Stack, Table, Text, Title, type TextProps } from "@mantine/core";
import { IconLink } from "@tabler/icons-react";
import { Fragment, type ReactNode } from "react";
import type { ReferenceEndpoint, ReferenceField, ReferenceParameter } from "./api-reference";
import { CopyButton } from "~/ui/copy-button";

const METHOD_COLORS: Record<string, string> = { GET: "blue", POST: "teal", DELETE: "red", PATCH: "grape", PUT: "orange" };

export function MethodBadge({ method, size = "md" }: { method: string; size?: "sm" | "md" }) {
  return (
    <Badge
      color={METHOD_COLORS[method] ?? "gray"}
      variant="light"
      radius="sm"
      size={size}
      ff="monospace"
      miw={size === "sm" ? 44 : 52}
      style={{ flexShrink: 0 }}
      data-testid="method-badge"
    >
      {method}
    </Badge>
  );
}

const AUTH_COLORS: Record<ReferenceEndpoint["auth"]["kind"], string> = { secret: "red", key: "indigo", clientSecret: "indigo", none: "gray" };

/** Prose with `code` spans, as the document's descriptions are written. */
export function Prose({ children, ...props }: { children: string } & Omit<TextProps, "children">) {
  const parts = children.split("`");
  return (
    <Text {...props}>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Code key={i} fz="0.85em">
            {part}
          </Code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </Text>
  );
}

function SectionLabel({ children, action }: { children: ReactNode; action?: ReactNode }) {
  const label = (
    <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt={action ? 0 : "md"} mb={action ? 0 : 6}>
      {children}
    </Text>
  );
  if (!action) return label;
  return (
    <Group justify="space-between" mt="md" mb={4} wrap="nowrap">
      {label}
      {action}
    </Group>
  );
}

/**
 * One field per row: name, type and "required" on a line; description and constraints below.
 * Nested fields are indented under their parent. A request marks what is required; a
 * response marks what may be absent (everything else is always there).
 */
export function FieldList({
  fields,
  testId,
  kind = "request",
}: {
  fields: (ReferenceField | ReferenceParameter)[];
  testId: string;
  kind?: "request" | "response";
}) {
  return (
    <Box data-testid={testId} style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}>
      {fields.map((field) => {
        return (
          <Box
            key={`${"in" in field ? field.in : ""}:${field.name}`}
            py={8}
            pl={field.depth * 16}
            style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
            data-testid="field-row"
            data-field={field.name}
          >
            <Group gap={8} wrap="wrap" align="baseline">
              <Code fz="sm" fw={600} style={{ overflowWrap: "anywhere" }} title={field.name}>
                {field.label}
              </Code>
              <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: "break-word" }}>
                {field.type}
              </Text>
              {"in" in field && field.in !== "query" ? (
                <Text size="xs" c="dimmed">
                  {field.in}
                </Text>
              ) : null}
              {kind === "request" && field.required ? (
                // "red" is Mantine's scheme-aware text colour (--mantine-color-red-text).
                <Text size="xs" fw={600} c="red">
                  required
                </Text>
              ) : null}
              {kind === "response" && !field.required ? (
                <Text size="xs" c="dimmed">
                  optional
                </Text>
              ) : null}
            </Group>
            {field.description ? (
              <Prose size="sm" mt={4}>
                {field.description}
              </Prose>
            ) : null}
            {field.constraints.length ? (
              <Text size="xs" c="dimmed" mt={4} style={{ wordBreak: "break-word" }}>
                {field.constraints.join(" · ")}
              </Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}

/** A code block that scrolls sideways on its own rather than widening the page. */
export function CodeBlock({ code, testId, maxHeight }: { code: string; testId?: string; maxHeight?: number }) {
  const block = (
    <Code
      block
      fz="xs"
      data-testid={testId}
      // A region that scrolls sideways takes keyboard focus, so it can be scrolled without a mouse.
      tabIndex={0}
      style={{ overflowX: "auto", whiteSpace: "pre", maxWidth: "100%", border: "1px solid var(--mantine-color-default-border)" }}
    >
      {code}
    </Code>
  );
  return maxHeight ? (
    // The padding keeps the Spoiler's own bottom margin (where its control sits) from collapsing into the next heading's.
    <Box pb={4}>
      <Spoiler maxHeight={maxHeight} showLabel="Show all" hideLabel="Show less" fz="sm">
        {block}
      </Spoiler>
    </Box>
  ) : (
    block
  );
}

export function ErrorTable({ errors }: { errors: ReferenceEndpoint["errors"] }) {
  return (
    <Table verticalSpacing={6} horizontalSpacing="xs" data-testid="error-table" layout="fixed">
      <Table.Tbody>
        {errors.map((group) => (
          <Table.Tr key={group.status}>
            <Table.Td w={64} style={{ verticalAlign: "top" }}>
              <Badge color={group.status.startsWith("5") ? "red" : "orange"} variant="light" radius="sm" ff="monospace" style={{ overflow: "visible" }}>
                {group.status}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Stack gap={6}>
                {group.codes.map((c) => (
                  <div key={c.code} data-testid="error-code">
                    <Code fz="xs" fw={600}>
                      {c.code}
                    </Code>
                    <Prose span size="sm" c="dimmed" ml={6} style={{ wordBreak: "break-word" }}>
                      {c.description}
                    </Prose>
                  </div>
                ))}
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A path that wraps after its slashes on a narrow screen, not inside a word. */
export function PathText({ path }: { path: string }) {
  const parts = path.split("/");
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? "/" : null}
          {part}
          {i > 0 && i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}

export function EndpointCard({ endpoint }: { endpoint: ReferenceEndpoint }) {
  const query = endpoint.parameters.filter((p) => p.in !== "header");
  const headers = endpoint.parameters.filter((p) => p.in === "header");
  return (
    <Card
      withBorder
      padding="lg"
      id={endpoint.anchor}
      // The console's header is fixed: land the card below it.
      style={{ scrollMarginTop: 76 }}
      data-testid="endpoint"
      data-operation={endpoint.operationId}
    >
      <Group gap="xs" wrap="nowrap" align="center">
        <MethodBadge method={endpoint.method} />
        <Code fz="sm" fw={600} style={{ overflowWrap: "anywhere", background: "none", padding: 0 }} data-testid="endpoint-path">
          <PathText path={endpoint.path} />
        </Code>
        <Anchor href={`#${endpoint.anchor}`} c="dimmed" aria-label={`Link to ${endpoint.method} ${endpoint.path}`} style={{ lineHeight: 0, flexShrink: 0 }}>
          <IconLink size={15} />
        </Anchor>
      </Group>
      <Title order={4} mt="sm">
        {endpoint.summary}
      </Title>
      <Prose size="sm" c="dimmed" mt={4}>
        {endpoint.description}
      </Prose>
      <Group gap={8} mt="sm">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          Auth
        </Text>
        <Badge color={AUTH_COLORS[endpoint.auth.kind]} variant="light" radius="sm" tt="none" data-testid="endpoint-auth">
          {endpoint.auth.label}
        </Badge>
        {endpoint.permission ? (
          <>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" ml="xs">
              Permission
            </Text>
            <Badge color="gray" variant="light" radius="sm" tt="none" ff="monospace" data-testid="endpoint-permission">
              {endpoint.permission}
            </Badge>
          </>
        ) : null}
      </Group>

      {/* Wide screens: what to send on the left, examples and answers on the right. */}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl" verticalSpacing={0}>
        <Box miw={0}>
          {query.length ? (
            <>
              <SectionLabel>Parameters</SectionLabel>
              <FieldList fields={query} testId="parameters" />
            </>
          ) : null}
          {headers.length ? (
            <>
              <SectionLabel>Headers</SectionLabel>
              <FieldList fields={headers} testId="headers" />
            </>
          ) : null}
          {endpoint.body ? (
            <>
              <SectionLabel>Request body (JSON)</SectionLabel>
              {endpoint.body.notes.map((note) => (
                <Text key={note} size="sm" mb={6}>
                  {note}
                </Text>
              ))}
              <FieldList fields={endpoint.body.fields} testId="body-fields" />
            </>
          ) : null}
          {!query.length && !headers.length && !endpoint.body ? (
            <>
              <SectionLabel>Parameters</SectionLabel>
              <Text size="sm" c="dimmed">
                None.
              </Text>
            </>
          ) : null}
        </Box>
        <Box miw={0}>
          <SectionLabel action={<CopyButton value={endpoint.curl} label="Copy request" />}>Example request</SectionLabel>
          <CodeBlock code={endpoint.curl} testId="curl" />

          <SectionLabel>Response</SectionLabel>
          <Group gap={8} mb={6} wrap="wrap">
            <Badge color="teal" variant="light" radius="sm" ff="monospace">
              {endpoint.success.status}
            </Badge>
            <Text size="sm">{endpoint.success.description}</Text>
            {endpoint.success.schema ? (
              <Anchor href={`#object-${endpoint.success.schema.toLowerCase()}`} size="sm" ff="monospace">
                {endpoint.success.schema}
              </Anchor>
            ) : null}
          </Group>
          {endpoint.success.example ? <CodeBlock code={endpoint.success.example} maxHeight={200} /> : null}

          <SectionLabel>Errors</SectionLabel>
          <ErrorTable errors={endpoint.errors} />
        </Box>
      </SimpleGrid>
    </Card>
  );
}

export function ObjectCard({ object }: { object: { name: string; anchor: string; description: string | null; fields: ReferenceField[] } }) {
  return (
    <Card withBorder padding="lg" id={object.anchor} style={{ scrollMarginTop: 76 }} data-testid="object">
      <Group gap="xs" wrap="nowrap">
        <Title order={4} ff="monospace">
          {object.name}
        </Title>
        <Anchor href={`#${object.anchor}`} c="dimmed" aria-label={`Link to ${object.name}`} style={{ lineHeight: 0 }}>
          <IconLink size={15} />
        </Anchor>
      </Group>
      {object.description ? (
        <Prose size="sm" c="dimmed" mt={4} mb="sm">
          {object.description}
        </Prose>
      ) : null}
      <FieldList fields={object.fields} testId="object-fields" kind="response" />
    </Card>
  );
}
