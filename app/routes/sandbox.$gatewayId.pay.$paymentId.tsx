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
      expired: payment.status === "pending" && payment.expiresAt < new Date(),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const decision = form.get("decision");
  if (decision !== "approve" && decision !== "decline") return { error: "Choose Approve payment or Decline payment." };
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
