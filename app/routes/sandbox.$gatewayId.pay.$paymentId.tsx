import { Alert, Badge, Box, Button, Card, Center, Code, Group, Stack, Text, Title } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { orErrorPage } from "~/lib/actions.server";
import { getDb } from "~/lib/db.server";
import { decideSandboxPayment, findSandboxPayment } from "~/sandbox/provider.server";
import { providerPage } from "~/sandbox/respond.server";

export const meta: MetaFunction = () => [{ title: "Sandbox payment" }, { name: "referrer", content: "no-referrer" }];

// Gateways with checkout.method "iframe" are shown inside the hosted checkout, which is this
// origin in the sandbox: framing by this origin only.
export const headers = () => ({ "X-Frame-Options": "SAMEORIGIN", "Content-Security-Policy": "frame-ancestors 'self'" });

/** The sandbox gateway's payment page: a tester approves or declines the payment. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { gateway, payment } = await orErrorPage(findSandboxPayment(await getDb(), params.gatewayId ?? "", params.paymentId ?? ""));
  return {
    gateway: { id: gateway.id, name: gateway.name },
    payment: {
      id: payment.id,
      status: payment.status,
      fiat: `${payment.fiatAmount} ${payment.fiatCurrency}`,
      crypto: `${payment.cryptoAmount} ${payment.cryptoCurrency}`,
      network: payment.network,
      walletAddress: payment.walletAddress,
      type: payment.type,
      depositAddress: payment.depositAddress,
      depositExpiresAt: payment.depositExpiresAt?.toISOString() ?? null,
      expired: payment.status === "pending" && payment.expiresAt < new Date(),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const decision = form.get("decision");
  if (decision !== "approve" && decision !== "decline" && decision !== "sent") return { error: "Choose Approve payment or Decline payment." };
  return providerPage(async () => {
    const returnUrl = await decideSandboxPayment(await getDb(), params.gatewayId ?? "", params.paymentId ?? "", decision);
    // Inside a frame the page itself sends the whole window on (see below).
    if (returnUrl && form.get("embedded") === "1") return { error: null, returnUrl };
    if (returnUrl) throw redirect(returnUrl, { headers: { "Referrer-Policy": "no-referrer" } });
    return { error: null };
  });
}

export default function SandboxPayment() {
  const { gateway, payment } = useLoaderData<typeof loader>();
  if (payment.type === "sell") return <SandboxSale gateway={gateway} payment={payment} />;
  return <SandboxPurchase gateway={gateway} payment={payment} />;
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

const SALE_RESULT: Record<string, { color: string; text: string }> = {
  approved: { color: "teal", text: "Payout approved: the fiat is on its way." },
  refunded: { color: "gray", text: "Payout declined: the crypto was returned to the customer." },
};

/** A sale (off-ramp): the tester marks the deposit sent before the deadline, then approves or declines the payout. */
function SandboxSale({ gateway, payment }: PageData) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const decided = useActionData<typeof action>();
  const [embedded, setEmbedded] = useState(false);
  useEffect(() => setEmbedded(window.top !== window.self), []);
  useEffect(() => {
    if (decided && "returnUrl" in decided && decided.returnUrl) window.top?.location.assign(decided.returnUrl);
  }, [decided]);
  const result = SALE_RESULT[payment.status];
  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-1), var(--mantine-color-dark-8))">
      <Center mih="100vh" p="md">
        <Card withBorder shadow="md" radius="lg" padding="xl" w="100%" maw={440}>
          <Stack>
            <Group justify="space-between">
              <Title order={3}>{gateway.name}</Title>
              <Badge color="orange" variant="light">
                Sandbox sale
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              Simulated sale. No crypto moves: mark the deposit as sent, then choose how the payout ends.
            </Text>
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                The customer sends
              </Text>
              <Text fz={28} fw={700} data-testid="sandbox-crypto">
                {payment.crypto}
              </Text>
              <Text size="sm">
                on {payment.network} and receives <b>{payment.fiat}</b>
              </Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                To <Code fz="xs">{payment.depositAddress}</Code>
              </Text>
              {payment.depositExpiresAt ? (
                <Text size="xs" c="dimmed">
                  Deposit due by {new Date(payment.depositExpiresAt).toUTCString()}
                </Text>
              ) : null}
            </Stack>
            {decided && "error" in decided && decided.error ? (
              <Alert color="red" variant="light" role="alert" data-testid="sandbox-error">
                {decided.error}
              </Alert>
            ) : null}
            {result ? (
              <Alert color={result.color} variant="light" data-testid="sandbox-result">
                {result.text}
              </Alert>
            ) : payment.status === "pending" && payment.expired ? (
              <Alert color="gray" variant="light" data-testid="sandbox-result">
                The deposit window has closed: this sale has expired.
              </Alert>
            ) : (
              <Form method="post">
                {embedded ? <input type="hidden" name="embedded" value="1" /> : null}
                {payment.status === "pending" ? (
                  <Button type="submit" name="decision" value="sent" size="md" loading={busy} fullWidth>
                    Sent
                  </Button>
                ) : (
                  <Stack gap="xs">
                    <Alert color="blue" variant="light" data-testid="sandbox-deposited">
                      Deposit received.
                    </Alert>
                    <Button type="submit" name="decision" value="approve" color="teal" size="md" loading={busy} fullWidth>
                      Approve payout
                    </Button>
                    <Button type="submit" name="decision" value="decline" color="red" variant="light" size="md" disabled={busy} fullWidth>
                      Decline payout
                    </Button>
                  </Stack>
                )}
              </Form>
            )}
          </Stack>
        </Card>
      </Center>
    </Box>
  );
}

