import { Anchor, Badge, Button, Card, Code, Group, List, Stack, Text, TextInput } from "@mantine/core";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { IconSearch } from "@tabler/icons-react";
import { requireProject } from "~/lib/permissions.server";
import { MAX_SEARCH_LENGTH } from "~/search/query";
import { hitPath, search } from "~/search/search.server";
import { createdColumn, DataTable } from "~/ui/data-table";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { StatusBadge } from "~/ui/status-badge";

export const meta: MetaFunction = () => [{ title: "Search · Ramp" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const base = `/projects/${ctx.projectId}/${ctx.mode}`;
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const result = await search(ctx, q);
  // One match: go straight to it (what Ctrl/Cmd+K is for).
  if (result.hits.length === 1) throw redirect(hitPath(base, result.hits[0]!));
  return { ...result, base, mode: ctx.mode, hits: result.hits.map((h) => ({ ...h, path: hitPath(base, h) })) };
}

const KIND_LABEL = { session: "Session", order: "Order", customer: "Customer", event: "Event", request: "API request" } as const;

export default function SearchPage() {
  const { query, kind, hits, truncated, mode } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <Stack gap="lg">
      <PageHeader title="Search" description={`Find a ${mode} session, order or customer from whatever the customer tells you.`} />
      <Form method="get" role="search">
        <Group align="flex-end" gap="sm">
          <TextInput
            name="q"
            label="Search"
            defaultValue={query}
            placeholder="sess_…, ord_…, req_…, email, wallet address, tx hash, orderRef=42"
            leftSection={<IconSearch size={16} />}
            maxLength={MAX_SEARCH_LENGTH}
            style={{ flex: 1, minWidth: 220 }}
            key={query}
          />
          <Button type="submit" loading={navigation.state === "loading"}>
            Search
          </Button>
        </Group>
      </Form>
      {kind === "empty" ? (
        <Card withBorder padding="lg">
          <Text fw={600} mb="xs">
            What you can search for
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>
              Any id: <Code>sess_…</Code> <Code>ord_…</Code> <Code>cust_…</Code> <Code>txn_…</Code> <Code>evt_…</Code>
            </List.Item>
            <List.Item>
              A request id from an API error (<Code>req_…</Code>): opens the request in the Logs
            </List.Item>
            <List.Item>Your customer ID, an email address</List.Item>
            <List.Item>A wallet address or a transaction hash</List.Item>
            <List.Item>
              A metadata pair: <Code>orderRef=42</Code> (session metadata and order partnerMetadata)
            </List.Item>
          </List>
          <Text size="sm" c="dimmed" mt="sm">
            Press Ctrl+K (⌘K on a Mac) on any page of this project to search.
          </Text>
        </Card>
      ) : hits.length === 0 ? (
        <Card withBorder padding="lg" data-testid="search-empty">
          <Text fw={600}>
            Nothing in {mode} mode matches “{query}”
          </Text>
          <Text size="sm" c="dimmed" mt={4}>
            Ids and values must match exactly.{" "}
            {mode === "test"
              ? "Live records are searched in live mode: turn Test mode off in the header."
              : "Test records are searched in test mode: turn Test mode on in the header."}
          </Text>
        </Card>
      ) : (
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed" mb="sm">
            {hits.length} matches{truncated ? " (the newest of each kind; narrow the search to see others)" : ""}
          </Text>
          <DataTable
            rows={hits}
            minWidth={560}
            testId="search-results"
            highlightOnHover
            columns={[
              {
                header: "Kind",
                cell: (h) => (
                  <Badge variant="light" tt="none" miw="max-content">
                    {KIND_LABEL[h.kind]}
                  </Badge>
                ),
              },
              {
                header: "Id",
                cell: (h) => (
                  <Anchor component={Link} to={h.path} ff="monospace" size="sm">
                    {h.id}
                  </Anchor>
                ),
              },
              {
                header: "Summary",
                cell: (h) => (
                  <Group gap="xs" wrap="nowrap">
                    {h.status ? <StatusBadge status={h.status} /> : null}
                    <Text size="sm">{h.title}</Text>
                  </Group>
                ),
              },
              {
                header: "Matched on",
                cell: (h) => (
                  <Text size="sm" c="dimmed">
                    {h.matched}
                  </Text>
                ),
              },
              createdColumn(),
            ]}
          />
        </Card>
      )}
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
