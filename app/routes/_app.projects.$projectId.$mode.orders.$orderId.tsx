import { Anchor, Card, Code, Grid, Group, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IconArrowLeft, IconExternalLink } from "@tabler/icons-react";
import { notFound } from "~/lib/http.server";
import { requireProject } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { manageWebhooks } from "~/webhooks/event-types";
import { orderDetail } from "~/search/records.server";
import { CopyButton } from "~/ui/copy-button";
import { EventList } from "~/ui/event-list";
import { FieldList } from "~/ui/field-list";
import { formatDateTimeSeconds } from "~/ui/format";
import { JsonViewer } from "~/ui/json-viewer";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";
import { StatusBadge } from "~/ui/status-badge";
import { StatusTimeline } from "~/ui/timeline";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.order.id ?? "Order"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const detail = await orderDetail(ctx, params.orderId ?? "");
  if (!detail) notFound("No order with this id in this project and mode.");
  return {
    ...detail,
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    // As on the event page: Resend needs the right to manage this mode's webhooks.
    canResend: roleCan(ctx.role, manageWebhooks(ctx.mode)) && roleCan(ctx.role, { webhook: ["read"] }),
  };
}

export default function OrderPage() {
  const { order: o, gateway, networkName, explorerUrl, systemMetadata, partnerMetadata, events, base, canResend } = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`${base}/orders`} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} /> Orders
        </Group>
      </Anchor>
      <PageHeader
        title="Order"
        description={
          <Group gap={6} component="span">
            <Code data-testid="order-id">{o.id}</Code>
            <CopyButton value={o.id} label="Copy order ID" />
          </Group>
        }
        actions={<StatusBadge status={o.status} />}
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Card withBorder padding="lg">
              <Title order={4} mb="md">
                Amounts
              </Title>
              <FieldList
                testId="order-amounts"
                cols={3}
                fields={[
                  { label: "Customer pays", value: `${o.sourceAmount} ${o.sourceCurrency}` },
                  { label: "Customer receives", value: o.destinationAmount ? `${o.destinationAmount} ${o.destinationCurrency}` : `${o.destinationCurrency} (amount not final)` },
                  { label: "Rate", value: o.rate ? `${o.rate} ${o.destinationCurrency} per ${o.sourceCurrency}` : null },
                  { label: "Gateway fee", value: o.gatewayFee ? `${o.gatewayFee} ${o.sourceCurrency}` : null },
                  { label: "Network fee", value: o.networkFee ? `${o.networkFee} ${o.sourceCurrency}` : null },
                  { label: "Payment method", value: o.paymentMethod },
                ]}
              />
            </Card>
            <Card withBorder padding="lg">
              <Title order={4} mb="md">
                Gateway, checkout and delivery
              </Title>
              <FieldList
                testId="order-fields"
                fields={[
                  { label: "Gateway", value: gateway },
                  { label: "Gateway's order id", value: o.providerOrderId ? <Code>{o.providerOrderId}</Code> : null },
                  { label: "Checkout", value: o.checkoutMethod },
                  { label: "Checkout expires", value: o.checkoutExpiresAt ? formatDateTimeSeconds(o.checkoutExpiresAt) : null },
                  { label: "Network", value: networkName },
                  { label: "Wallet address", value: <Code>{o.destinationAddress}</Code> },
                  { label: "Transaction", value: o.transactionId ? <Code>{o.transactionId}</Code> : null },
                  {
                    label: "Transaction hash",
                    value: o.transactionHash ? (
                      <Stack gap={2}>
                        <Code data-testid="tx-hash">{o.transactionHash}</Code>
                        {explorerUrl ? (
                          <Anchor href={explorerUrl} target="_blank" rel="noreferrer" size="sm" data-testid="explorer-link">
                            <Group gap={4} component="span">
                              View on {networkName} explorer <IconExternalLink size={14} />
                            </Group>
                          </Anchor>
                        ) : null}
                      </Stack>
                    ) : null,
                  },
                  { label: "Email", value: o.email },
                  { label: "Failure reason", value: o.failureReason },
                  { label: "Session", value: o.sessionId ? <Anchor component={Link} to={`${base}/sessions/${o.sessionId}`} ff="monospace" size="sm">{o.sessionId}</Anchor> : "Checkout intent (no session)" },
                  { label: "Customer", value: o.customerId ? <Anchor component={Link} to={`${base}/customers/${o.customerId}`} ff="monospace" size="sm">{o.customerId}</Anchor> : o.externalCustomerId },
                ]}
              />
            </Card>
            <Card withBorder padding="lg">
              <Stack gap="lg">
                <JsonViewer value={partnerMetadata} label="partnerMetadata" testId="partner-metadata" />
                <JsonViewer value={systemMetadata} label="System metadata" testId="system-metadata" />
              </Stack>
            </Card>
            <Card withBorder padding="lg">
              <Title order={4} mb={4}>
                Webhook events
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                Each event's deliveries to your endpoints; its page shows the payload and every attempt.
              </Text>
              <EventList events={events} base={base} canResend={canResend} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding="lg">
            <Title order={4} mb="md">
              Timeline
            </Title>
            <StatusTimeline
              testId="order-timeline"
              steps={[
                { label: "Created", at: o.createdAt },
                { label: "Processing", at: o.processingAt },
                { label: "Completed", at: o.completedAt },
                { label: "Failed", at: o.failedAt, bad: true, detail: o.failureReason ?? undefined },
                { label: "Refunded", at: o.refundedAt, bad: true },
                { label: "Expired", at: o.expiredAt, bad: true },
              ]}
            />
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
