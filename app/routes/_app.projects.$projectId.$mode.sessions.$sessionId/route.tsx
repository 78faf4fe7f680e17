/** One checkout session: its fields, field locks, metadata, events, timeline, order and customer. */
import { Anchor, Card, Code, Grid, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { networkById } from "~/gateways/catalogue";
import { orErrorPage } from "~/lib/actions.server";
import { requireProject } from "~/lib/permissions.server";
import { roleCan } from "~/lib/roles";
import { loadRelatedRequests } from "~/request-logs/page.server";
import { RequestList } from "~/request-logs/ui";
import { sessionDetail } from "~/sessions/detail.server";
import { OnNetwork } from "~/ui/data-table";
import { EventList } from "~/ui/event-list";
import { FieldList } from "~/ui/field-list";
import { formatDateTimeSeconds } from "~/ui/format";
import { JsonViewer } from "~/ui/json-viewer";
import { RecordHeader } from "~/ui/record-header";
import { RouteErrorPage } from "~/ui/route-error";
import { SectionCard } from "~/ui/section-card";
import { SellSections } from "~/ui/sell-sections";
import { TradeTypeBadge } from "~/ui/status-badge";
import { TimelineCard } from "~/ui/timeline";
import { FieldLocksCard } from "./field-locks";
import { SessionCustomerCard, SessionOrderCard } from "./related-cards";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.session.id ?? "Session"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { data: ["read"] });
  const detail = await orErrorPage(sessionDetail(ctx, params.sessionId ?? ""));
  const requests = roleCan(ctx.role, { requestLog: ["read"] }) ? await loadRelatedRequests(ctx, detail.session.id) : { items: [], more: false };
  return { ...detail, requests, base: `/projects/${ctx.projectId}/${ctx.mode}` };
}

export type SessionView = ReturnType<typeof useLoaderData<typeof loader>>;

export default function SessionPage() {
  const { session: s, order, customer, events, requests, base } = useLoaderData<typeof loader>();
  // A sell's source is the crypto sold (on `network`), its destination the fiat paid out.
  const sell = s.type === "offramp";
  return (
    <Stack gap="lg">
      <RecordHeader
        back={{ to: `${base}/sessions`, label: "Sessions" }}
        kind="Session"
        title={s.sourceAmount ? `${s.sourceAmount} ${s.sourceCurrency ?? ""}`.trim() : "Open amount"}
        status={s.status}
        facts={[
          { label: "Type", value: <TradeTypeBadge sell={sell} /> },
          sell
            ? { label: "Sells for", value: s.destinationCurrency ?? "Customer's choice" }
            : { label: "Buys", value: <OnNetwork network={s.network}>{s.destinationCurrency ?? "Customer's choice"}</OnNetwork> },
          {
            label: "Customer",
            value: customer ? (
              <Anchor component={Link} to={`${base}/customers/${customer.id}`}>
                {customer.externalId ?? customer.email ?? customer.id}
              </Anchor>
            ) : (
              "Unknown"
            ),
          },
        ]}
        id={s.id}
        noun="session"
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <SectionCard title="Details">
              <FieldList
                testId="session-fields"
                fields={[
                  { label: "Type", value: sell ? "Sell (offramp)" : "Buy (onramp)" },
                  { label: "Status", value: s.status },
                  { label: sell ? "Sells" : "Amount", value: s.sourceAmount ? `${s.sourceAmount} ${s.sourceCurrency ?? ""}` : null },
                  { label: sell ? "Crypto sold" : "Fiat currency", value: s.sourceCurrency },
                  { label: sell ? "Fiat received" : "Buys", value: s.destinationCurrency },
                  { label: "Network", value: s.network ? (networkById(s.network)?.name ?? s.network) : null },
                  sell
                    ? { label: "Refund address", value: s.refundAddress ? <Code>{s.refundAddress}</Code> : null }
                    : { label: "Wallet address", value: s.destinationAddress ? <Code>{s.destinationAddress}</Code> : null },
                  { label: "Country", value: s.country },
                  { label: "Your customer ID", value: s.externalCustomerId },
                  { label: "Redirect URL", value: s.redirectUrl },
                  { label: "Expires", value: formatDateTimeSeconds(s.expiresAt) },
                  { label: "Updated", value: formatDateTimeSeconds(s.updatedAt) },
                  { label: "Mode", value: s.mode === "live" ? "Live" : "Test" },
                  {
                    label: "Client secret",
                    value: (
                      <Text span size="sm" c="dimmed">
                        Shown once to your backend at creation; never stored in clear.
                      </Text>
                    ),
                  },
                ]}
              />
            </SectionCard>
            {sell && order ? <SellSections order={order} /> : null}
            <FieldLocksCard fieldLocks={s.fieldLocks} />
            <Card withBorder padding="lg">
              <JsonViewer value={s.metadata} label="Metadata" testId="session-metadata" />
            </Card>
            <SectionCard title="Events" gap="sm">
              <EventList events={events} base={base} />
            </SectionCard>
            <SectionCard title="API requests" gap={4}>
              <Text size="sm" c="dimmed" mb="sm">
                The newest requests that touched this session.{" "}
                <Anchor component={Link} to={`${base}/logs?q=${s.id}`} size="sm" underline="always">
                  All of them in Logs
                </Anchor>
              </Text>
              <RequestList base={base} items={requests.items} emptyText="No API request in the last 30 days touched it." />
            </SectionCard>
          </Stack>
        </Grid.Col>
        {/* On a phone the timeline comes first, under the header, rather than after every card. */}
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            <TimelineCard
              testId="session-timeline"
              steps={[
                { label: "Created", at: s.createdAt },
                { label: "Confirmed", at: s.confirmedAt },
                { label: "Processing", at: s.processingAt },
                { label: "Completed", at: s.completedAt },
                { label: "Failed", at: s.failedAt, bad: true },
                { label: "Cancelled", at: s.cancelledAt, bad: true },
                { label: "Expired", at: s.expiredAt, bad: true },
              ]}
            />
            <SessionOrderCard order={order} base={base} />
            <SessionCustomerCard customer={customer} base={base} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export { RouteErrorPage as ErrorBoundary };
