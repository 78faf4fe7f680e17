/** The live preview: the first step of the hosted checkout, drawn from the draft as it is typed. */
import { Badge, Box, Card, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { CheckoutPreview } from "~/branding/checkout-preview";
import type { Draft } from "./draft";

export function PreviewCard({
  projectName,
  draft,
  saved,
  colors,
  logoUrl,
  localLogoUrl,
  dirty,
}: {
  projectName: string;
  draft: Draft;
  saved: Draft;
  colors: { primaryColor: string; backgroundColor: string };
  logoUrl: string | null;
  /** The picked file, not uploaded yet. */
  localLogoUrl: string | null;
  dirty: boolean;
}) {
  return (
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
          The first step of the hosted checkout, with sample figures. It follows your edits as you make them; customers see them once you save.
        </Text>
        <PreviewFrame projectName={projectName}>
          <CheckoutPreview
            displayName={draft.displayName}
            logoUrl={logoUrl}
            primaryColor={colors.primaryColor}
            backgroundColor={colors.backgroundColor}
            cornerRadius={Number.isFinite(draft.cornerRadius) ? draft.cornerRadius : saved.cornerRadius}
          />
        </PreviewFrame>
      </Stack>
    </Card>
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
