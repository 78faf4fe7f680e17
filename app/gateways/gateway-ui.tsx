/** Small presentational pieces shared by the catalogue page and a project's gateway settings. */
import { Avatar, Group, Text, ThemeIcon, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconCheck, IconX } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { fiatByCode, type Gateway, type GatewayFeatures } from "./catalogue";

// A fixed locale, so server and browser render the same digits (no hydration mismatch).
const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const crypto = new Intl.NumberFormat("en-US", { maximumFractionDigits: 8 });

/** "$1,500", "€20", "CA$65" */
export function formatFiat(amount: number, code: string): string {
  const symbol = fiatByCode(code)?.symbol;
  return symbol ? `${symbol}${number.format(amount)}` : `${number.format(amount)} ${code}`;
}

/** "$5.49": always two decimals, as money is shown on a receipt. */
export function formatFiatExact(amount: number, code: string): string {
  const symbol = fiatByCode(code)?.symbol ?? "";
  return `${symbol}${amount.toFixed(2)}${symbol ? "" : ` ${code}`}`;
}

export function formatCrypto(amount: number): string {
  return crypto.format(amount);
}

/** "1.99%" or "3.5% + $1.99": the gateway's own fee, with the fixed part in USD when it has one. */
export function feeSummary(gateway: Gateway): string {
  const fixed = gateway.fixedFee.USD ?? Object.values(gateway.fixedFee)[0];
  const fixedCode = gateway.fixedFee.USD !== undefined ? "USD" : Object.keys(gateway.fixedFee)[0];
  return fixed && fixedCode ? `${gateway.feePercent}% + ${formatFiat(fixed, fixedCode)}` : `${gateway.feePercent}%`;
}

/** A coloured monogram: we ship no third-party logos. */
export function GatewayMark({ gateway, size = 40 }: { gateway: Gateway; size?: number }) {
  return (
    <Avatar size={size} radius="md" color={gateway.color} variant="light" aria-hidden fw={700}>
      {gateway.name.slice(0, 2)}
    </Avatar>
  );
}

export const FEATURE_LABELS: Record<keyof GatewayFeatures, { label: string; hint: string }> = {
  supportsBuy: { label: "Buy", hint: "Buyers pay fiat and receive crypto." },
  supportsSell: { label: "Sell", hint: "Sellers send crypto and receive fiat." },
  supportsRecurring: { label: "Recurring buys", hint: "Scheduled purchases without a new checkout." },
  supportsIframe: { label: "Iframe", hint: "Its payment page may be embedded in an iframe." },
  supportsWidget: { label: "Widget", hint: "Offers a JavaScript widget for your own page." },
  kycHandledByProvider: { label: "Own KYC", hint: "The gateway verifies the buyer's identity itself." },
};

/** Every feature as a check or a cross, so what a gateway lacks is as visible as what it has. */
export function FeatureList({ features }: { features: GatewayFeatures }) {
  return (
    <Group gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {(Object.keys(FEATURE_LABELS) as (keyof GatewayFeatures)[]).map((key) => {
        const on = features[key];
        return (
          <Tooltip key={key} label={FEATURE_LABELS[key].hint} withArrow openDelay={300}>
            <Group
              component="li"
              gap={6}
              wrap="nowrap"
              px={8}
              py={3}
              style={{
                borderRadius: 999,
                border: "1px solid var(--mantine-color-default-border)",
              }}
              data-feature={key}
              data-on={on}
            >
              <ThemeIcon size={16} radius="xl" variant={on ? "filled" : "light"} color={on ? "teal" : "gray"}>
                {on ? <IconCheck size={11} stroke={3} /> : <IconX size={11} stroke={3} />}
              </ThemeIcon>
              {/* Dimmed text, not a faded chip: faded text falls under WCAG's contrast on dark cards. */}
              <Text size="xs" fw={500} td={on ? undefined : "line-through"} c={on ? undefined : "dimmed"}>
                {FEATURE_LABELS[key].label}
              </Text>
              <VisuallyHidden>{on ? "(supported)" : "(not supported)"}</VisuallyHidden>
            </Group>
          </Tooltip>
        );
      })}
    </Group>
  );
}

export function SectionLabel({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={6} style={{ letterSpacing: 0.4 }}>
      {children}
    </Text>
  );
}
