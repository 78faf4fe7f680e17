/** The Add endpoint dialog: URL, description, and every event type or a chosen few. */
import { Checkbox, Modal, MultiSelect, Stack, TextInput, Textarea } from "@mantine/core";
import type { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { DialogActions } from "~/ui/dialog-actions";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";
import { EVENT_TYPES } from "~/webhooks/event-types";
import type { action } from "./route";

export function AddEndpointDialog({
  opened,
  mode,
  fetcher,
  onClose,
}: {
  opened: boolean;
  mode: string;
  fetcher: ReturnType<typeof useFetcher<typeof action>>;
  onClose: () => void;
}) {
  const [allEvents, setAllEvents] = useState(true);
  const create = useActionResult(fetcher.data, { intent: "create" });
  return (
    <Modal opened={opened} onClose={onClose} title="Add a webhook endpoint" size="lg">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="create" />
        <Stack>
          <TextInput
            name="url"
            label="Endpoint URL"
            placeholder="https://yoursite.com/webhooks/ramp"
            required
            data-autofocus
            description={mode === "live" ? "Live endpoints must resolve to public addresses." : "Test endpoints may point at localhost while you develop."}
            error={create.fieldErrors.url}
          />
          <Textarea
            name="description"
            label="Description"
            placeholder="Order updates for the game backend"
            autosize
            minRows={1}
            error={create.fieldErrors.description}
          />
          <Checkbox name="allEvents" label="Send every event type" checked={allEvents} onChange={(e) => setAllEvents(e.currentTarget.checked)} />
          {allEvents ? null : (
            <MultiSelect
              name="enabledEvents"
              label="Event types"
              placeholder="Choose event types"
              data={[...EVENT_TYPES]}
              searchable
              comboboxProps={{ withinPortal: true }}
              error={create.fieldErrors.enabledEvents}
            />
          )}
          <FormMessages error={create.formError ?? create.fieldErrors.form} />
          <DialogActions submit="Add endpoint" loading={fetcher.state !== "idle"} onCancel={onClose} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
