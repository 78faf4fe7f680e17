/**
 * The open checkout: the session's fields (locked ones shown read-only, open ones editable
 * within the partner's bounds), live quotes from the project's gateways, ranked and refreshed
 * while the page is open, the customer's choice of provider and email, and the hand-over to
 * the provider by its checkout method (a redirect, or an embedded frame).
 *
 * Every call back to the server is a POST carrying the session's credentials in its body.
 */
import { Alert, Badge, Button, Group, Loader, Radio, Select, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { IconLock } from "@tabler/icons-react";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { cryptoByCode, fiatByCode, networkById, paymentMethodById } from "~/gateways/catalogue";
import type { CheckoutBranding, ClosedCheckout, OpenCheckout, PlaceOrderResult, QuoteRefresh, QuoteView } from "./checkout.server";
import type { CheckoutErrorState } from "./edge.server";
import classes from "./checkout.module.css";
import { CheckoutShell } from "./checkout-shell";
import { ClosedCheckoutPage } from "./checkout-states";
import type { CheckoutCredentials, EditableField } from "./schemas";

/** How often the page asks for fresh prices (quotes hold about 60 s). */
export const QUOTE_REFRESH_MS = 30_000;
const TYPING_DELAY_MS = 400;

type Choices = Record<EditableField, string> & { paymentMethod: string };

// Hints under the input, so side-by-side inputs line up whatever their hints say.
const BELOW: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];

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

/** A choice the partner may have locked: read-only with who set it, or a select (both forms' pickers). */
export function LockableSelect({
  locked,
  field,
  label,
  shown,
  merchant,
  data,
  value,
  onChange,
  error,
}: {
  locked: boolean;
  field: string;
  label: string;
  /** The locked value as the customer reads it (a name, not a code). */
  shown: string;
  merchant: string;
  data: { value: string; label: string }[];
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
}) {
  if (locked) return <LockedField label={label} value={shown} merchant={merchant} testId={`field-${field}`} />;
  return <Select label={label} data={data} value={value} onChange={onChange} allowDeselect={false} error={error} data-testid={`field-${field}`} />;
}

