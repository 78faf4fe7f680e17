/**
 * A placed sale in the hosted checkout: the deposit instructions (network, exact amount, address with a copy
 * button and a QR code, a countdown to the deadline) and the sale's live status, polled every few seconds by POST
 * with the credentials in the body: awaiting deposit → deposit received → payout sent, then back to the partner's
 * redirectUrl. Failed, expired and refunded sales say what happened to the crypto.
 */
import { Alert, Box, Button, CopyButton, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { CheckoutShell } from "./checkout-shell";
import type { CheckoutCredentials } from "./schemas";
import type { SellOrderPage, SellOrderView } from "./sell-checkout.server";

/** How often a waiting sale asks for its status. */
export const SELL_STATUS_POLL_MS = 3_000;
/** How long "Payout sent" shows before the customer is taken back to the partner. */
const RETURN_DELAY_MS = 2_500;

type PolledPage = { intent: "resume"; page: { state: string } & Partial<SellOrderPage> } | { ok: false };

function countdown(msLeft: number) {
  const total = Math.max(0, Math.floor(msLeft / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

function CopyValue({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          variant="default"
          size="compact-sm"
          onClick={copy}
          aria-label={copied ? `Copied ${label}` : `Copy ${label}`}
          leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
          data-testid={testId}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      )}
    </CopyButton>
  );
}

const STEPS = ["Waiting for your deposit", "Deposit received", "Payout sent"] as const;

function Progress({ status }: { status: SellOrderView["status"] }) {
  const reached = status === "created" ? 0 : status === "processing" ? 1 : status === "completed" ? 2 : -1;
  if (reached < 0) return null;
  return (
    <Group component="ol" gap="xs" wrap="wrap" m={0} p={0} style={{ listStyle: "none" }} aria-label="Progress" data-testid="sell-progress">
      {STEPS.map((step, index) => {
        const done = index < reached || (index === reached && status === "completed");
        const current = index === reached && !done;
        return (
          <Group key={step} component="li" gap={6} wrap="nowrap" aria-current={current ? "step" : undefined}>
            <Box
              w={10}
              h={10}
              style={{
                borderRadius: 5,
                background: done || current ? "var(--mantine-primary-color-filled)" : "var(--mantine-color-default-border)",
                opacity: current ? 0.55 : 1,
              }}
              aria-hidden
            />
            <Text size="xs" fw={current ? 650 : 400} c={done || current ? undefined : "dimmed"}>
              {step}
            </Text>
          </Group>
        );
      })}
    </Group>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Box style={{ minWidth: 0, textAlign: "right" }}>{children}</Box>
    </Group>
  );
}

function DepositInstructions({ order, now }: { order: SellOrderView; now: number | null }) {
  const crypto = `${order.cryptoAmount} ${order.cryptoCurrency}`;
  const msLeft = now === null ? null : new Date(order.depositExpiresAt).getTime() - now;
  return (
    <Stack gap="md" data-testid="deposit-instructions">
      <Text>
        Send <strong>exactly {crypto}</strong> on the <strong>{order.networkName}</strong> network to the address below. Sending another coin, another network
        or another amount may lose your funds.
      </Text>
      <Group justify="center">
        <Box p={6} bg="#ffffff" style={{ borderRadius: 8, lineHeight: 0 }}>
          <img src={order.qrCode} width={176} height={176} alt={`QR code of the deposit address ${order.depositAddress}`} data-testid="deposit-qr" />
        </Box>
      </Group>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} id="deposit-address-label">
            Deposit address ({order.networkName})
          </Text>
          <CopyValue value={order.depositAddress} label="deposit address" testId="copy-deposit-address" />
        </Group>
        <Text
          ff="monospace"
          fz="sm"
          p="xs"
          bg="var(--mantine-color-default-hover)"
          style={{ borderRadius: "var(--mantine-radius-default)", wordBreak: "break-all", overflowWrap: "anywhere" }}
          aria-labelledby="deposit-address-label"
          data-testid="deposit-address"
        >
          {order.depositAddress}
        </Text>
      </Stack>
      <Stack gap={6}>
        <Row label="Amount">
          <Group gap="xs" wrap="nowrap" justify="flex-end">
            <Text size="sm" fw={650} data-testid="deposit-amount" style={{ fontVariantNumeric: "tabular-nums" }}>
              {crypto}
            </Text>
            <CopyValue value={order.cryptoAmount} label="amount" testId="copy-deposit-amount" />
          </Group>
        </Row>
        <Row label="Network">
          <Text size="sm" fw={650} data-testid="deposit-network">
            {order.networkName}
          </Text>
        </Row>
        <Row label="Time left">
          <Text size="sm" fw={650} data-testid="deposit-countdown" style={{ fontVariantNumeric: "tabular-nums" }} aria-live="off">
            {msLeft === null ? "…" : countdown(msLeft)}
          </Text>
        </Row>
      </Stack>
    </Stack>
  );
}

function Payout({ order }: { order: SellOrderView }) {
  return (
    <Stack gap={6}>
      <Row label="You receive">
        <Text size="sm" fw={650} data-testid="payout-amount">
          {order.fiatAmount} {order.fiatCurrency}
        </Text>
      </Row>
      <Row label="Paid out by">
        <Text size="sm">
          {order.gatewayName}
          {order.payoutMethod ? ` · ${order.payoutMethod}` : ""}
        </Text>
      </Row>
    </Stack>
  );
}

/** A wallet address inside running text: it breaks anywhere, so a phone shows it whole. */
function Address({ value }: { value: string }) {
  return (
    <Text span ff="monospace" fz="inherit" style={{ wordBreak: "break-all" }}>
      {value}
    </Text>
  );
}

const OUTCOME: Partial<Record<SellOrderView["status"], { title: string; body: (o: SellOrderView) => ReactNode }>> = {
  expired: {
    title: "The deposit window closed",
    body: (o) =>
      `We didn't receive ${o.cryptoAmount} ${o.cryptoCurrency} in time, so this sale was cancelled and nothing will be paid out. Don't send anything to this address now. If you already sent it, ${o.gatewayName} returns it to your refund address.`,
  },
  failed: {
    title: "The sale didn't go through",
    body: (o) => `${o.gatewayName} couldn't complete this sale, so nothing will be paid out. Any crypto it received goes back to your refund address.`,
  },
  refunded: {
    title: "Payout declined: your crypto was returned",
    body: (o) => (
      <>
        {o.gatewayName} couldn't pay you out, so it sent {o.cryptoAmount} {o.cryptoCurrency} back to your refund address
        {o.refundAddress ? (
          <>
            {" "}
            <Address value={o.refundAddress} />
          </>
        ) : null}
        .
      </>
    ),
  },
};

export function SellOrderStatus({ page: initial, credentials }: { page: SellOrderPage; credentials: CheckoutCredentials }) {
  const [page, setPage] = useState(initial);
  const [now, setNow] = useState<number | null>(null);
  const [leaving, setLeaving] = useState(false);
  const poll = useFetcher<PolledPage>();
  // Only a sale seen to finish on this page goes back by itself; a reload of a finished one waits for a click.
  const sawWaiting = useRef(initial.order.status === "created" || initial.order.status === "processing");
  const { order, branding } = page;
  const waiting = order.status === "created" || order.status === "processing";

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // The fetcher changes identity on every render (the countdown ticks each second): the timer reads it by ref.
  const pollRef = useRef(poll);
  pollRef.current = poll;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      const fetcher = pollRef.current;
      if (fetcher.state === "idle") fetcher.submit({ intent: "resume", ...credentials }, { method: "post", action: "/checkout", encType: "application/json" });
    }, SELL_STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, credentials]);

  useEffect(() => {
    const answer = poll.data;
    if (answer && "intent" in answer && answer.page.state === "sell_order" && answer.page.order) setPage(answer.page as SellOrderPage);
  }, [poll.data]);

  useEffect(() => {
    if (order.status !== "completed" || !order.returnUrl || !sawWaiting.current) return;
    setLeaving(true);
    const timer = setTimeout(() => window.location.assign(order.returnUrl!), RETURN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [order.status, order.returnUrl]);

  const outcome = OUTCOME[order.status];
  const title =
    order.status === "created"
      ? `Send your ${order.cryptoCurrency}`
      : order.status === "processing"
        ? "Deposit received"
        : order.status === "completed"
          ? "Payout sent"
          : (outcome?.title ?? "Sale");

  return (
    <CheckoutShell branding={branding} testMode={page.testMode}>
      <Stack gap="md" data-testid="sell-order" data-status={order.status}>
        <Stack gap="xs">
          <Title order={1} fz="h3">
            {title}
          </Title>
          <Progress status={order.status} />
        </Stack>

        <Box role="status" aria-live="polite" data-testid="sell-status">
          {order.status === "created" ? (
            <Group gap="xs" wrap="nowrap">
              <Loader size={14} aria-hidden />
              <Text size="sm">Waiting for your deposit. This page updates by itself.</Text>
            </Group>
          ) : order.status === "processing" ? (
            <Group gap="xs" wrap="nowrap">
              <Loader size={14} aria-hidden />
              <Text size="sm">
                We've received your {order.cryptoAmount} {order.cryptoCurrency}. {order.gatewayName} is sending your payout
                {order.estimatedPayoutTime ? ` (usually within ${order.estimatedPayoutTime})` : ""}.
              </Text>
            </Group>
          ) : order.status === "completed" ? (
            <Text size="sm">
              {order.fiatAmount} {order.fiatCurrency} is on its way to you{order.payoutMethod ? ` by ${order.payoutMethod}` : ""}.
              {leaving ? ` Taking you back to ${branding.displayName}…` : ""}
            </Text>
          ) : outcome ? (
            <Alert color={order.status === "refunded" ? "gray" : "red"} variant="light" data-testid="sell-outcome">
              {outcome.body(order)}
            </Alert>
          ) : null}
        </Box>

        {order.status === "created" ? <DepositInstructions order={order} now={now} /> : null}

        {outcome ? null : <Payout order={order} />}

        {order.status === "created" && order.gatewayUrl ? (
          page.testMode ? (
            <Button component="a" href={order.gatewayUrl} target="_blank" rel="noreferrer" fullWidth data-testid="open-sandbox">
              Open the sandbox to simulate the deposit
            </Button>
          ) : (
            <Button component="a" href={order.gatewayUrl} target="_blank" rel="noreferrer" fullWidth data-testid="open-gateway">
              Add your payout details on {order.gatewayName}
            </Button>
          )
        ) : null}

        {!waiting && order.returnUrl ? (
          <Button
            component="a"
            href={order.returnUrl}
            rel="noreferrer"
            size="md"
            fullWidth
            variant={order.status === "completed" ? "filled" : "default"}
            data-testid="sell-return"
          >
            Back to {branding.displayName}
          </Button>
        ) : null}
        {!waiting && !order.returnUrl ? (
          <Text size="sm" c="dimmed">
            You can close this window and go back to {branding.displayName}.
          </Text>
        ) : null}
      </Stack>
    </CheckoutShell>
  );
}