function SandboxPurchase({ gateway, payment }: PageData) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  // Inside the checkout's frame the decision sends the whole window on (to the partner's
  // redirectUrl), as a real gateway's embedded widget does, not just the frame.
  const [embedded, setEmbedded] = useState(false);
  useEffect(() => setEmbedded(window.top !== window.self), []);
  const decided = useActionData<typeof action>();
  useEffect(() => {
    if (decided && "returnUrl" in decided && decided.returnUrl) window.top?.location.assign(decided.returnUrl);
  }, [decided]);
  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-1), var(--mantine-color-dark-8))">
      <Center mih="100vh" p="md">
        <Card withBorder shadow="md" radius="lg" padding="xl" w="100%" maw={440}>
          <Stack>
            <Group justify="space-between">
              <Title order={3}>{gateway.name}</Title>
              <Badge color="orange" variant="light">
                Sandbox
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              Simulated payment page. No money moves: choose how this payment ends.
            </Text>
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                You pay
              </Text>
              <Text fz={28} fw={700} data-testid="sandbox-fiat">
                {payment.fiat}
              </Text>
              <Text size="sm">
                You receive about <b>{payment.crypto}</b> on {payment.network}
              </Text>
              <Text size="xs" c="dimmed">
                To <Code fz="xs">{payment.walletAddress}</Code>
              </Text>
            </Stack>
            {payment.status !== "pending" ? (
              <Alert
                color={payment.status === "approved" ? "teal" : payment.status === "refunded" ? "gray" : "red"}
                variant="light"
                data-testid="sandbox-result"
              >
                This payment was {payment.status}.
              </Alert>
            ) : payment.expired ? (
              <Alert color="gray" variant="light">
                This payment has expired. Start again from the checkout.
              </Alert>
            ) : (
              <Form method="post">
                {decided && "error" in decided && decided.error ? (
                  <Alert color="red" variant="light" role="alert" mb="xs" data-testid="sandbox-error">
                    {decided.error}
                  </Alert>
                ) : null}
                {embedded ? <input type="hidden" name="embedded" value="1" /> : null}
                <Stack gap="xs">
                  <Button type="submit" name="decision" value="approve" color="teal" size="md" loading={busy} fullWidth>
                    Approve payment
                  </Button>
                  <Button type="submit" name="decision" value="decline" color="red" variant="light" size="md" disabled={busy} fullWidth>
                    Decline payment
                  </Button>
                </Stack>
              </Form>
            )}
          </Stack>
        </Card>
      </Center>
    </Box>
  );
}
