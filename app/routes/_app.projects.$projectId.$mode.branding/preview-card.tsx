/**
 * The live preview: the real hosted checkout (its own page, framed) for a sample purchase, in
 * the draft's look, at desktop and phone width side by side. It follows the draft as it is typed;
 * customers see it once it is saved.
 */
import { Badge, Box, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue, useElementSize } from "@mantine/hooks";
import classes from "./preview-card.module.css";
import type { Draft } from "./draft";

/** The widths the checkout is shown at, and the height of the window around it (CSS px before scaling). */
const FRAMES = [
  { name: "desktop", label: "Desktop", width: 800, height: 900 },
  { name: "phone", label: "Phone", width: 375, height: 900 },
] as const;

export function PreviewCard({
  base,
  draft,
  colors,
  savedLogoUrl,
  localLogoUrl,
  dirty,
}: {
  /** The project's console path in this mode. */
  base: string;
  draft: Draft;
  colors: { primaryColor: string; backgroundColor: string };
  /** The uploaded logo (its URL changes with each upload): the frames reload when it changes. */
  savedLogoUrl: string | null;
  /** The picked file, not uploaded yet. */
  localLogoUrl: string | null;
  dirty: boolean;
}) {
  const query = new URLSearchParams({
    displayName: draft.displayName,
    primaryColor: colors.primaryColor,
    backgroundColor: colors.backgroundColor,
    cornerRadius: String(draft.cornerRadius),
    ...(localLogoUrl ? { logo: localLogoUrl } : {}),
    saved: savedLogoUrl ?? "",
  });
  // One reload of the frames per pause in typing, not per keystroke.
  const [src] = useDebouncedValue(`${base}/checkout-preview?${query}`, 350);
  return (
    <Card withBorder padding="lg">
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
          The hosted checkout itself, for a sample purchase with this project's gateways. It follows your edits as you make them; customers see them once you
          save.
        </Text>
        <div className={classes.frames}>
          {FRAMES.map((frame) => (
            <ScaledFrame key={frame.name} src={src} {...frame} />
          ))}
        </div>
      </Stack>
    </Card>
  );
}

/** The page in an iframe of `width` CSS px, scaled down to the column it sits in. */
function ScaledFrame({ src, name, label, width, height }: { src: string; name: string; label: string; width: number; height: number }) {
  const { ref, width: available } = useElementSize();
  const scale = available ? Math.min(1, available / width) : 0.5;
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed" fw={600}>
        {label} · {width} px
      </Text>
      <Box ref={ref} className={classes.window} h={height * scale}>
        <iframe
          src={src}
          title={`Checkout preview at ${label.toLowerCase()} width`}
          data-testid={`checkout-preview-${name}`}
          width={width}
          height={height}
          className={classes.frame}
          style={{ transform: `scale(${scale})` }}
        />
      </Box>
    </Stack>
  );
}
