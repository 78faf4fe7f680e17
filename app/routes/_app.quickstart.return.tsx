/**
 * /quickstart/return?sessionId=…&status=… — where the quick start's redirectUrl lands after the sandbox payment: in
 * test mode, the session, its order and its events, and what to build next (issue 17). Authorized as the session's
 * own page is (data:read in its project; app/projects/quick-start.server.ts).
 */
import { Alert, Anchor, Badge, Card, Code, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IconCircleCheck, IconCircleX, IconClock } from "@tabler/icons-react";
import { orErrorPage } from "~/lib/actions.server";
import { requireUser } from "~/lib/permissions.server";
import { quickStartOutcome } from "~/projects/quick-start.server";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction = () => [{ title: "Payment outcome · Ramp" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const sessionId = new URL(request.url).searchParams.get("sessionId") ?? "";
  return orErrorPage(quickStartOutcome(request, sessionId));
}

function Field({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm" data-testid={testId} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </Stack>
  );
}

export default function QuickStartReturn() {
  const outcome = useLoaderData<typeof loader>();
  if (outcome.mode === "live") {
    return (
      <Stack>
        <PageHeader title="Payment outcome" description={outcome.projectName} />
        <Alert color="gray" variant="light">
          This page shows test-mode sessions only. Confirm live payments with webhooks or GET /v1/orders/&#123;id&#125;.
        </Alert>
      </Stack>
    );
  }
  const base = `/projects/${outcome.projectId}/test`;
  const status = outcome.order?.status ?? outcome.session.status;
  const paid = status === "completed" || status === "refunded";
  const failed = status === "failed";
  return (
    <Stack gap="lg">
      <PageHeader title="Payment outcome" description={`The quick start's redirectUrl, in ${outcome.projectName} (test mode).`} />
      <Alert
        color={paid ? "teal" : failed ? "red" : "blue"}
        variant="light"
        icon={paid ? <IconCircleCheck size={20} /> : failed ? <IconCircleX size={20} /> : <IconClock size={20} />}
        title={paid ? "Paid: the sandbox order completed" : failed ? "The payment was declined" : "The payment is not finished yet"}
        data-testid="outcome-status"
      >
        {paid
          ? "Your backend hears about it from the order.completed webhook; this page is where your own success page would be."
          : failed
            ? "The order failed (order.failed was sent). Create another session to try again."
            : "Reload in a moment, or follow the order's webhooks."}
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="lg">
          <Title order={5} mb="sm">
            Session
          </Title>
          <SimpleGrid cols={2} spacing="sm">
            <Field label="Id" testId="outcome-session">
              <Anchor component={Link} to={`${base}/sessions/${outcome.session.id}`} size="sm">
                {outcome.session.id}
              </Anchor>
            </Field>
            <Field label="Status" testId="outcome-session-status">
              <Badge variant="light">{outcome.session.status}</Badge>
            </Field>
            <Field label="Amount">{outcome.session.amount}</Field>
            <Field label="Buys">{outcome.session.crypto ?? "—"}</Field>
          </SimpleGrid>
        </Card>
        <Card withBorder padding="lg">
          <Title order={5} mb="sm">
            Order
          </Title>
          {outcome.order ? (
            <SimpleGrid cols={2} spacing="sm">
              <Field label="Id" testId="outcome-order">
                <Anchor component={Link} to={`${base}/orders/${outcome.order.id}`} size="sm">
                  {outcome.order.id}
                </Anchor>
              </Field>
              <Field label="Status" testId="outcome-order-status">
                <Badge variant="light" color={paid ? "teal" : failed ? "red" : "blue"}>
                  {outcome.order.status}
                </Badge>
              </Field>
              <Field label="Paid">{outcome.order.fiat}</Field>
              <Field label="Receives">{outcome.order.crypto}</Field>
              <Field label="Gateway">{outcome.order.gateway}</Field>
              <Field label="Transaction hash">{outcome.order.transactionHash ? <Code fz="xs">{outcome.order.transactionHash}</Code> : "—"}</Field>
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              No order was placed from this session.
            </Text>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder padding="lg">
        <Title order={5} mb="sm">
          Events
        </Title>
        {outcome.events.length ? (
          <Group gap={6} data-testid="outcome-events">
            {outcome.events.map((e) => (
              <Anchor key={e.id} component={Link} to={`${base}/events/${e.id}`} size="sm">
                <Badge variant="outline" tt="none" style={{ cursor: "pointer" }}>
                  {e.type}
                </Badge>
              </Anchor>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        )}
      </Card>
      <Card withBorder padding="lg">
        <Title order={5} mb="sm">
          What to build next
        </Title>
        <List size="sm" spacing={6}>
          <List.Item>
            A webhook handler that verifies each event and updates your order by <Code>sequence</Code>: the{" "}
            <Anchor component={Link} to={`${base}/webhooks`} size="sm" underline="always">
              webhooks page
            </Anchor>{" "}
            has the code; <Code>npx ramp listen</Code> forwards test events to it on your machine
            {outcome.progress.deliverySucceeded ? " (a delivery has already succeeded in this project)" : ""}.
          </List.Item>
          <List.Item>
            Your own success page as the session&apos;s <Code>redirectUrl</Code>: it gets <Code>sessionId</Code> and <Code>status</Code>, but proves nothing;
            trust the webhook or <Code>GET /v1/orders/&#123;id&#125;</Code>.
          </List.Item>
          <List.Item>
            Your look on the checkout:{" "}
            <Anchor component={Link} to={`${base}/branding`} size="sm" underline="always">
              branding
            </Anchor>
            ; which gateways quote:{" "}
            <Anchor component={Link} to={`${base}/gateways`} size="sm" underline="always">
              gateways
            </Anchor>
            .
          </List.Item>
          <List.Item>
            Going live: a live secret key, your redirect origins in{" "}
            <Anchor component={Link} to={`/projects/${outcome.projectId}/live/settings`} size="sm" underline="always">
              project settings
            </Anchor>
            , and a live webhook endpoint.
          </List.Item>
        </List>
      </Card>
      <Anchor component={Link} to={`${base}/get-started`} size="sm">
        Back to Get started
      </Anchor>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
