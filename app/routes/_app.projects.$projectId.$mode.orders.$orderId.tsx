import { Alert, Anchor, Button, Card, Code, Grid, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { IconExternalLink, IconReceiptRefund } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { DomainError } from "~/lib/domain-error";
import { notFound } from "~/lib/http.server";
import { parseMode, requireProject } from "~/lib/permissions.server";
import { modePermissions, roleCan } from "~/lib/roles";
import { refundOrder } from "~/orders/refunds.server";
import { refundOrderSchema } from "~/orders/schemas";
import { orderDetail } from "~/search/records.server";
import { DialogActions } from "~/ui/dialog-actions";
import { EventList } from "~/ui/event-list";
import { FieldList } from "~/ui/field-list";
import { formatDateTimeSeconds } from "~/ui/format";
import { FormMessages } from "~/ui/form-messages";
import { JsonViewer } from "~/ui/json-viewer";
import { RecordHeader } from "~/ui/record-header";
import { RouteErrorPage } from "~/ui/route-error";
import { SectionCard } from "~/ui/section-card";
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
    canResend: roleCan(ctx.role, modePermissions.manageWebhooks(ctx.mode)) && roleCan(ctx.role, { webhook: ["read"] }),
    canRefund: roleCan(ctx.role, modePermissions.refundOrders(ctx.mode)),
  };
}

type ActionResult = { error?: string; success?: string };

/** Refund: the same domain call as POST /v1/orders/:id/refund, with the member as the actor. */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireProject(request, params, modePermissions.refundOrders(parseMode(params.mode)));
  const form = await request.formData();
  const parsed = refundOrderSchema.safeParse({ reason: form.get("reason") ?? undefined });
  if (!parsed.success) return data<ActionResult>({ error: parsed.error.issues[0]!.message });
  try {
    const refunded = await refundOrder(ctx, params.orderId ?? "", parsed.data);
    return data<ActionResult>({
      success: refunded.status === "refunded" ? "Order refunded." : "Refund requested: the order becomes Refunded when the gateway confirms.",
    });
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "NOT_FOUND") notFound("No order with this id in this project and mode.");
      return data<ActionResult>({ error: error.message });
    }
    throw error;
  }
}

/** The Refund order button and its confirmation, for roles that may refund in this mode. */
function RefundOrder({ order, gateway }: { order: { sourceAmount: string; sourceCurrency: string; mode: string }; gateway: string }) {
  const fetcher = useFetcher<typeof action>();
  const [opened, setOpened] = useState(false);
  const busy = fetcher.state !== "idle";
  const result = fetcher.data;
  // A refund that went through closes the dialog and says so; the page then shows the new status.
  // Announced as soon as the answer is in: once the page has reloaded, a refunded order no longer
  // shows this component.
  useEffect(() => {
    if (!result?.success) return;
    setOpened(false);
    notifications.show({ color: "teal", message: result.success });
  }, [result]);
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconReceiptRefund size={16} />} onClick={() => setOpened(true)}>
        Refund order
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Refund order">
        <fetcher.Form method="post">
          <Stack>
            <Text size="sm">
              {gateway} returns <b>{`${order.sourceAmount} ${order.sourceCurrency}`}</b> to the customer. The order becomes Refunded when {gateway} confirms, and an{" "}
              <Code>order.refunded</Code> webhook is sent. This cannot be undone.
            </Text>
            {order.mode === "live" ? (
              <Alert color="orange" variant="light">
                This is a live order: real money goes back to the customer.
              </Alert>
            ) : null}
            <Textarea name="reason" label="Reason (optional)" description="Kept with the order and shown to your team." maxLength={500} autosize minRows={2} />
            <FormMessages error={result?.error} />
            <DialogActions submit="Refund order" color="red" loading={busy} onCancel={() => setOpened(false)} />
          </Stack>
        </fetcher.Form>
      </Modal>
    </>
  );
}

export default function OrderPage() {
  const { order: o, gateway, networkName, explorerUrl, systemMetadata, partnerMetadata, events, base, canResend, canRefund } = useLoaderData<typeof loader>();
  return (
    <Stack gap="lg">
      <RecordHeader
        back={{ to: `${base}/orders`, label: "Orders" }}
        title="Order"
        id={o.id}
        noun="order"
        actions={
          <>
            {canRefund && o.status === "completed" ? <RefundOrder order={o} gateway={gateway} /> : null}
            <StatusBadge status={o.status} />
          </>
        }
      />
      {o.status === "completed" && o.refundRequestedAt ? (
        <Alert color="grape" variant="light" data-testid="refund-requested">
          A refund was requested {formatDateTimeSeconds(o.refundRequestedAt)}; the order becomes Refunded when {gateway} confirms.
        </Alert>
      ) : null}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <SectionCard title="Amounts">
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
            </SectionCard>
            <SectionCard title="Gateway, checkout and delivery">
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
                  { label: "Refund reason", value: o.refundReason },
                  { label: "Session", value: o.sessionId ? <Anchor component={Link} to={`${base}/sessions/${o.sessionId}`} ff="monospace" size="sm">{o.sessionId}</Anchor> : "Checkout intent (no session)" },
                  { label: "Customer", value: o.customerId ? <Anchor component={Link} to={`${base}/customers/${o.customerId}`} ff="monospace" size="sm">{o.customerId}</Anchor> : o.externalCustomerId },
                ]}
              />
            </SectionCard>
            <Card withBorder padding="lg">
              <Stack gap="lg">
                <JsonViewer value={partnerMetadata} label="partnerMetadata" testId="partner-metadata" />
                <JsonViewer value={systemMetadata} label="System metadata" testId="system-metadata" />
              </Stack>
            </Card>
            <SectionCard title="Webhook events" gap={4}>
              <Text size="sm" c="dimmed" mb="sm">
                Each event's deliveries to your endpoints; its page shows the payload and every attempt.
              </Text>
              <EventList events={events} base={base} canResend={canResend} />
            </SectionCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SectionCard title="Timeline">
            <StatusTimeline
              testId="order-timeline"
              steps={[
                { label: "Created", at: o.createdAt },
                { label: "Processing", at: o.processingAt },
                { label: "Completed", at: o.completedAt },
                { label: "Failed", at: o.failedAt, bad: true, detail: o.failureReason ?? undefined },
                { label: "Refunded", at: o.refundedAt, bad: true, detail: o.refundReason ?? undefined },
                { label: "Expired", at: o.expiredAt, bad: true },
              ]}
            />
          </SectionCard>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
