/**
 * The open sell checkout: what the customer sells (an exact crypto amount on a network) and what they receive
 * (fiat, net of fees) from ranked sell quotes, the payout method, the refund address and email. Locked fields are
 * read-only, as for buys. Placing the sale turns the page into its deposit instructions (SellOrderStatus).
 *
 * Every call back to the server is a POST carrying the session's credentials in its body.
 */
import { Alert, Badge, Button, Group, Loader, Radio, Select, Stack, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { cryptoByCode, fiatByCode, networkById, payoutMethodById } from "~/gateways/catalogue";
import type { ClosedCheckout, PlaceOrderResult, QuoteRefresh } from "./checkout.server";
import type { CheckoutErrorState } from "./edge.server";
import classes from "./checkout.module.css";
import { CheckoutShell } from "./checkout-shell";
import { ClosedCheckoutPage } from "./checkout-states";
import { LockableSelect, LockedField, QUOTE_REFRESH_MS } from "./checkout-form";
import type { OpenSellCheckout, SellOrderPage, SellQuoteView } from "./sell-checkout.server";
import { SellOrderStatus } from "./sell-order";
import type { CheckoutCredentials, SellField } from "./schemas";

const TYPING_DELAY_MS = 400;
const BELOW: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];

type Choices = Record<SellField, string> & { payoutMethod: string };
type SellQuote = Extract<SellQuoteView, { ok: true }>["quotes"][number];

function SellQuoteCard({ quote, best, fiat, payoutName }: { quote: SellQuote; best: boolean; fiat: string; payoutName: string }) {
  return (
    <Radio.Card
      value={quote.gateway.id}
      p="sm"
      className={classes.quote}
      data-testid="quote"
      data-gateway={quote.gateway.id}
      aria-label={`${quote.gateway.name}: you receive ${quote.fiatAmount} ${fiat}, fees ${quote.fees.total} ${fiat}`}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={4} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Group gap={6} wrap="nowrap">
              <Text fw={650}>{quote.gateway.name}</Text>
              {best ? (
                <Badge size="sm" variant="filled" data-testid="best-quote">
                  Best price
                </Badge>
              ) : null}
            </Group>
            <Text fw={650} fz="sm" ta="right" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
              <span data-testid="quote-amount">{quote.fiatAmount}</span> {fiat}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            Fees {quote.fees.total} {fiat} · paid out in {quote.estimatedPayoutTime}
            {payoutName ? ` · ${payoutName}` : ""}
            {quote.kycHandledByProvider ? " · ID check by provider" : ""}
          </Text>
        </Stack>
      </Group>
    </Radio.Card>
  );
}

