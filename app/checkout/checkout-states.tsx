/**
 * What the customer sees when the link can't be paid through: a wrong or incomplete link, an
 * expired, cancelled, finished or already-used session. Each says what happened and what to
 * do next, in the partner's branding where the link is genuine, and nothing else: no ids, no
 * other project's data, never a stack trace.
 */
import { Button, Stack, Text, Title } from "@mantine/core";
import type { ClosedCheckout } from "./checkout.server";
import { CheckoutShell } from "./checkout-shell";

const COPY: Record<ClosedCheckout["state"], { title: string; body: string }> = {
  invalid: {
    title: "This checkout link isn't valid",
    body: "The link may be incomplete or mistyped. Go back to the site you came from and start the purchase again.",
  },
  expired: {
    title: "This checkout has expired",
    body: "Checkout links are only valid for a limited time. Go back to the site you came from to start a new purchase.",
  },
  cancelled: {
    title: "This checkout was cancelled",
    body: "The merchant cancelled this purchase. No payment was taken. Go back to the site you came from if you still want to buy.",
  },
  completed: {
    title: "Payment complete",
    body: "This purchase is already paid. Your crypto is on its way to your wallet.",
  },
  failed: {
    title: "Payment failed",
    body: "The payment for this checkout didn't go through and no crypto will be sent. Go back to the site you came from to try again.",
  },
  in_progress: {
    title: "This checkout has already been used",
    body: "An order was already placed from this link and its payment is in progress.",
  },
};

export function ClosedCheckoutPage({ page }: { page: ClosedCheckout }) {
  const copy = COPY[page.state];
  const branding = page.state === "invalid" ? null : page.branding;
  const testMode = page.state === "invalid" ? false : page.testMode;
  const returnUrl = page.state === "invalid" ? null : page.returnUrl;
  const continueUrl = page.state === "in_progress" ? page.continueUrl : null;
  return (
    <CheckoutShell branding={branding} testMode={testMode}>
      <Stack gap="sm" data-testid="checkout-closed" data-state={page.state} role={page.state === "completed" ? "status" : "alert"}>
        <Title order={1} fz="h3">
          {copy.title}
        </Title>
        <Text>{copy.body}</Text>
      </Stack>
      {continueUrl ? (
        <Button component="a" href={continueUrl} rel="noreferrer" size="md" fullWidth>
          Continue to payment
        </Button>
      ) : null}
      {returnUrl ? (
        <Button component="a" href={returnUrl} rel="noreferrer" size="md" variant={continueUrl ? "default" : "filled"} fullWidth>
          Back to {branding?.displayName ?? "the merchant"}
        </Button>
      ) : null}
    </CheckoutShell>
  );
}
