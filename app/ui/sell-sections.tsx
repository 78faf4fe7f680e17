/**
 * A sell's Deposit and Payout sections (order and session pages): where the customer sends the exact crypto
 * amount by when, whether it arrived, and the fiat payout it buys; the refund address beside them.
 */
import { Code, Text } from "@mantine/core";
import { networkById, payoutMethodById } from "~/gateways/catalogue";
import { sellProgress } from "~/orders/sell-progress";
import type { OrderStatus } from "~db/schema";
import { CopyableCode } from "./copy-button";
import { FieldList } from "./field-list";
import { formatDateTimeSeconds } from "./format";
import { SectionCard } from "./section-card";

export interface SellOrderFields {
  status: OrderStatus;
  network: string;
  sourceAmount: string;
  sourceCurrency: string;
  destinationAmount: string | null;
  destinationCurrency: string;
  paymentMethod: string | null;
  depositAddress: string | null;
  depositExpiresAt: string | null;
  refundAddress: string | null;
  processingAt: string | null;
  completedAt: string | null;
}

export function SellSections({ order: o }: { order: SellOrderFields }) {
  const progress = sellProgress(o);
  return (
    <>
      <SectionCard title="Deposit">
        <FieldList
          testId="sell-deposit"
          fields={[
            { label: "Network", value: networkById(o.network)?.name ?? o.network },
            {
              label: "Exact amount",
              value: <Text span fw={600} size="sm">{`${o.sourceAmount} ${o.sourceCurrency}`}</Text>,
            },
            {
              label: "Deposit address",
              value: o.depositAddress ? (
                <CopyableCode value={o.depositAddress} label="Copy deposit address" testId="deposit-address" fz="xs" />
              ) : (
                "Not given by the gateway yet"
              ),
            },
            { label: "Deadline", value: o.depositExpiresAt ? formatDateTimeSeconds(o.depositExpiresAt) : null },
            {
              label: "Arrived",
              value: (
                <Text span size="sm" data-testid="deposit-state">
                  {progress.deposit === "received" && o.processingAt ? `Received ${formatDateTimeSeconds(o.processingAt)}` : capitalize(progress.deposit)}
                </Text>
              ),
            },
            { label: "Refund address", value: o.refundAddress ? <Code style={{ overflowWrap: "anywhere" }}>{o.refundAddress}</Code> : null },
          ]}
        />
      </SectionCard>
      <SectionCard title="Payout">
        <FieldList
          testId="sell-payout"
          fields={[
            { label: "Method", value: o.paymentMethod ? (payoutMethodById(o.paymentMethod)?.name ?? o.paymentMethod) : null },
            { label: "Currency", value: o.destinationCurrency },
            { label: "Amount", value: o.destinationAmount ? `${o.destinationAmount} ${o.destinationCurrency}` : "Not final yet" },
            {
              label: "Status",
              value: (
                <Text span size="sm" data-testid="payout-state">
                  {progress.payout === "sent" && o.completedAt ? `Sent ${formatDateTimeSeconds(o.completedAt)}` : capitalize(progress.payout)}
                </Text>
              ),
            },
          ]}
        />
      </SectionCard>
    </>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