export function SellCheckoutForm({ page, credentials }: { page: OpenSellCheckout; credentials: CheckoutCredentials }) {
  const merchant = page.branding.displayName;
  const [choices, setChoices] = useState<Choices>(() => ({
    sourceAmount: page.fields.sourceAmount.value ?? "",
    sourceCurrency: page.fields.sourceCurrency.value ?? "",
    destinationCurrency: page.fields.destinationCurrency.value ?? "",
    network: page.fields.network.value ?? "",
    refundAddress: page.fields.refundAddress.value ?? "",
    country: page.fields.country.value ?? "",
    payoutMethod: "",
  }));
  const [supported, setSupported] = useState(page.supported);
  const [quotes, setQuotes] = useState<SellQuoteView>(page.quotes);
  const [closed, setClosed] = useState<ClosedCheckout | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [gateway, setGateway] = useState<string | null>(page.quotes.ok ? (page.quotes.quotes[0]?.gateway.id ?? null) : null);
  const [email, setEmail] = useState("");
  const [placed, setPlaced] = useState<SellOrderPage | null>(null);
  const order = useFetcher<PlaceOrderResult | CheckoutErrorState>();
  const firstRun = useRef(true);
  const ordering = useRef(false);

  const set = (field: keyof Choices) => (value: string | null) => setChoices((current) => ({ ...current, [field]: value ?? "" }));

  const refresh = useCallback(
    async (signal?: AbortSignal) => {
      if (ordering.current) return;
      setRefreshing(true);
      try {
        const { refundAddress: _ignored, ...priced } = choices;
        const response = await fetch("/checkout/quotes", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ ...credentials, choices: priced }),
          signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        const result = (await response.json()) as QuoteRefresh;
        if (ordering.current) return;
        if (!result.ok) return setClosed(result.closed);
        if (!("sell" in result)) return;
        setSupported(result.supported);
        setQuotes(result.quotes);
      } catch {
        if (signal?.aborted) return;
        setQuotes({ ok: false, message: "We couldn't refresh the prices. Check your connection; we'll try again shortly." });
      } finally {
        if (!signal?.aborted) setRefreshing(false);
      }
    },
    // The refund address doesn't change the price: typing it asks for nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [credentials, choices.sourceAmount, choices.sourceCurrency, choices.destinationCurrency, choices.network, choices.country, choices.payoutMethod],
  );

  useEffect(() => {
    const controller = new AbortController();
    const delay = firstRun.current ? QUOTE_REFRESH_MS : TYPING_DELAY_MS;
    firstRun.current = false;
    let timer = setTimeout(function tick() {
      void refresh(controller.signal);
      timer = setTimeout(tick, QUOTE_REFRESH_MS);
    }, delay);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [refresh]);

  useEffect(() => {
    if (!quotes.ok) return;
    if (!quotes.quotes.some((q) => q.gateway.id === gateway)) setGateway(quotes.quotes[0]?.gateway.id ?? null);
  }, [quotes, gateway]);

  const crypto = supported.cryptos.find((c) => c.code === choices.sourceCurrency);
  useEffect(() => {
    if (page.fields.network.locked || !crypto) return;
    if (!crypto.networks.some((n) => n.id === choices.network)) set("network")(crypto.networks.find((n) => n.isDefault)?.id ?? crypto.networks[0]?.id ?? "");
  }, [crypto, choices.network, page.fields.network.locked]);

  useEffect(() => {
    const result = order.data;
    if (!result) return;
    if (!result.ok) {
      if ("closed" in result) setClosed(result.closed);
      else ordering.current = false;
      return;
    }
    if ("sellOrder" in result) setPlaced(result.sellOrder);
  }, [order.data]);

  const payoutMethods = useMemo(
    () => supported.paymentMethods.filter((m) => m.supportedFiats.includes(choices.destinationCurrency as never)),
    [supported, choices.destinationCurrency],
  );

  if (placed) return <SellOrderStatus page={placed} credentials={credentials} />;
  if (closed) return <ClosedCheckoutPage page={closed} />;

  const refusal = order.data && "fieldErrors" in order.data ? order.data : null;
  const errors = refusal?.fieldErrors ?? {};
  const submitting = order.state !== "idle" || (order.data?.ok ?? false);
  const fiat = choices.destinationCurrency;
  const cryptoCode = choices.sourceCurrency;
  const quoteProblem = !quotes.ok ? quotes : null;
  const chosenQuote = quotes.ok ? quotes.quotes.find((q) => q.gateway.id === gateway) : undefined;
  const payoutName = choices.payoutMethod ? (payoutMethodById(choices.payoutMethod)?.name ?? choices.payoutMethod) : "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!gateway) return;
    ordering.current = true;
    order.submit({ intent: "order", ...credentials, ...choices, gateway, email }, { method: "post", action: "/checkout", encType: "application/json" });
  };

  const fieldError = (field: SellField) => errors[field] ?? (quoteProblem?.field === field ? quoteProblem.message : undefined);
  const amountHint = [
    page.fields.sourceAmount.min && `at least ${page.fields.sourceAmount.min}`,
    page.fields.sourceAmount.max && `at most ${page.fields.sourceAmount.max}`,
  ]
    .filter(Boolean)
    .join(", ");
  const cryptoName = (code: string) => `${code} · ${cryptoByCode(code)?.name ?? code}`;
  const fiatName = (code: string) => `${code} · ${fiatByCode(code)?.name ?? code}`;
  const networkName = (id: string) => networkById(id)?.name ?? id;
  const countryName = (code: string) => page.countries.find((c) => c.code === code)?.name ?? code;

  return (
    <CheckoutShell branding={page.branding} testMode={page.testMode}>
      <form onSubmit={submit} noValidate aria-describedby="checkout-summary">
        <Stack gap="md">
          <Title order={1} fz="h3" id="checkout-summary">
            Sell {cryptoCode || "crypto"}
          </Title>

          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <VisuallyHidden component="legend">You sell</VisuallyHidden>
            <Group grow align="flex-start" gap="sm" wrap="nowrap">
              {page.fields.sourceAmount.locked ? (
                <LockedField label="You sell" value={choices.sourceAmount} merchant={merchant} testId="field-sourceAmount" />
              ) : (
                <TextInput
                  label="You sell"
                  inputMode="decimal"
                  autoComplete="off"
                  value={choices.sourceAmount}
                  onChange={(e) => set("sourceAmount")(e.currentTarget.value)}
                  description={amountHint ? `Amount: ${amountHint}` : undefined}
                  inputWrapperOrder={BELOW}
                  error={fieldError("sourceAmount")}
                  data-testid="field-sourceAmount"
                />
              )}
              <LockableSelect
                locked={page.fields.sourceCurrency.locked}
                field="sourceCurrency"
                label="Crypto"
                shown={cryptoName(cryptoCode)}
                merchant={merchant}
                data={supported.cryptos.map((c) => ({ value: c.code, label: cryptoName(c.code) }))}
                value={cryptoCode || null}
                onChange={set("sourceCurrency")}
                error={fieldError("sourceCurrency")}
              />
            </Group>
          </fieldset>

          <Group grow align="flex-start" gap="sm" wrap="nowrap">
            <LockableSelect
              locked={page.fields.network.locked}
              field="network"
              label="Network"
              shown={networkName(choices.network)}
              merchant={merchant}
              data={(crypto?.networks ?? []).map((n) => ({ value: n.id, label: n.name }))}
              value={choices.network || null}
              onChange={set("network")}
              error={fieldError("network")}
            />
            <LockableSelect
              locked={page.fields.destinationCurrency.locked}
              field="destinationCurrency"
              label="You receive"
              shown={fiatName(fiat)}
              merchant={merchant}
              data={supported.fiats.map((f) => ({ value: f.code, label: fiatName(f.code) }))}
              value={fiat || null}
              onChange={set("destinationCurrency")}
              error={fieldError("destinationCurrency")}
            />
          </Group>

          <Group grow align="flex-start" gap="sm" wrap="nowrap">
            {page.fields.country.locked ? (
              <LockedField label="Country" value={countryName(choices.country)} merchant={merchant} testId="field-country" />
            ) : (
              <Select
                label="Country"
                placeholder="Where you live"
                searchable
                data={page.countries.map((c) => ({ value: c.code, label: c.name }))}
                value={choices.country || null}
                onChange={set("country")}
                error={errors.country}
                data-testid="field-country"
              />
            )}
            <Select
              label="Payout method"
              data={[{ value: "", label: "Any method" }, ...payoutMethods.map((m) => ({ value: m.id, label: m.name }))]}
              value={choices.payoutMethod}
              onChange={set("payoutMethod")}
              allowDeselect={false}
              error={errors.payoutMethod}
              data-testid="field-payoutMethod"
            />
          </Group>

          <Stack gap="xs">
            <Group justify="space-between" gap="xs">
              <Text fw={600} id="quotes-label">
                Choose a provider
              </Text>
              <Group gap={6} aria-live="polite">
                {refreshing ? <Loader size={14} aria-label="Updating prices" /> : null}
                <Text size="xs" c="dimmed">
                  Prices update every 30 s
                </Text>
              </Group>
            </Group>
            {quotes.ok && quotes.quotes.length ? (
              <Radio.Group value={gateway} onChange={setGateway} aria-labelledby="quotes-label" error={errors.gateway}>
                <Stack gap="xs" data-testid="quotes">
                  {quotes.quotes.map((quote, index) => (
                    <SellQuoteCard key={quote.gateway.id} quote={quote} best={index === 0} fiat={fiat} payoutName={payoutName} />
                  ))}
                </Stack>
              </Radio.Group>
            ) : (
              <Alert variant="light" color="gray" data-testid="quotes-empty">
                {quoteProblem
                  ? quoteProblem.field
                    ? "Prices appear once the details above are complete."
                    : quoteProblem.message
                  : `No provider can buy this${quotes.ok && quotes.unavailable[0] ? `: ${quotes.unavailable.map((u) => `${u.gateway.name} — ${u.reason}`).join("; ")}` : ""}.`}
              </Alert>
            )}
            {quotes.ok && quotes.quotes.length && quotes.unavailable.length ? (
              <Text size="xs" c="dimmed" data-testid="quotes-unavailable">
                Not available for this sale: {quotes.unavailable.map((u) => `${u.gateway.name} (${u.reason})`).join(", ")}.
              </Text>
            ) : null}
          </Stack>

          {page.fields.refundAddress.locked ? (
            <LockedField
              label="Refund address"
              value={choices.refundAddress}
              merchant={merchant}
              testId="field-refundAddress"
              description={`Set by ${merchant}: your ${cryptoCode || "crypto"} goes back here if the sale fails`}
              multiline
            />
          ) : (
            <TextInput
              label="Refund address"
              description={`Your ${networkName(choices.network)} wallet: the ${cryptoCode || "crypto"} goes back here if the sale can't be completed`}
              value={choices.refundAddress}
              onChange={(e) => set("refundAddress")(e.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              required
              error={errors.refundAddress}
              data-testid="field-refundAddress"
            />
          )}

          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            description="For your receipt and the provider's updates"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
            error={errors.email}
            data-testid="field-email"
          />

          {refusal ? (
            <Alert color="red" variant="light" role="alert" data-testid="checkout-error">
              {refusal.message}
            </Alert>
          ) : null}

          <Button type="submit" size="md" fullWidth loading={submitting} disabled={!chosenQuote} data-testid="checkout-submit">
            {chosenQuote ? `Sell with ${chosenQuote.gateway.name}` : "Continue"}
          </Button>
          <Text size="xs" c="dimmed" ta="center" data-testid="sell-summary">
            {chosenQuote
              ? `You'll send exactly ${chosenQuote.cryptoAmount} ${cryptoCode} on ${networkName(choices.network)} and receive ${chosenQuote.fiatAmount} ${fiat}${payoutName ? ` by ${payoutName}` : ""}, after ${chosenQuote.fees.total} ${fiat} in fees.`
              : "Choose a provider to continue."}
          </Text>
        </Stack>
      </form>
    </CheckoutShell>
  );
}
