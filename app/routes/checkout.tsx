/**
 * GET /checkout?sessionId=…&clientSecret=…&projectId=… — the hosted checkout
 * (docs/api-contract.md#hosted-checkout). A public page: the clientSecret is the credential. Right after the first load the
 * page takes the secret out of the address bar (keeping it in this tab's sessionStorage, so a
 * reload can resume by POST), and every later call carries it in a POST body, never a URL.
 * Security headers (strict CSP with a nonce, no Referer, no framing, no caching) are added by
 * entry.server for this route (app/checkout/security.server.ts).
 */
import { Stack, Text, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { enforceIpRateLimit } from "~/api/rate-limit.server";
import { loadCheckout, placeCheckoutOrder, type CheckoutPage, type PlaceOrderResult } from "~/checkout/checkout.server";
import { CheckoutForm } from "~/checkout/checkout-form";
import { CheckoutShell } from "~/checkout/checkout-shell";
import { ClosedCheckoutPage } from "~/checkout/checkout-states";
import { setResumedBranding } from "~/checkout/resumed-branding";
import { SellCheckoutForm } from "~/checkout/sell-form";
import { SellOrderStatus } from "~/checkout/sell-order";
import { answerCheckout, checkoutFieldErrors, type CheckoutErrorState } from "~/checkout/edge.server";
import { checkoutCredentialsSchema, placeOrderSchema, type CheckoutCredentials } from "~/checkout/schemas";
import { getDb } from "~/lib/db.server";

type Loaded = { page: CheckoutPage | { state: "resume" }; credentials: CheckoutCredentials | null };

const NO_STORE = { "Cache-Control": "no-store" };

function statusOf(page: Loaded["page"]) {
  return page.state === "invalid" ? 404 : 200;
}

/** The pages that keep calling back with the credentials: an open form, or a sale waiting on its deposit. */
function usesCredentials(page: Loaded["page"]) {
  return page.state === "open" || page.state === "sell" || page.state === "sell_order";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  const sessionId = query.get("sessionId") ?? "";
  const projectId = query.get("projectId") ?? "";
  const clientSecret = query.get("clientSecret");
  // A reload after the secret left the address bar: the page resumes with the secret it kept.
  if (clientSecret === null && sessionId && projectId) {
    return data<Loaded>({ page: { state: "resume" }, credentials: null }, { headers: NO_STORE });
  }
  const page = await loadCheckout(
    await getDb(),
    { sessionId, projectId, clientSecret: clientSecret ?? "" },
    { acceptLanguage: request.headers.get("accept-language") },
  );
  const credentials = usesCredentials(page) ? { sessionId, projectId, clientSecret: clientSecret! } : null;
  return data<Loaded>({ page, credentials }, { status: statusOf(page), headers: NO_STORE });
}

export type CheckoutActionResult = ({ intent: "resume" } & Loaded) | ({ intent: "order" } & PlaceOrderResult) | CheckoutErrorState;

/**
 * POST /checkout (JSON): `resume` loads the page by credentials in the body (also a placed sale's status poll);
 * `order` places the order.
 */
export function action({ request }: ActionFunctionArgs) {
  return answerCheckout(async () => {
    // Keyless like the public API, so counted per client IP like it.
    await enforceIpRateLimit(request);
    const body = (await request.json().catch(() => null)) as { intent?: unknown } | null;
    const db = await getDb();
    if (body?.intent === "resume") {
      const credentials = checkoutCredentialsSchema.safeParse(body);
      const page = credentials.success
        ? await loadCheckout(db, credentials.data, { acceptLanguage: request.headers.get("accept-language") })
        : ({ state: "invalid" } as const);
      return data<CheckoutActionResult>(
        { intent: "resume", page, credentials: usesCredentials(page) && credentials.success ? credentials.data : null },
        { status: statusOf(page), headers: NO_STORE },
      );
    }
    if (body?.intent === "order") {
      if (!checkoutCredentialsSchema.safeParse(body).success)
        return data<CheckoutActionResult>({ intent: "order", ok: false, closed: { state: "invalid" } }, { headers: NO_STORE });
      const input = placeOrderSchema.safeParse(body);
      if (!input.success) throw checkoutFieldErrors(input.error);
      const result = await placeCheckoutOrder(db, input.data);
      return data<CheckoutActionResult>({ intent: "order", ...result }, { status: result.ok ? 201 : 200, headers: NO_STORE });
    }
    return data({ error: "Unknown request." }, { status: 400, headers: NO_STORE });
  }, NO_STORE);
}

// The page's data never reloads by URL (that URL once held the secret): fetchers carry it.
export const shouldRevalidate = () => false;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => {
  const page = loaded?.page;
  const merchant = page && "branding" in page ? page.branding.displayName : null;
  return [{ title: merchant ? `${merchant} · Checkout` : "Checkout" }, { name: "referrer", content: "no-referrer" }, { name: "robots", content: "noindex" }];
};

const storageKey = (sessionId: string) => `ramp-checkout:${sessionId}`;

function readKept(sessionId: string | null): CheckoutCredentials | null {
  if (!sessionId) return null;
  try {
    const parsed = checkoutCredentialsSchema.safeParse(JSON.parse(window.sessionStorage.getItem(storageKey(sessionId)) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export default function Checkout() {
  const loaded = useLoaderData<typeof loader>() as Loaded;
  const navigate = useNavigate();
  const resume = useFetcher<CheckoutActionResult>();
  const [nothingKept, setNothingKept] = useState(false);

  useEffect(() => {
    const { credentials, page } = loaded;
    if (credentials) {
      // Out of the address bar (and so out of history, bookmarks and screenshots), kept for a reload.
      window.sessionStorage.setItem(storageKey(credentials.sessionId), JSON.stringify(credentials));
      const clean = new URLSearchParams({ sessionId: credentials.sessionId, projectId: credentials.projectId });
      navigate(`/checkout?${clean}`, { replace: true, preventScrollReset: true });
    } else if (page.state === "resume") {
      const kept = readKept(new URLSearchParams(window.location.search).get("sessionId"));
      if (kept) resume.submit({ intent: "resume", ...kept }, { method: "post", action: "/checkout", encType: "application/json" });
      else setNothingKept(true);
    } else if (!usesCredentials(page) && page.state !== "invalid") {
      // A finished session: the kept secret has no more use.
      const sessionId = new URLSearchParams(window.location.search).get("sessionId");
      if (sessionId) window.sessionStorage.removeItem(storageKey(sessionId));
    }
    // Once per page load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const resumed = resume.data && "intent" in resume.data && resume.data.intent === "resume" ? resume.data : null;
  // The document's theme (root.tsx) follows the resumed page's branding.
  const resumedBranding = resumed && "branding" in resumed.page ? resumed.page.branding : null;
  useEffect(() => {
    setResumedBranding(resumedBranding);
    return () => setResumedBranding(null);
  }, [resumedBranding]);
  // Refused (e.g. too many requests from this address): as any failure to load.
  if (resume.data && !resumed) return <CheckoutFailed />;
  const { page, credentials } = resumed ?? loaded;
  if (page.state === "resume") {
    if (nothingKept) return <ClosedCheckoutPage page={{ state: "invalid" }} />;
    return (
      <CheckoutShell branding={null}>
        <Text c="dimmed" aria-live="polite">
          Loading your checkout…
        </Text>
      </CheckoutShell>
    );
  }
  if (page.state === "open" && credentials) return <CheckoutForm page={page} credentials={credentials} />;
  if (page.state === "sell" && credentials) return <SellCheckoutForm page={page} credentials={credentials} />;
  if (page.state === "sell_order" && credentials) return <SellOrderStatus page={page} credentials={credentials} />;
  if (usesCredentials(page)) return <ClosedCheckoutPage page={{ state: "invalid" }} />;
  return <ClosedCheckoutPage page={page} />;
}

/** Anything unexpected: a plain apology in the checkout's frame, never a stack trace. */
export function ErrorBoundary() {
  return <CheckoutFailed />;
}

function CheckoutFailed() {
  return (
    <CheckoutShell branding={null}>
      <Stack gap="sm" role="alert" data-testid="checkout-closed" data-state="error">
        <Title order={1} fz="h3">
          Something went wrong
        </Title>
        <Text>We couldn't load this checkout. Please try again in a moment, or go back to the site you came from.</Text>
      </Stack>
    </CheckoutShell>
  );
}
