/**
 * The open checkout: the session's fields (locked ones shown read-only, open ones editable
 * within the partner's bounds), live quotes from the project's gateways, ranked and refreshed
 * while the page is open, the customer's choice of provider and email, and the hand-over to
 * the provider by its checkout method (a redirect, or an embedded frame).
 *
 * Every call back to the server is a POST carrying the session's credentials in its body.
 */
import { Alert, Badge, Button, Group, Radio, Select, Stack, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { paymentMethodById } from "~/gateways/catalogue";
import type { CheckoutBranding, OpenCheckout, QuoteView } from "./checkout.server";
import classes from "./checkout.module.css";
import { CheckoutShell } from "./checkout-shell";
import { ClosedCheckoutPage } from "./checkout-states";
import { AmountField, CountryField, cryptoLabel, fiatLabel, LockableSelect, LockedField, networkLabel, useUsualNetwork } from "./fields";
import { QuoteChoice, useQuotedOrder } from "./live-quotes";
import type { CheckoutCredentials, EditableField } from "./schemas";

type Choices = Record<EditableField, string> & { paymentMethod: string };

function initialChoices(page: OpenCheckout): Choices {
  const value = (field: EditableField) => page.fields[field].value ?? "";
  return {
    sourceAmount: value("sourceAmount"),
    sourceCurrency: value("sourceCurrency"),
    destinationCurrency: value("destinationCurrency"),
    network: value("network"),
    destinationAddress: value("destinationAddress"),
    country: value("country"),
    paymentMethod: "",
  };
}

function QuoteCard({ quote, best, fiat, crypto }: { quote: Extract<QuoteView, { ok: true }>["quotes"][number]; best: boolean; fiat: string; crypto: string }) {
  return (
    <Radio.Card
      value={quote.gateway.id}
      p="sm"
      className={classes.quote}
      data-testid="quote"
      data-gateway={quote.gateway.id}
      aria-label={`${quote.gateway.name}: about ${quote.cryptoAmount} ${crypto}, fees ${quote.fees.total} ${fiat}`}
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
              <span data-testid="quote-amount">{quote.cryptoAmount}</span> {crypto}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            Fees {quote.fees.total} {fiat} (provider {quote.fees.gateway} + network {quote.fees.network}) · {quote.estimatedDeliveryTime}
            {quote.kycHandledByProvider ? " · ID check by provider" : ""}
          </Text>
        </Stack>
      </Group>
    </Radio.Card>
  );
}

function PaymentFrame({ url, gatewayName, branding }: { url: string; gatewayName: string; branding: CheckoutBranding }) {
  return (
    <Stack gap="sm" data-testid="checkout-iframe-step">
      <Title order={1} fz="h3">
        Pay with {gatewayName}
      </Title>
      <Text size="sm" c="dimmed">
        Complete the payment below. You'll return to {branding.displayName} when it's done.
      </Text>
      <iframe
        src={url}
        title={`Payment with ${gatewayName}`}
        referrerPolicy="no-referrer"
        // The provider's page may run scripts and forms, and send the whole window back when done.
        sandbox="allow-scripts allow-forms allow-same-origin allow-popups allow-top-navigation-by-user-activation"
        style={{ width: "100%", height: 620, border: "1px solid var(--mantine-color-default-border)", borderRadius: "var(--mantine-radius-default)" }}
        data-testid="checkout-iframe"
      />
      <Text size="xs" c="dimmed">
        Trouble with the payment window?{" "}
        <a href={url} rel="noreferrer" target="_top" style={{ color: "inherit" }}>
          Open it in this tab
        </a>
        .
      </Text>
    </Stack>
  );
}

/**
 * `preview`: the console's branding preview. The same page with sample figures: prices are not
 * refreshed and nothing is submitted.
 */
export function CheckoutForm({ page, credentials, preview = false }: { page: OpenCheckout; credentials: CheckoutCredentials; preview?: boolean }) {
  const merchant = page.branding.displayName;
  const [choices, setChoices] = useState<Choices>(() => initialChoices(page));
  const { supported, quotes, closed, refreshing, gateway, setGateway, accepted, refusal, submitting, placeOrder } = useQuotedOrder({
    initial: page,
    credentials,
    priced: choices,
    pick: (result) => ("sell" in result ? null : result),
    paused: preview,
  });
  const [email, setEmail] = useState("");
  const [frame, setFrame] = useState<{ url: string; gatewayName: string } | null>(null);

  const set = (field: keyof Choices) => (value: string | null) => setChoices((current) => ({ ...current, [field]: value ?? "" }));

  const crypto = supported.cryptos.find((c) => c.code === choices.destinationCurrency);
  useUsualNetwork(crypto, choices.network, page.fields.network.locked, set("network"));

  // The provider's checkout: a redirect leaves the page (no Referer: the page's policy), a frame stays.
  useEffect(() => {
    const result = accepted;
    if (!result || !("checkout" in result)) return;
    const name = quotes.ok ? (quotes.quotes.find((q) => q.gateway.id === gateway)?.gateway.name ?? "the provider") : "the provider";
    if (result.checkout.method === "iframe") setFrame({ url: result.checkout.url, gatewayName: name });
    else window.location.assign(result.checkout.url);
    // Once per order answer: a later price refresh must not reopen or re-navigate the payment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accepted]);

  const paymentMethods = useMemo(
    () => supported.paymentMethods.filter((m) => m.supportedFiats.includes(choices.sourceCurrency as never)),
    [supported, choices.sourceCurrency],
  );

  if (closed) return <ClosedCheckoutPage page={closed} />;

  const errors = refusal?.fieldErrors ?? {};
  const fiat = choices.sourceCurrency;
  const quoteProblem = !quotes.ok ? quotes : null;
  const chosenQuote = quotes.ok ? quotes.quotes.find((q) => q.gateway.id === gateway) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!preview) placeOrder({ ...choices, email });
  };

  if (frame) {
    return (
      <CheckoutShell branding={page.branding} testMode={page.testMode}>
        <PaymentFrame url={frame.url} gatewayName={frame.gatewayName} branding={page.branding} />
      </CheckoutShell>
    );
  }

  const fieldError = (field: EditableField) => errors[field] ?? (quoteProblem?.field === field ? quoteProblem.message : undefined);

  return (
    <CheckoutShell branding={page.branding} testMode={page.testMode}>
      <form onSubmit={submit} noValidate aria-describedby="checkout-summary">
        <Stack gap="md">
          <Title order={1} fz="h3" id="checkout-summary">
            Buy {choices.destinationCurrency || "crypto"}
          </Title>

          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <VisuallyHidden component="legend">You pay</VisuallyHidden>
            <Group grow align="flex-start" gap="sm" wrap="nowrap">
              <AmountField
                field={page.fields.sourceAmount}
                label="You pay"
                value={choices.sourceAmount}
                merchant={merchant}
                onChange={set("sourceAmount")}
                error={fieldError("sourceAmount")}
              />
              <LockableSelect
                locked={page.fields.sourceCurrency.locked}
                field="sourceCurrency"
                label="Currency"
                shown={fiatLabel(fiat)}
                merchant={merchant}
                data={supported.fiats.map((f) => ({ value: f.code, label: fiatLabel(f.code) }))}
                value={fiat || null}
                onChange={set("sourceCurrency")}
                error={fieldError("sourceCurrency")}
              />
            </Group>
          </fieldset>

          <Group grow align="flex-start" gap="sm" wrap="nowrap">
            <LockableSelect
              locked={page.fields.destinationCurrency.locked}
              field="destinationCurrency"
              label="You receive"
              shown={cryptoLabel(choices.destinationCurrency)}
              merchant={merchant}
              data={supported.cryptos.map((c) => ({ value: c.code, label: cryptoLabel(c.code) }))}
              value={choices.destinationCurrency || null}
              onChange={set("destinationCurrency")}
              error={fieldError("destinationCurrency")}
            />
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
          </Group>

          {page.fields.destinationAddress.locked ? (
            <LockedField label="Wallet address" value={choices.destinationAddress} merchant={merchant} testId="field-destinationAddress" multiline />
          ) : (
            <TextInput
              label="Wallet address"
              description={`Your ${networkLabel(choices.network)} address that receives the ${choices.destinationCurrency || "crypto"}`}
              value={choices.destinationAddress}
              onChange={(e) => set("destinationAddress")(e.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              required
              error={errors.destinationAddress}
              data-testid="field-destinationAddress"
            />
          )}

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
              label="Payment method"
              data={[{ value: "", label: "Any method" }, ...paymentMethods.map((m) => ({ value: m.id, label: m.name }))]}
              value={choices.paymentMethod}
              onChange={set("paymentMethod")}
              allowDeselect={false}
              error={errors.paymentMethod}
              data-testid="field-paymentMethod"
            />
          </Group>

          <QuoteChoice
            quotes={quotes}
            gateway={gateway}
            onChange={setGateway}
            refreshing={refreshing}
            error={errors.gateway}
            what="purchase"
            card={(quote, best) => <QuoteCard key={quote.gateway.id} quote={quote} best={best} fiat={fiat} crypto={choices.destinationCurrency} />}
          />

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
            {chosenQuote ? `Continue with ${chosenQuote.gateway.name}` : "Continue"}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            {chosenQuote
              ? `You'll pay ${chosenQuote.fiatAmount} ${fiat}${choices.paymentMethod ? ` by ${paymentMethodById(choices.paymentMethod)?.name ?? choices.paymentMethod}` : ""} on ${chosenQuote.gateway.name}'s secure page and receive about ${chosenQuote.cryptoAmount} ${choices.destinationCurrency}.`
              : "Choose a provider to continue."}
          </Text>
        </Stack>
      </form>
    </CheckoutShell>
  );
}
