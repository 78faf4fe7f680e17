/** The endpoint page's dialogs (one fetcher for all): send a test event, edit, roll the secret, resend failed, delete. */
import { Checkbox, Code, Modal, MultiSelect, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import type { useFetcher } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { DialogActions } from "~/ui/dialog-actions";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";
import { EVENT_TYPES } from "~/webhooks/event-types";
import { RESEND_FAILED_HOURS, SECRET_GRACE_HOURS } from "~/webhooks/schemas";
import type { action, EndpointView } from "./route";

export type EndpointDialog = null | "edit" | "roll" | "delete" | "test" | "resendFailed";

type Fetcher = ReturnType<typeof useFetcher<typeof action>>;

const GRACE_LABELS: Record<number, string> = { 0: "Stop now", 1: "1 hour", 24: "24 hours", 72: "3 days", 168: "7 days" };
const PERIOD_LABELS: Record<number, string> = { 1: "hour", 6: "6 hours", 24: "24 hours", 72: "3 days" };

/** A dialog's form: its intent, its fields, the form error, and Submit / Cancel. */
function IntentForm({
  fetcher,
  intent,
  submit,
  color,
  onCancel,
  children,
}: {
  fetcher: Fetcher;
  intent: string;
  submit: string;
  color?: "red";
  onCancel: () => void;
  children: ReactNode;
}) {
  const { formError } = useActionResult(fetcher.data, { intent });
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Stack>
        {children}
        <FormMessages error={formError} />
        <DialogActions submit={submit} color={color} loading={fetcher.state !== "idle"} onCancel={onCancel} />
      </Stack>
    </fetcher.Form>
  );
}

export function EndpointDialogs({
  dialog,
  endpoint,
  fetcher,
  onClose,
}: {
  dialog: EndpointDialog;
  endpoint: EndpointView["endpoint"];
  fetcher: Fetcher;
  onClose: () => void;
}) {
  const [allEvents, setAllEvents] = useState(endpoint.enabledEvents.includes("*"));
  const errors = (intent: string) => (fetcher.data && !fetcher.data.ok && fetcher.data.intent === intent ? fetcher.data.fieldErrors : {});
  return (
    <>
      <Modal opened={dialog === "test"} onClose={onClose} title="Send a test event">
        <IntentForm fetcher={fetcher} intent="test" submit="Send test event" onCancel={onClose}>
          <Text size="sm">A signed event with sample data (marked &quot;test&quot;) is sent to this endpoint only.</Text>
          <Select
            name="type"
            label="Event type"
            data={[...EVENT_TYPES]}
            defaultValue="order.completed"
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={errors("test").type}
          />
        </IntentForm>
      </Modal>

      <Modal opened={dialog === "edit"} onClose={onClose} title="Edit endpoint" size="lg">
        <IntentForm fetcher={fetcher} intent="update" submit="Save" onCancel={onClose}>
          <TextInput name="url" label="Endpoint URL" defaultValue={endpoint.url} required error={errors("update").url} />
          <Textarea
            name="description"
            label="Description"
            defaultValue={endpoint.description ?? ""}
            autosize
            minRows={1}
            error={errors("update").description}
          />
          <Checkbox name="allEvents" label="Send every event type" checked={allEvents} onChange={(e) => setAllEvents(e.currentTarget.checked)} />
          {allEvents ? null : (
            <MultiSelect
              name="enabledEvents"
              label="Event types"
              data={[...EVENT_TYPES]}
              defaultValue={endpoint.enabledEvents.filter((e) => e !== "*")}
              searchable
              comboboxProps={{ withinPortal: true }}
              error={errors("update").enabledEvents}
            />
          )}
        </IntentForm>
      </Modal>

      <Modal opened={dialog === "roll"} onClose={onClose} title="Roll signing secret">
        <IntentForm fetcher={fetcher} intent="roll" submit="Roll secret" onCancel={onClose}>
          <Text size="sm">
            A new secret signs from now on. During the grace period the old one signs too (two signatures in webhook-signature), so you can deploy the new one
            without failed verifications.
          </Text>
          <Select
            name="graceHours"
            label="Old secret keeps signing for"
            data={SECRET_GRACE_HOURS.map((h) => ({ value: String(h), label: GRACE_LABELS[h] ?? `${h} hours` }))}
            defaultValue="24"
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={errors("roll").graceHours}
          />
        </IntentForm>
      </Modal>

      <Modal opened={dialog === "resendFailed"} onClose={onClose} title="Resend failed deliveries">
        <IntentForm fetcher={fetcher} intent="resendFailed" submit="Resend" onCancel={onClose}>
          <Text size="sm">After an outage on your side: every failed or still-retrying delivery of this endpoint in the period gets one new attempt now.</Text>
          <Select
            name="sinceHours"
            label="Failed in the last"
            data={RESEND_FAILED_HOURS.map((h) => ({ value: String(h), label: PERIOD_LABELS[h] ?? `${h} hours` }))}
            defaultValue="24"
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={errors("resendFailed").sinceHours}
          />
        </IntentForm>
      </Modal>

      <Modal opened={dialog === "delete"} onClose={onClose} title="Delete endpoint">
        <IntentForm fetcher={fetcher} intent="delete" submit="Delete endpoint" color="red" onCancel={onClose}>
          <Text size="sm">
            Deliveries to <Code>{endpoint.url}</Code> stop now, and its delivery log is deleted. The events stay in the event log.
          </Text>
        </IntentForm>
      </Modal>
    </>
  );
}
