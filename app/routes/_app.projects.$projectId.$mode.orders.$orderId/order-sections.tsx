/** The order page's cards: amounts, and the gateway, checkout and delivery fields. */
import { Anchor, Code, Group, Stack, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { IconExternalLink } from "@tabler/icons-react";
import { paymentMethodById, payoutMethodById } from "~/gateways/catalogue";
import { FieldList } from "~/ui/field-list";
import { formatDateTimeSeconds } from "~/ui/format";
import { SectionCard } from "~/ui/section-card";
import type { OrderView } from "./route";

export function AmountsCard({ order: o }: { order: OrderView["order"] }) {
  // A sell pays its fees out of the fiat payout; a buy on top of the fiat it pays.
  const sell = o.type === "sell";
  const feeCurrency = sell ? o.destinationCurrency : o.sourceCurrency;
  return (
    <SectionCard title="Amounts">
      <FieldList
        testId="order-amounts"
        cols={3}
        fields={[
          { label: sell ? "Customer sells" : "Customer pays", value: `${o.sourceAmount} ${o.sourceCurrency}` },
          {
            label: "Customer receives",
            value: o.destinationAmount ? `${o.destinationAmount} ${o.destinationCurrency}` : `${o.destinationCurrency} (amount not final)`,
          },
          { label: "Rate", value: o.rate ? `${o.rate} ${o.destinationCurrency} per ${o.sourceCurrency}` : null },
          { label: "Gateway fee", value: o.gatewayFee ? `${o.gatewayFee} ${feeCurrency}` : null },
          { label: "Network fee", value: o.networkFee ? `${o.networkFee} ${feeCurrency}` : null },
          sell
            ? { label: "Payout method", value: o.paymentMethod ? (payoutMethodById(o.paymentMethod)?.name ?? o.paymentMethod) : null }
            : { label: "Payment method", value: o.paymentMethod ? (paymentMethodById(o.paymentMethod)?.name ?? o.paymentMethod) : null },
        ]}
      />
    </SectionCard>
  );
}

export function OrderFieldsCard({ view, base }: { view: Pick<OrderView, "order" | "gateway" | "networkName" | "explorerUrl" | "sandboxHash">; base: string }) {
  const { order: o, gateway, networkName, explorerUrl, sandboxHash } = view;
  return (
    <SectionCard title="Gateway, checkout and delivery">
      <FieldList
        testId="order-fields"
        fields={[
          { label: "Gateway", value: gateway },
          { label: "Gateway's order id", value: o.providerOrderId ? <Code>{o.providerOrderId}</Code> : null },
          { label: "Checkout", value: o.checkoutMethod },
          { label: "Checkout expires", value: o.checkoutExpiresAt ? formatDateTimeSeconds(o.checkoutExpiresAt) : null },
          { label: "Network", value: networkName },
          // A sell has no wallet: its deposit and refund addresses are in the Deposit section.
          ...(o.type === "sell" ? [] : [{ label: "Wallet address", value: <Code>{o.destinationAddress}</Code> }]),
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
                ) : sandboxHash ? (
                  <Text size="xs" c="dimmed" data-testid="sandbox-hash">
                    Sandbox transaction: made up by the test gateway, not on {networkName}.
                  </Text>
                ) : null}
              </Stack>
            ) : null,
          },
          { label: "Email", value: o.email },
          { label: "Failure reason", value: o.failureReason },
          { label: "Refund reason", value: o.refundReason },
          {
            label: "Session",
            value: o.sessionId ? (
              <Anchor component={Link} to={`${base}/sessions/${o.sessionId}`} ff="monospace" size="sm">
                {o.sessionId}
              </Anchor>
            ) : (
              "Checkout intent (no session)"
            ),
          },
          {
            label: "Customer",
            value: o.customerId ? (
              <Anchor component={Link} to={`${base}/customers/${o.customerId}`} ff="monospace" size="sm">
                {o.customerId}
              </Anchor>
            ) : (
              o.externalCustomerId
            ),
          },
        ]}
      />
    </SectionCard>
  );
}
