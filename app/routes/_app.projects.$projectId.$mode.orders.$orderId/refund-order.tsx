/** The Refund order button and its confirmation, for roles that may refund in this mode. */
import { Alert, Button, Code, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { IconReceiptRefund } from "@tabler/icons-react";
import { useState } from "react";
import { DialogActions } from "~/ui/dialog-actions";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";
import type { action } from "./route";

export function RefundOrder({ order, gateway }: { order: { sourceAmount: string; sourceCurrency: string; mode: string }; gateway: string }) {
  const fetcher = useFetcher<typeof action>();
  const [opened, setOpened] = useState(false);
  // A refund that went through closes the dialog and says so (a notification, announced as soon
  // as the answer is in: once the page has reloaded, a refunded order no longer shows this).
  const refund = useActionResult(fetcher.data, { intent: "refund", onSuccess: () => setOpened(false) });
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconReceiptRefund size={16} />} onClick={() => setOpened(true)}>
        Refund order
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Refund order">
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="refund" />
          <Stack>
            <Text size="sm">
              {gateway} returns <b>{`${order.sourceAmount} ${order.sourceCurrency}`}</b> to the customer. The order becomes Refunded when {gateway} confirms,
              and an <Code>order.refunded</Code> webhook is sent. This cannot be undone.
            </Text>
            {order.mode === "live" ? (
              <Alert color="orange" variant="light">
                This is a live order: real money goes back to the customer.
              </Alert>
            ) : null}
            <Textarea
              name="reason"
              label="Reason (optional)"
              description="Kept with the order and shown to your team."
              maxLength={500}
              autosize
              minRows={2}
              error={refund.fieldErrors.reason}
            />
            <FormMessages error={refund.formError} />
            <DialogActions submit="Refund order" color="red" loading={fetcher.state !== "idle"} onCancel={() => setOpened(false)} />
          </Stack>
        </fetcher.Form>
      </Modal>
    </>
  );
}
