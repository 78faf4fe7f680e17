/**
 * What both checkout forms (buy and sell) share: live prices, asked for again shortly after the customer changes a
 * priced field and every 30 s while the page is open; the chosen provider, kept while it still quotes; the order
 * placed with it, and its refusal; and the list of providers to choose from.
 */
import { Alert, Group, Loader, Radio, Stack, Text } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { ClosedCheckout, PlaceOrderResult, QuoteRefresh } from "./checkout.server";
import type { CheckoutErrorState } from "./edge.server";
import type { CheckoutCredentials } from "./schemas";

/** How often the page asks for fresh prices (quotes hold about 60 s). */
export const QUOTE_REFRESH_MS = 30_000;
const TYPING_DELAY_MS = 400;

/** Either side's quotes: ranked, with who could not quote and why; or why there are no prices yet. */
export type QuoteList =
  | { ok: true; quotes: { gateway: { id: string; name: string } }[]; unavailable: { gateway: { name: string }; reason: string }[] }
  | { ok: false; message: string; field?: string };

type Refreshed = Extract<QuoteRefresh, { ok: true }>;

export function useQuotedOrder<Q extends QuoteList, S>({
  initial,
  credentials,
  priced,
  pick,
  paused = false,
}: {
  initial: { quotes: Q; supported: S };
  credentials: CheckoutCredentials;
  /** The choices that set the price, sent with each refresh; compared by value, so a new object asks for nothing. */
  priced: Record<string, string>;
  /** This side's part of the server's answer (a buy form ignores a sell answer and the other way round). */
  pick: (result: Refreshed) => { quotes: Q; supported: S } | null;
  /** The branding preview: sample figures, never refreshed. */
  paused?: boolean;
}) {
  const [supported, setSupported] = useState(initial.supported);
  const [quotes, setQuotes] = useState<Q>(initial.quotes);
  const [closed, setClosed] = useState<ClosedCheckout | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [gateway, setGateway] = useState<string | null>(initial.quotes.ok ? (initial.quotes.quotes[0]?.gateway.id ?? null) : null);
  // From the click on Pay (or Sell) until the order is refused: no more price refreshes. A refresh that lands after
  // the order was placed finds the session used and would close the page under the customer.
  const ordering = useRef(false);
  const firstRun = useRef(true);
  const pickRef = useRef(pick);
  pickRef.current = pick;
  // Compared by value: a new object with the same choices is the same request.
  const pricedKey = JSON.stringify(priced);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key is the value
  const samePriced = useMemo(() => priced, [pricedKey]);

  const refresh = useCallback(
    async (signal: AbortSignal) => {
      if (ordering.current) return;
      setRefreshing(true);
      try {
        const response = await fetch("/checkout/quotes", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ ...credentials, choices: samePriced }),
          signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        const result = (await response.json()) as QuoteRefresh;
        if (ordering.current) return;
        if (!result.ok) return setClosed(result.closed);
        const mine = pickRef.current(result);
        if (!mine) return;
        setSupported(mine.supported);
        setQuotes(mine.quotes);
      } catch {
        if (signal.aborted) return;
        // Both sides' lists take this shape (QuoteList's second member).
        setQuotes({ ok: false, message: "We couldn't refresh the prices. Check your connection; we'll try again shortly." } as Q);
      } finally {
        if (!signal.aborted) setRefreshing(false);
      }
    },
    [credentials, samePriced],
  );

  // New prices shortly after the customer stops typing, and every 30 s while the page is open.
  useEffect(() => {
    if (paused) return;
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
  }, [refresh, paused]);

  // Keep the chosen provider while it still quotes; otherwise take the best one.
  useEffect(() => {
    if (!quotes.ok) return;
    if (!quotes.quotes.some((q) => q.gateway.id === gateway)) setGateway(quotes.quotes[0]?.gateway.id ?? null);
  }, [quotes, gateway]);

  // The order: placing it stops the refreshes; a refusal of the order (a field, the provider) starts them again,
  // a closed session (expired, used) closes the page. What an accepted order leads to is each form's own.
  const order = useFetcher<PlaceOrderResult | CheckoutErrorState>();
  useEffect(() => {
    const result = order.data;
    if (!result || result.ok) return;
    if ("closed" in result) setClosed(result.closed);
    else ordering.current = false;
  }, [order.data]);
  const placeOrder = (fields: Record<string, string>) => {
    if (!gateway) return;
    ordering.current = true;
    order.submit({ intent: "order", ...credentials, ...fields, gateway }, { method: "post", action: "/checkout", encType: "application/json" });
  };
  // A refusal: its message above the button, its field errors beside the fields.
  const refusal = order.data && "fieldErrors" in order.data ? order.data : null;
  const submitting = order.state !== "idle" || (order.data?.ok ?? false);

  return { supported, quotes, closed, refreshing, gateway, setGateway, accepted: order.data?.ok ? order.data : null, refusal, submitting, placeOrder };
}

/**
 * "Choose a provider": the ranked quotes as radio cards (best first), or why there are none, and who could not quote.
 * `what` names the customer's side in the messages ("purchase", "sale").
 */
export function QuoteChoice<Q extends QuoteList>({
  quotes,
  gateway,
  onChange,
  refreshing,
  error,
  what,
  card,
}: {
  quotes: Q;
  gateway: string | null;
  onChange: (gateway: string) => void;
  refreshing: boolean;
  error?: string;
  what: "purchase" | "sale";
  card: (quote: Extract<Q, { ok: true }>["quotes"][number], best: boolean) => ReactNode;
}) {
  const list: QuoteList = quotes;
  const problem = !list.ok ? list : null;
  return (
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
      {list.ok && list.quotes.length ? (
        <Radio.Group value={gateway} onChange={onChange} aria-labelledby="quotes-label" error={error}>
          <Stack gap="xs" data-testid="quotes">
            {list.quotes.map((quote, index) => card(quote as Extract<Q, { ok: true }>["quotes"][number], index === 0))}
          </Stack>
        </Radio.Group>
      ) : (
        <Alert variant="light" color="gray" data-testid="quotes-empty">
          {problem
            ? problem.field
              ? "Prices appear once the details above are complete."
              : problem.message
            : `No provider can take this ${what}${list.ok && list.unavailable[0] ? `: ${list.unavailable.map((u) => `${u.gateway.name} — ${u.reason}`).join("; ")}` : ""}.`}
        </Alert>
      )}
      {list.ok && list.quotes.length && list.unavailable.length ? (
        <Text size="xs" c="dimmed" data-testid="quotes-unavailable">
          Not available for this {what}: {list.unavailable.map((u) => `${u.gateway.name} (${u.reason})`).join(", ")}.
        </Text>
      ) : null}
    </Stack>
  );
}
