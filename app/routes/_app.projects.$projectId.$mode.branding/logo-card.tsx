/** The logo card: the current logo on the checkout's background, and the forms to upload or remove one. */
import { Badge, Box, Button, Card, FileInput, Group, Image, Stack, Text, Title } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { IconUpload } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { LOGO_CONTENT_TYPES, LOGO_MAX_BYTES } from "~/branding/schemas";
import { mutedTextOn } from "~/checkout/theme";
import { FormMessages } from "~/ui/form-messages";
import { useActionResult } from "~/ui/use-action-result";
import type { action, BrandingView } from "./route";

const LOGO_ACCEPT = LOGO_CONTENT_TYPES.join(",");
const FORMAT_LABELS: Record<string, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WebP" };

function formatBytes(bytes: number) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The logo picked but not uploaded yet, previewed from the browser's memory. */
export function useLocalLogoUrl(file: File | null) {
  const [localLogoUrl, setLocalLogoUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file || !(LOGO_CONTENT_TYPES as readonly string[]).includes(file.type)) return setLocalLogoUrl(null);
    const url = URL.createObjectURL(file);
    setLocalLogoUrl(url);
    // Revoked a little later, not at once: the preview frames may still be loading it when the upload replaces it
    // (an immediate revoke made them log a failed load).
    return () => void setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }, [file]);
  return localLogoUrl;
}

export function LogoCard({
  branding,
  backgroundColor,
  file,
  setFile,
  canEdit,
}: {
  branding: BrandingView;
  /** The previewed background: the logo is shown as customers will see it. */
  backgroundColor: string;
  file: File | null;
  setFile: (file: File | null) => void;
  canEdit: boolean;
}) {
  const logoFetcher = useFetcher<typeof action>();
  // Shown in the card, not as a notification; an upload or removal clears the picked file.
  const logoResult = useActionResult(logoFetcher.data, { notify: "none", onSuccess: () => setFile(null) });
  const uploading = logoFetcher.state !== "idle" && logoFetcher.formData?.get("intent") === "upload-logo";
  const removing = logoFetcher.state !== "idle" && logoFetcher.formData?.get("intent") === "remove-logo";
  const fileTooLarge = file && file.size > LOGO_MAX_BYTES ? `The file is ${formatBytes(file.size)}; logos can be at most 256 KB.` : null;
  // A new pick hides the previous attempt's error.
  const [logoErrorShown, setLogoErrorShown] = useState(true);
  useEffect(() => setLogoErrorShown(true), [logoFetcher.data]);
  const logoError = fileTooLarge ?? (logoErrorShown ? logoResult.fieldErrors.logo : undefined);

  return (
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
              background: backgroundColor,
              border: "1px solid var(--mantine-color-default-border)",
              borderRadius: "var(--mantine-radius-md)",
            }}
          >
            {branding.logo ? (
              <Image src={branding.logo.url} alt={`Current logo of ${branding.displayName}`} mah={40} maw={104} fit="contain" />
            ) : (
              <Text size="xs" ta="center" style={{ color: mutedTextOn(backgroundColor) }}>
                No logo
              </Text>
            )}
          </Box>
          <Text size="sm" c="dimmed">
            {branding.logo ? "Customers see this logo at the top of the checkout." : "No logo yet: the checkout shows the display name instead."}
          </Text>
        </Group>
        {logoResult.message && !file ? <FormMessages success={logoResult.message} /> : null}
        {logoResult.formError ? <FormMessages error={logoResult.formError} /> : null}
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
                clearButtonProps={{ "aria-label": "Clear the chosen file" }}
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
  );
}
