/**
 * The open sell checkout: what the customer sells (an exact crypto amount on a network) and what they receive
 * (fiat, net of fees) from ranked sell quotes, the payout method, the refund address and email. Locked fields are
 * read-only, as for buys. Placing the sale turns the page into its deposit instructions (SellOrderStatus).
 *
 * Every call back to the server is a POST carrying the session's credentials in its body.
 */
import { Alert, Badge, Button, Group, Radio, Select, Stack, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useMemo, useState, type FormEvent } from "react";
import { payoutMethodById } from "~/gateways/catalogue";
import classes from "./checkout.module.css";
import { CheckoutShell } from "./checkout-shell";
import { ClosedCheckoutPage } from "./checkout-states";
import { AmountField, CountryField, cryptoLabel, fiatLabel, LockableSelect, LockedField, networkLabel, useUsualNetwork } from "./fields";
import { QuoteChoice, useQuotedOrder } from "./live-quotes";
import type { OpenSellCheckout, SellQuoteView } from "./sell-checkout.server";
import { SellOrderStatus } from "./sell-order";
import type { CheckoutCredentials, SellField } from "./schemas";

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
  // The refund address doesn't change the price: typing it asks for nothing.
  const { refundAddress: _notPriced, ...priced } = choices;
  const { supported, quotes, closed, refreshing, gateway, setGateway, accepted, refusal, submitting, placeOrder } = useQuotedOrder({
    initial: page,
    credentials,
    priced,
    pick: (result) => ("sell" in result ? result : null),
  });
  const [email, setEmail] = useState("");

  const set = (field: keyof Choices) => (value: string | null) => setChoices((current) => ({ ...current, [field]: value ?? "" }));

  const crypto = supported.cryptos.find((c) => c.code === choices.sourceCurrency);
  useUsualNetwork(crypto, choices.network, page.fields.network.locked, set("network"));

  const payoutMethods = useMemo(
    () => supported.paymentMethods.filter((m) => m.supportedFiats.includes(choices.destinationCurrency as never)),
    [supported, choices.destinationCurrency],
  );

  // A placed sale: its deposit instructions next.
  if (accepted && "sellOrder" in accepted) return <SellOrderStatus page={accepted.sellOrder} credentials={credentials} />;
  if (closed) return <ClosedCheckoutPage page={closed} />;

  const errors = refusal?.fieldErrors ?? {};
  const fiat = choices.destinationCurrency;
  const cryptoCode = choices.sourceCurrency;
  const quoteProblem = !quotes.ok ? quotes : null;
  const chosenQuote = quotes.ok ? quotes.quotes.find((q) => q.gateway.id === gateway) : undefined;
  const payoutName = choices.payoutMethod ? (payoutMethodById(choices.payoutMethod)?.name ?? choices.payoutMethod) : "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    placeOrder({ ...choices, email });
  };

  const fieldError = (field: SellField) => errors[field] ?? (quoteProblem?.field === field ? quoteProblem.message : undefined);

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
              <AmountField
                field={page.fields.sourceAmount}
                label="You sell"
                value={choices.sourceAmount}
                merchant={merchant}
                onChange={set("sourceAmount")}
                error={fieldError("sourceAmount")}
              />
              <LockableSelect
                locked={page.fields.sourceCurrency.locked}
                field="sourceCurrency"
                label="Crypto"
                shown={cryptoLabel(cryptoCode)}
                merchant={merchant}
                data={supported.cryptos.map((c) => ({ value: c.code, label: cryptoLabel(c.code) }))}
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
              shown={networkLabel(choices.network)}
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
              shown={fiatLabel(fiat)}
              merchant={merchant}
              data={supported.fiats.map((f) => ({ value: f.code, label: fiatLabel(f.code) }))}
              value={fiat || null}
              onChange={set("destinationCurrency")}
              error={fieldError("destinationCurrency")}
            />
          </Group>

          <Group grow align="flex-start" gap="sm" wrap="nowrap">
            <CountryField
              locked={page.fields.country.locked}
              countries={page.countries}
              value={choices.country}
              merchant={merchant}
              onChange={set("country")}
              error={errors.country}
            />
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

          <QuoteChoice
            quotes={quotes}
            gateway={gateway}
            onChange={setGateway}
            refreshing={refreshing}
            error={errors.gateway}
            what="sale"
            card={(quote, best) => <SellQuoteCard key={quote.gateway.id} quote={quote} best={best} fiat={fiat} payoutName={payoutName} />}
          />

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
              description={`Your ${networkLabel(choices.network)} wallet: the ${cryptoCode || "crypto"} goes back here if the sale can't be completed`}
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
              ? `You'll send exactly ${chosenQuote.cryptoAmount} ${cryptoCode} on ${networkLabel(choices.network)} and receive ${chosenQuote.fiatAmount} ${fiat}${payoutName ? ` by ${payoutName}` : ""}, after ${chosenQuote.fees.total} ${fiat} in fees.`
              : "Choose a provider to continue."}
          </Text>
        </Stack>
      </form>
    </CheckoutShell>
  );
}
