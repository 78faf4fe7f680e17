import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { withSessionResult } from "~/checkout/return-url";
import { orErrorPage } from "~/lib/actions.server";
import { getDb } from "~/lib/db.server";
import { findOrderForReturn } from "~/orders/orders.server";

export const meta: MetaFunction = () => [{ title: "Payment · Ramp" }, { name: "referrer", content: "no-referrer" }];

/**
 * Where a gateway sends the customer after paying: on to the session's redirectUrl with
 * `sessionId` and `status` added (docs/api-contract.md#hosted-checkout), or a plain page when there is none.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const { order, redirectUrl } = await orErrorPage(findOrderForReturn(await getDb(), params.orderId ?? ""));
  if (redirectUrl && order.sessionId) {
    const status = order.status === "completed" ? "completed" : order.status === "failed" ? "failed" : "processing";
    throw redirect(withSessionResult(redirectUrl, order.sessionId, status), { headers: { "Referrer-Policy": "no-referrer" } });
  }
  return { status: order.status };
}

export default function PaymentReturn() {
  const { status } = useLoaderData<typeof loader>();
  return (
    <Center mih="100vh" p="xl">
      <Stack align="center" maw={420}>
        <Title order={2}>{status === "completed" ? "Payment complete" : status === "failed" ? "Payment failed" : "Payment in progress"}</Title>
        <Text c="dimmed" ta="center">
          {status === "completed" ? "Your crypto is on its way. You can close this window." : "You can close this window."}
        </Text>
        <Button component="a" href="/" variant="subtle">
          Close
        </Button>
      </Stack>
    </Center>
  );
}
