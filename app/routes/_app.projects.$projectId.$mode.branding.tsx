import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  ColorInput,
  FileInput,
  Grid,
  Group,
  Image,
  SimpleGrid,
  Slider,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { IconAlertTriangle, IconLock, IconUpload } from "@tabler/icons-react";
import { useEffect, useState, type ReactNode } from "react";
import { getBranding, removeLogo, setLogo, updateBranding } from "~/branding/branding.server";
import { CheckoutPreview } from "~/branding/checkout-preview";
import {
  brandingFieldErrors,
  brandingSchema,
  contrastWarning,
  CORNER_RADIUS_MAX,
  LOGO_CONTENT_TYPES,
  LOGO_MAX_BYTES,
  mixColors,
  normalizeHexColor,
  readableTextColor,
  type BrandingField,
} from "~/branding/schemas";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { badRequest } from "~/lib/http.server";
import { requireProject } from "~/lib/permissions.server";
import { ROLE_LABELS, roleCan } from "~/lib/roles";
import { FormMessages } from "~/ui/form-messages";
import { PageHeader } from "~/ui/page-header";
import { RouteErrorPage } from "~/ui/route-error";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Branding · ${data?.project.name ?? "Project"} · Ramp` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireProject(request, params, { project: ["read"] });
  const branding = await getBranding(ctx);
  return {
    project: { id: ctx.project.id, name: ctx.project.name },
    branding: {
      displayName: branding.displayName,
      primaryColor: branding.primaryColor,
      backgroundColor: branding.backgroundColor,
      cornerRadius: branding.cornerRadius,
      logo: branding.logo,
    },
    /** Only hides the controls; the action checks the permission again. */
    canEdit: roleCan(ctx.role, { branding: ["update"] }),
    roleLabel: ROLE_LABELS[ctx.role],
  };
}

type Intent = "save" | "upload-logo" | "remove-logo";
interface ActionResult {
  intent: Intent;
  fieldErrors: FieldErrors;
  formError?: string;
  success?: string;
  /** Saved anyway, but worth a look (low contrast). */
  warning?: string | null;
}

/**
 * Refusals of what the admin typed or picked are answered 200 with field errors, as on the
 * console's other forms: they are an expected outcome, not a failed request (a 4xx would also
 * log a console error in the browser and skip revalidation).
 */
function result(value: ActionResult): ActionResult {
  return value;
}

const SIZE_ERROR = "The file is larger than 256 KB. Export the logo smaller (or as WebP) and try again.";

/**
 * The form data of any of the page's forms. The logo form is multipart; its file is held
 * in memory up to 256 KB, and a bigger part stops the upload early (Remix throws
 * MaxPartSizeExceededError), which becomes a field error rather than a crash.
 */
async function readForm(request: Request): Promise<FormData | "too-large"> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return request.formData();
  const uploadHandler = unstable_createMemoryUploadHandler({
    maxPartSize: LOGO_MAX_BYTES,
    // Only the two fields the logo form sends are buffered; anything else is skipped.
    filter: ({ name }) => name === "intent" || name === "logo",
  });
  try {
    return await unstable_parseMultipartFormData(request, uploadHandler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too-large";
    badRequest("We couldn't read that upload. Try choosing the file again.");
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The guard reads headers only, so a forbidden upload is refused before its body is read.
  const ctx = await requireProject(request, params, { branding: ["update"] });
  const formData = await readForm(request);
  if (formData === "too-large") return result({ intent: "upload-logo", fieldErrors: { logo: SIZE_ERROR } });
  const intent = formData.get("intent");

  if (intent === "save") {
    const form = parseForm(brandingSchema, formData);
    if (!form.success) return result({ intent, fieldErrors: form.fieldErrors });
    const saved = await updateBranding(ctx, form.data);
    return result({
      intent,
      fieldErrors: {},
      success: saved.changedFields.length ? "Branding saved. New checkouts use it right away." : "Nothing changed since the last save.",
      warning: saved.warning,
    });
  }

  if (intent === "upload-logo") {
    const file = formData.get("logo");
    if (!(file instanceof File) || file.size === 0) {
      return result({ intent, fieldErrors: { logo: "Choose a PNG, JPEG or WebP file to upload." } });
    }
    const uploaded = await setLogo(ctx, new Uint8Array(await file.arrayBuffer()), file.type);
    if (!uploaded.ok) return result({ intent, fieldErrors: { logo: uploaded.message } });
    return result({ intent, fieldErrors: {}, success: "Logo uploaded. The checkout shows it instead of the display name." });
  }

  if (intent === "remove-logo") {
    const removed = await removeLogo(ctx);
    return result({
      intent,
      fieldErrors: {},
      success: removed.removed ? "Logo removed. The checkout shows the display name again." : "There was no logo to remove.",
    });
  }

  badRequest("That form isn't one this page knows. Reload the page and try again.");
}

/** The form's current values, as typed (colours may be half-typed and invalid). */
interface Draft {
  displayName: string;
  primaryColor: string;
  backgroundColor: string;
  cornerRadius: number;
}

const SWATCHES = ["#4c6ef5", "#228be6", "#12b886", "#40c057", "#fab005", "#fd7e14", "#fa5252", "#be4bdb", "#1a1b1e", "#ffffff"];
const LOGO_ACCEPT = LOGO_CONTENT_TYPES.join(",");

function formatBytes(bytes: number) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

const FORMAT_LABELS: Record<string, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WebP" };

export default function BrandingRoute() {
  const { project } = useLoaderData<typeof loader>();
  // A fresh page per project: switching projects must not carry over drafts or messages.
  return <BrandingPage key={project.id} />;
}

function BrandingPage() {
  const { project, branding, canEdit, roleLabel } = useLoaderData<typeof loader>();
  const saveFetcher = useFetcher<typeof action>();
  const logoFetcher = useFetcher<typeof action>();

  const saved: Draft = {
    displayName: branding.displayName,
    primaryColor: branding.primaryColor,
    backgroundColor: branding.backgroundColor,
    cornerRadius: branding.cornerRadius,
  };
  const savedKey = JSON.stringify(saved);
  const [draft, setDraft] = useState<Draft>(saved);
  // After a save the loader answers with the (normalised) saved values: they become the new
  // starting point. A logo upload leaves them as they are, so unsaved edits survive it.
  useEffect(() => setDraft(JSON.parse(savedKey) as Draft), [savedKey]);

  /** Fields the admin left since the last submit: they show live errors instead of the server's. */
  const [touched, setTouched] = useState<Set<BrandingField>>(new Set());
  const saveResult = saveFetcher.data;
  const liveErrors = brandingFieldErrors(draft);
  const errorFor = (field: BrandingField) => (touched.has(field) ? liveErrors[field] : saveResult?.fieldErrors[field]);
  const update = <F extends BrandingField>(field: F, value: Draft[F]) => setDraft((d) => ({ ...d, [field]: value }));
  const touch = (field: BrandingField) => setTouched((t) => new Set(t).add(field));

  // The preview shows every valid value as it is typed and keeps the saved one meanwhile.
  const previewColors = {
    primaryColor: normalizeHexColor(draft.primaryColor) ?? saved.primaryColor,
    backgroundColor: normalizeHexColor(draft.backgroundColor) ?? saved.backgroundColor,
  };
  // The same check the server runs on save (shared from schemas.ts), shown as the admin picks.
  const warning = contrastWarning(previewColors.primaryColor, previewColors.backgroundColor);
  const dirty =
    draft.displayName.trim() !== saved.displayName ||
    (normalizeHexColor(draft.primaryColor) ?? draft.primaryColor) !== saved.primaryColor ||
    (normalizeHexColor(draft.backgroundColor) ?? draft.backgroundColor) !== saved.backgroundColor ||
    draft.cornerRadius !== saved.cornerRadius;
  const saving = saveFetcher.state !== "idle";

  // The logo picked but not uploaded yet is previewed from the browser's memory.
  const [file, setFile] = useState<File | null>(null);
  const [localLogoUrl, setLocalLogoUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file || !(LOGO_CONTENT_TYPES as readonly string[]).includes(file.type)) return setLocalLogoUrl(null);
    const url = URL.createObjectURL(file);
    setLocalLogoUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  const logoResult = logoFetcher.data;
  useEffect(() => {
    if (logoResult?.success) setFile(null);
  }, [logoResult]);
  const uploading = logoFetcher.state !== "idle" && logoFetcher.formData?.get("intent") === "upload-logo";
  const removing = logoFetcher.state !== "idle" && logoFetcher.formData?.get("intent") === "remove-logo";
  const fileTooLarge = file && file.size > LOGO_MAX_BYTES ? `The file is ${formatBytes(file.size)}; logos can be at most 256 KB.` : null;
  // A new pick hides the previous attempt's error.
  const [logoErrorShown, setLogoErrorShown] = useState(true);
  useEffect(() => setLogoErrorShown(true), [logoResult]);
  const logoError = fileTooLarge ?? (logoErrorShown ? logoResult?.fieldErrors.logo : undefined);

  const previewLogo = localLogoUrl ?? branding.logo?.url ?? null;
  // Read-only viewers still need to read the values: Mantine fades disabled inputs to 60%.
  const readOnlyStyles = canEdit ? undefined : { input: { opacity: 1, color: "var(--mantine-color-dimmed)" } };

  return (
    <Stack gap="lg">
      <PageHeader
        title="Branding"
        description="How the hosted checkout looks to your customers. One look for test and live mode."
      />
      {!canEdit ? (
        <Alert color="blue" variant="light" icon={<IconLock size={18} />} title="Read-only" data-testid="branding-read-only">
          Only owners and admins can change branding. Your role in this organization is {roleLabel}, so you can look
          but not edit. Ask an admin if something should change.
        </Alert>
      ) : null}
      <Grid gutter="lg" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card withBorder padding="lg">
              <saveFetcher.Form method="post" noValidate onSubmit={() => setTouched(new Set())}>
                <input type="hidden" name="intent" value="save" />
                <Stack gap="md">
                  <Title order={4}>Appearance</Title>
                  {saveResult?.formError ? <FormMessages error={saveResult.formError} /> : null}
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
                    <ColorInput
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
                    <ColorInput
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
                    />
                    {errorFor("cornerRadius") ? (
                      <Text size="xs" c="red" role="alert">
                        {errorFor("cornerRadius")}
                      </Text>
                    ) : null}
                  </Stack>
                  {canEdit ? (
                    <>
                      {!dirty && saveResult?.success ? <FormMessages success={saveResult.success} /> : null}
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

            <Card withBorder padding="lg">
              <Stack gap="md">
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Title order={4}>Logo</Title>
                  {branding.logo ? (
                    <Badge variant="light" color="gray" data-testid="logo-details">
                      {FORMAT_LABELS[branding.logo.contentType]} · {formatBytes(branding.logo.sizeBytes)}
                    </Badge>
                  ) : null}
                </Group>
                <Group gap="md" wrap="nowrap" align="center">
                  <Box
                    w={120}
                    h={56}
                    p={8}
                    style={{
                      flexShrink: 0,
                      display: "flex",
                      alignItems: "center",
                      justifyContent: "center",
                      // The logo on the checkout's own background: how customers will see it.
                      background: previewColors.backgroundColor,
                      border: "1px solid var(--mantine-color-default-border)",
                      borderRadius: "var(--mantine-radius-md)",
                    }}
                  >
                    {branding.logo ? (
                      <Image src={branding.logo.url} alt={`Current logo of ${branding.displayName}`} mah={40} maw={104} fit="contain" />
                    ) : (
                      <Text size="xs" ta="center" style={{ color: mixColors(previewColors.backgroundColor, readableTextColor(previewColors.backgroundColor), 0.6) }}>
                        No logo
                      </Text>
                    )}
                  </Box>
                  <Text size="sm" c="dimmed">
                    {branding.logo
                      ? "Customers see this logo at the top of the checkout."
                      : "No logo yet: the checkout shows the display name instead."}
                  </Text>
                </Group>
                {logoResult?.success && !file ? <FormMessages success={logoResult.success} /> : null}
                {canEdit ? (
                  <logoFetcher.Form method="post" encType="multipart/form-data" noValidate>
                    <input type="hidden" name="intent" value="upload-logo" />
                    <Stack gap="sm">
                      <FileInput
                        name="logo"
                        label={branding.logo ? "Replace the logo" : "Logo file"}
                        description="PNG, JPEG or WebP, up to 256 KB (SVG isn't accepted). A transparent image at least 64 px tall looks sharpest."
                        placeholder="Choose a file"
                        accept={LOGO_ACCEPT}
                        clearable
                        value={file}
                        onChange={(picked) => {
                          setFile(picked);
                          setLogoErrorShown(false);
                        }}
                        error={logoError}
                        leftSection={<IconUpload size={16} />}
                      />
                      <Group gap="sm">
                        <Button type="submit" loading={uploading} disabled={!file || Boolean(fileTooLarge) || removing}>
                          Upload logo
                        </Button>
                        {branding.logo ? (
                          <Button
                            variant="subtle"
                            color="red"
                            loading={removing}
                            disabled={uploading}
                            // Its own submission (forms can't nest): the same action, intent remove-logo.
                            onClick={() => logoFetcher.submit({ intent: "remove-logo" }, { method: "post" })}
                          >
                            Remove logo
                          </Button>
                        ) : null}
                      </Group>
                    </Stack>
                  </logoFetcher.Form>
                ) : null}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="lg" style={{ position: "sticky", top: "calc(var(--app-shell-header-height, 60px) + var(--mantine-spacing-md))" }}>
            <Stack gap="sm">
              <Group justify="space-between" gap="xs">
                <Title order={4}>Preview</Title>
                {localLogoUrl ? (
                  <Badge variant="light" color="orange">
                    Logo not uploaded yet
                  </Badge>
                ) : dirty ? (
                  <Badge variant="light" color="gray">
                    Unsaved
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm" c="dimmed">
                The first step of the hosted checkout, with sample figures. It follows your edits as you make them;
                customers see them once you save.
              </Text>
              <PreviewFrame projectName={project.name}>
                <CheckoutPreview
                  displayName={draft.displayName}
                  logoUrl={previewLogo}
                  primaryColor={previewColors.primaryColor}
                  backgroundColor={previewColors.backgroundColor}
                  cornerRadius={Number.isFinite(draft.cornerRadius) ? draft.cornerRadius : saved.cornerRadius}
                />
              </PreviewFrame>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** A plain browser window around the preview, so it reads as "what the customer sees". */
function PreviewFrame({ projectName, children }: { projectName: string; children: ReactNode }) {
  return (
    <Box
      style={{
        border: "1px solid var(--mantine-color-default-border)",
        borderRadius: "var(--mantine-radius-md)",
        overflow: "hidden",
      }}
      role="group"
      aria-label="Checkout preview"
    >
      <Group
        gap={6}
        px="sm"
        py={6}
        wrap="nowrap"
        style={{ background: "var(--mantine-color-default-hover)", borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        {["#fa5252", "#fab005", "#40c057"].map((color) => (
          <Box key={color} w={9} h={9} style={{ borderRadius: "50%", background: color, opacity: 0.7, flexShrink: 0 }} />
        ))}
        <Text size="xs" c="dimmed" ml={4} truncate>
          checkout · {projectName}
        </Text>
      </Group>
      {children}
    </Box>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage />;
}