export function LockedField({
  label,
  value,
  merchant,
  testId,
  description,
  multiline = false,
}: {
  label: string;
  value: string;
  merchant: string;
  testId: string;
  description?: string;
  /** A value the buyer must read whole (a wallet address): it wraps instead of being cut. */
  multiline?: boolean;
}) {
  if (multiline) {
    return (
      <Textarea
        label={label}
        value={value}
        readOnly
        autosize
        minRows={1}
        description={description ?? `Set by ${merchant}`}
        rightSection={<IconLock size={16} aria-hidden />}
        inputWrapperOrder={BELOW}
        data-testid={testId}
        data-locked="true"
        styles={{ input: { cursor: "default", fontFamily: "var(--mantine-font-family-monospace)", wordBreak: "break-all", resize: "none" } }}
      />
    );
  }
  return (
    <TextInput
      label={label}
      value={value}
      readOnly
      description={description ?? `Set by ${merchant}`}
      rightSection={<IconLock size={16} aria-hidden />}
      inputWrapperOrder={BELOW}
      data-testid={testId}
      data-locked="true"
      styles={{ input: { cursor: "default" } }}
    />
  );
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
  const [supported, setSupported] = useState(page.supported);
  const [quotes, setQuotes] = useState<QuoteView>(page.quotes);
  const [closed, setClosed] = useState<ClosedCheckout | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [gateway, setGateway] = useState<string | null>(page.quotes.ok ? (page.quotes.quotes[0]?.gateway.id ?? null) : null);
  const [email, setEmail] = useState("");
  const order = useFetcher<PlaceOrderResult | CheckoutErrorState>();
  const [frame, setFrame] = useState<{ url: string; gatewayName: string } | null>(null);
  const firstRun = useRef(true);
  // From the click on Pay until the order is refused: no more price refreshes. A refresh that
  // lands after the order was placed finds the session used and would close the payment frame.
  const ordering = useRef(false);

  const set = (field: keyof Choices) => (value: string | null) => setChoices((current) => ({ ...current, [field]: value ?? "" }));

  const refresh = useCallback(
    async (signal?: AbortSignal) => {
      if (ordering.current) return;
      setRefreshing(true);
      try {
        const response = await fetch("/checkout/quotes", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ ...credentials, choices }),
          signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        const result = (await response.json()) as QuoteRefresh;
        if (ordering.current) return;
        if (!result.ok) return setClosed(result.closed);
        if ("sell" in result) return;
        setSupported(result.supported);
        setQuotes(result.quotes);
      } catch {
        if (signal?.aborted) return;
        setQuotes({ ok: false, message: "We couldn't refresh the prices. Check your connection; we'll try again shortly." });
      } finally {
        if (!signal?.aborted) setRefreshing(false);
      }
    },
    [credentials, choices],
  );

  // New prices shortly after the customer stops typing, and every 30 s while the page is open.
  useEffect(() => {
    if (preview) return;
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
  }, [refresh, preview]);

  // Keep the chosen provider while it still quotes; otherwise take the best one.
  useEffect(() => {
    if (!quotes.ok) return;
    if (!quotes.quotes.some((q) => q.gateway.id === gateway)) setGateway(quotes.quotes[0]?.gateway.id ?? null);
  }, [quotes, gateway]);

  // A network that doesn't carry the chosen crypto gives way to that crypto's usual network.
  const crypto = supported.cryptos.find((c) => c.code === choices.destinationCurrency);
  useEffect(() => {
    if (page.fields.network.locked || !crypto) return;
    if (!crypto.networks.some((n) => n.id === choices.network)) set("network")(crypto.networks.find((n) => n.isDefault)?.id ?? crypto.networks[0]?.id ?? "");
  }, [crypto, choices.network, page.fields.network.locked]);

  // The provider's checkout: a redirect leaves the page (no Referer: the page's policy), a frame stays.
  useEffect(() => {
    const result = order.data;
    if (!result) return;
    if (!result.ok) {
      if ("closed" in result) setClosed(result.closed);
      else ordering.current = false;
      return;
    }
    if (!("checkout" in result)) return;
    const name = quotes.ok ? (quotes.quotes.find((q) => q.gateway.id === gateway)?.gateway.name ?? "the provider") : "the provider";
    if (result.checkout.method === "iframe") setFrame({ url: result.checkout.url, gatewayName: name });
    else window.location.assign(result.checkout.url);
    // Once per order answer: a later price refresh must not reopen or re-navigate the payment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order.data]);

  const paymentMethods = useMemo(
    () => supported.paymentMethods.filter((m) => m.supportedFiats.includes(choices.sourceCurrency as never)),
    [supported, choices.sourceCurrency],
  );

  if (closed) return <ClosedCheckoutPage page={closed} />;

  // A refusal (CheckoutErrorState): its message above the button, its field errors beside the fields.
  const refusal = order.data && "fieldErrors" in order.data ? order.data : null;
  const errors = refusal?.fieldErrors ?? {};
  const submitting = order.state !== "idle" || (order.data?.ok ?? false);
  const fiat = choices.sourceCurrency;
  const quoteProblem = !quotes.ok ? quotes : null;
  const chosenQuote = quotes.ok ? quotes.quotes.find((q) => q.gateway.id === gateway) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!gateway || preview) return;
    ordering.current = true;
    order.submit({ intent: "order", ...credentials, ...choices, gateway, email }, { method: "post", action: "/checkout", encType: "application/json" });
  };

  if (frame) {
    return (
      <CheckoutShell branding={page.branding} testMode={page.testMode}>
        <PaymentFrame url={frame.url} gatewayName={frame.gatewayName} branding={page.branding} />
      </CheckoutShell>
    );
  }

  const fieldError = (field: EditableField) => errors[field] ?? (quoteProblem?.field === field ? quoteProblem.message : undefined);
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
            Buy {choices.destinationCurrency || "crypto"}
          </Title>

          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <VisuallyHidden component="legend">You pay</VisuallyHidden>
            <Group grow align="flex-start" gap="sm" wrap="nowrap">
              {page.fields.sourceAmount.locked ? (
                <LockedField label="You pay" value={choices.sourceAmount} merchant={merchant} testId="field-sourceAmount" />
              ) : (
                <TextInput
                  label="You pay"
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
                label="Currency"
                shown={fiatName(fiat)}
                merchant={merchant}
                data={supported.fiats.map((f) => ({ value: f.code, label: fiatName(f.code) }))}
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
              shown={cryptoName(choices.destinationCurrency)}
              merchant={merchant}
              data={supported.cryptos.map((c) => ({ value: c.code, label: cryptoName(c.code) }))}
              value={choices.destinationCurrency || null}
              onChange={set("destinationCurrency")}
              error={fieldError("destinationCurrency")}
            />
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
          </Group>

          {page.fields.destinationAddress.locked ? (
            <LockedField label="Wallet address" value={choices.destinationAddress} merchant={merchant} testId="field-destinationAddress" multiline />
          ) : (
            <TextInput
              label="Wallet address"
              description={`Your ${networkName(choices.network)} address that receives the ${choices.destinationCurrency || "crypto"}`}
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
              label="Payment method"
              data={[{ value: "", label: "Any method" }, ...paymentMethods.map((m) => ({ value: m.id, label: m.name }))]}
              value={choices.paymentMethod}
              onChange={set("paymentMethod")}
              allowDeselect={false}
              error={errors.paymentMethod}
              data-testid="field-paymentMethod"
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
                    <QuoteCard key={quote.gateway.id} quote={quote} best={index === 0} fiat={fiat} crypto={choices.destinationCurrency} />
                  ))}
                </Stack>
              </Radio.Group>
            ) : (
              <Alert variant="light" color="gray" data-testid="quotes-empty">
                {quoteProblem
                  ? quoteProblem.field
                    ? "Prices appear once the details above are complete."
                    : quoteProblem.message
                  : `No provider can take this purchase${quotes.ok && quotes.unavailable[0] ? `: ${quotes.unavailable.map((u) => `${u.gateway.name} — ${u.reason}`).join("; ")}` : ""}.`}
              </Alert>
            )}
            {quotes.ok && quotes.quotes.length && quotes.unavailable.length ? (
              <Text size="xs" c="dimmed" data-testid="quotes-unavailable">
                Not available for this purchase: {quotes.unavailable.map((u) => `${u.gateway.name} (${u.reason})`).join(", ")}.
              </Text>
            ) : null}
          </Stack>

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
