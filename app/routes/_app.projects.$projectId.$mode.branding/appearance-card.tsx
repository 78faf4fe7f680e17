/** The appearance form: display name, colours and corner radius, checked as they are typed and again by the server on save. */
import { Alert, Button, Card, Group, SimpleGrid, Slider, Stack, Text, TextInput, Title } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type Dispatch, type SetStateAction } from "react";
import { brandingFieldErrors, CORNER_RADIUS_MAX, type BrandingField } from "~/branding/schemas";
import { ColorField } from "~/ui/color-field";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";
import type { Draft } from "./draft";
import type { action } from "./route";

const SWATCHES = ["#4c6ef5", "#228be6", "#12b886", "#40c057", "#fab005", "#fd7e14", "#fa5252", "#be4bdb", "#1a1b1e", "#ffffff"];

export function AppearanceCard({
  draft,
  setDraft,
  saved,
  dirty,
  warning,
  canEdit,
}: {
  draft: Draft;
  setDraft: Dispatch<SetStateAction<Draft>>;
  saved: Draft;
  dirty: boolean;
  /** The contrast warning of the previewed colours (the server runs the same check on save). */
  warning: string | null;
  canEdit: boolean;
}) {
  const saveFetcher = useFetcher<typeof action>();
  // Shown beside the form (the message stays while nothing changed), not as a notification.
  const saveResult = useActionResult(saveFetcher.data, { intent: "save", notify: "none" });
  /** Fields the admin left since the last submit: they show live errors instead of the server's. */
  const [touched, setTouched] = useState<Set<BrandingField>>(new Set());
  const liveErrors = brandingFieldErrors(draft);
  const errorFor = (field: BrandingField) => (touched.has(field) ? liveErrors[field] : saveResult.fieldErrors[field]);
  const update = <F extends BrandingField>(field: F, value: Draft[F]) => setDraft((d) => ({ ...d, [field]: value }));
  const touch = (field: BrandingField) => setTouched((t) => new Set(t).add(field));
  const saving = saveFetcher.state !== "idle";
  // Read-only viewers still need to read the values: Mantine fades disabled inputs to 60%.
  const readOnlyStyles = canEdit ? undefined : { input: { opacity: 1, color: "var(--mantine-color-dimmed)" } };

  return (
    <Card withBorder padding="lg">
      <saveFetcher.Form method="post" noValidate onSubmit={() => setTouched(new Set())}>
        <input type="hidden" name="intent" value="save" />
        <Stack gap="md">
          <Title order={4}>Appearance</Title>
          {saveResult.formError ? <FormMessages error={saveResult.formError} /> : null}
          <TextInput
            name="displayName"
            label="Display name"
            description="Shown at the top of the checkout when there is no logo, and read out to screen readers."
            value={draft.displayName}
            onChange={(e) => update("displayName", e.currentTarget.value)}
            onBlur={() => touch("displayName")}
            error={errorFor("displayName")}
            disabled={!canEdit}
            styles={readOnlyStyles}
            autoComplete="off"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <ColorField
              name="primaryColor"
              label="Primary colour"
              description="Buttons and the selected quote."
              format="hex"
              swatches={SWATCHES}
              swatchesPerRow={10}
              withEyeDropper={false}
              // Keep what was typed, so a mistyped colour gets a message instead of silently reverting.
              fixOnBlur={false}
              value={draft.primaryColor}
              onChange={(value) => update("primaryColor", value)}
              onBlur={() => touch("primaryColor")}
              error={errorFor("primaryColor")}
              disabled={!canEdit}
              styles={readOnlyStyles}
            />
            <ColorField
              name="backgroundColor"
              label="Background colour"
              description="Behind the whole checkout."
              format="hex"
              swatches={SWATCHES}
              swatchesPerRow={10}
              withEyeDropper={false}
              fixOnBlur={false}
              value={draft.backgroundColor}
              onChange={(value) => update("backgroundColor", value)}
              onBlur={() => touch("backgroundColor")}
              error={errorFor("backgroundColor")}
              disabled={!canEdit}
              styles={readOnlyStyles}
            />
          </SimpleGrid>
          {warning ? (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="contrast-warning">
              {warning} You can still save it.
            </Alert>
          ) : null}
          <Stack gap={6}>
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={500} id="corner-radius-label">
                Corner radius
              </Text>
              <Text size="sm" c="dimmed" data-testid="corner-radius-value">
                {draft.cornerRadius} px
              </Text>
            </Group>
            <Slider
              name="cornerRadius"
              min={0}
              max={CORNER_RADIUS_MAX}
              step={1}
              value={draft.cornerRadius}
              onChange={(value) => update("cornerRadius", value)}
              thumbLabel="Corner radius"
              label={(value) => `${value} px`}
              marks={[0, 8, 16, 24].map((value) => ({ value, label: `${value}` }))}
              disabled={!canEdit}
              mb="md"
              // Room for the end marks' labels, which are centred on the marks and would hang over the card's edge.
              mx={8}
            />
            {errorFor("cornerRadius") ? (
              <Text size="xs" c="red" role="alert">
                {errorFor("cornerRadius")}
              </Text>
            ) : null}
          </Stack>
          {canEdit ? (
            <>
              {!dirty && saveResult.message ? <FormMessages success={saveResult.message} /> : null}
              <Group gap="sm">
                <Button type="submit" loading={saving}>
                  Save changes
                </Button>
                {dirty ? (
                  <>
                    <Button
                      variant="default"
                      onClick={() => {
                        setDraft(saved);
                        setTouched(new Set());
                      }}
                      disabled={saving}
                    >
                      Discard
                    </Button>
                    <Text size="sm" c="dimmed" data-testid="unsaved-changes">
                      Unsaved changes
                    </Text>
                  </>
                ) : null}
              </Group>
            </>
          ) : null}
        </Stack>
      </saveFetcher.Form>
    </Card>
  );
}
