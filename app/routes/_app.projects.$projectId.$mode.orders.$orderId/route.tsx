/** One order: amounts, gateway and delivery, metadata, webhook events, timeline; Refund for roles that may. */
import { Alert, Anchor, Card, Grid, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { done, orErrorPage, projectActions, projectIntent } from "~/lib/actions.server";
import { parseMode, requireProject } from "~/lib/permissions.server";
import { loadRelatedRequests } from "~/request-logs/page.server";
import { RequestList } from "~/request-logs/ui";
import { modePermissions, roleCan } from "~/lib/roles";
import { orderDetail } from "~/orders/detail.server";
import { refundRefusal } from "~/orders/refundable";
import { refundOrder } from "~/orders/refunds.server";
import { refundOrderSchema } from "~/orders/schemas";
import { OnNetwork } from "~/ui/data-table";
import { EventList } from "~/ui/event-list";
import { formatDateTimeSeconds } from "~/ui/format";
import { JsonViewer } from "~/ui/json-viewer";
import { RecordHeader } from "~/ui/record-header";
import { RouteErrorPage } from "~/ui/route-error";
import { SectionCard } from "~/ui/section-card";
import { SellSections } from "~/ui/sell-sections";
import { TradeTypeBadge } from "~/ui/status-badge";
import { TimelineCard } from "~/ui/timeline";
import { AmountsCard, OrderFieldsCard } from "./order-sections";
import { RefundOrder } from "./refund-order";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.order.id ?? "Order"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const detail = await orErrorPage(orderDetail(ctx, params.orderId ?? ""));
  const requests = roleCan(ctx.role, { requestLog: ["read"] }) ? await loadRelatedRequests(ctx, detail.order.id) : { items: [], more: false };
  return {
    ...detail,
    requests,
    base: `/projects/${ctx.projectId}/${ctx.mode}`,
    // As on the event page: Resend needs the right to manage this mode's webhooks.
    canResend: roleCan(ctx.role, modePermissions.manageWebhooks(ctx.mode)) && roleCan(ctx.role, { webhook: ["read"] }),
    canRefund: roleCan(ctx.role, modePermissions.refundOrders(ctx.mode)),
  };
}

export type OrderView = ReturnType<typeof useLoaderData<typeof loader>>;

export const action = (args: ActionFunctionArgs) =>
  projectActions(
    {
      /** The same domain call as POST /v1/orders/:id/refund, with the member as the actor. */
      refund: projectIntent({
        permission: (params) => modePermissions.refundOrders(parseMode(params.mode)),
        // The API's field, without its strictness: the form also carries `intent`.
        schema: z.object({ reason: refundOrderSchema.shape.reason }),
        run: async (ctx, input) => {
          const refunded = await refundOrder(ctx, args.params.orderId ?? "", input);
          return done(refunded.status === "refunded" ? "Order refunded." : "Refund requested: the order becomes Refunded when the gateway confirms.");
        },
      }),
    },
    { defaultIntent: "refund" },
  )(args);

export default function OrderPage() {
  const view = useLoaderData<typeof loader>();
  const { order: o, gateway, systemMetadata, partnerMetadata, events, requests, base, canResend, canRefund } = view;
  const sell = o.type === "sell";
  const receives = o.destinationAmount ? `${o.destinationAmount} ${o.destinationCurrency}` : o.destinationCurrency;
  return (
    <Stack gap="lg">
      <RecordHeader
        back={{ to: `${base}/orders`, label: "Orders" }}
        kind="Order"
        title={`${o.sourceAmount} ${o.sourceCurrency}`}
        status={o.status}
        facts={[
          { label: "Type", value: <TradeTypeBadge sell={sell} /> },
          {
            label: "Receives",
            value: sell ? receives : <OnNetwork network={o.network}>{receives}</OnNetwork>,
          },
          {
            label: "Customer",
            value: o.customerId ? (
              <Anchor component={Link} to={`${base}/customers/${o.customerId}`}>
                {o.email ?? o.externalCustomerId ?? o.customerId}
              </Anchor>
            ) : (
              (o.email ?? o.externalCustomerId ?? "Unknown")
            ),
          },
          { label: "Gateway", value: gateway },
        ]}
        id={o.id}
        noun="order"
        actions={canRefund && refundRefusal(o) === null ? <RefundOrder order={o} gateway={gateway} /> : null}
      />
      {o.status === "completed" && o.refundRequestedAt ? (
        <Alert color="grape" variant="light" data-testid="refund-requested">
          A refund was requested {formatDateTimeSeconds(o.refundRequestedAt)}; the order becomes Refunded when {gateway} confirms.
        </Alert>
      ) : null}
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <AmountsCard order={o} />
            {sell ? <SellSections order={o} /> : null}
            <OrderFieldsCard view={view} base={base} />
            <Card withBorder padding="lg">
              <Stack gap="lg">
                <JsonViewer value={partnerMetadata} label="Your metadata" testId="partner-metadata" />
                <JsonViewer value={systemMetadata} label="System metadata" testId="system-metadata" />
              </Stack>
            </Card>
            <SectionCard title="Webhook events" gap={4}>
              <Text size="sm" c="dimmed" mb="sm">
                Each event's deliveries to your endpoints; its page shows the payload and every attempt.
              </Text>
              <EventList events={events} base={base} canResend={canResend} />
            </SectionCard>
            <SectionCard title="API requests" gap={4}>
              <Text size="sm" c="dimmed" mb="sm">
                The newest requests that touched this order.{" "}
                <Anchor component={Link} to={`${base}/logs?q=${o.id}`} size="sm" underline="always">
                  All of them in Logs
                </Anchor>
              </Text>
              <RequestList base={base} items={requests.items} emptyText="No API request in the last 30 days touched it." />
            </SectionCard>
          </Stack>
        </Grid.Col>
        {/* On a phone the timeline comes first, under the header, rather than after every card. */}
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <TimelineCard
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
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
