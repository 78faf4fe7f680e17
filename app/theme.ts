import { createTheme, Grid, Modal, Switch, type CSSVariablesResolver } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "indigo",
  // Filled buttons and links in indigo 8 (white on indigo 6 is 4.3:1, under WCAG AA's 4.5).
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "md",
  fontFamily: "Inter, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  headings: { fontWeight: "650" },
  cursorType: "pointer",
  components: {
    // A grid's gutters are negative margins: contained, they never widen the page (or scroll it sideways on a phone).
    Grid: Grid.extend({ defaultProps: { overflow: "hidden" } }),
    // A dialog's close button is an icon: name it (screen readers announced just "button").
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    // The switch's (invisible) input covers the whole switch, so its visible track, its label and a
    // pointer anywhere on it toggle it, and tools that click the switch reach it.
    Switch: Switch.extend({
      styles: { input: { inset: 0, width: "100%", height: "100%", zIndex: 1, cursor: "pointer" } },
    }),
  },
});

/** Stripe-like: test mode is always shown in orange. */
export const TEST_MODE_COLOR = "orange";
/** A dark orange for white text on the test-mode badge (5.6:1; Mantine's orange 8 is 3.6:1). */
export const TEST_MODE_BADGE_COLOR = "#b03a00";

/**
 * Text contrast to WCAG AA (axe's color-contrast rule): Mantine's default "dimmed" and
 * placeholder greys and its light-variant text colours (status badges, the test-mode banner,
 * active nav links) are below 4.5:1 on their backgrounds in the light scheme; these shades
 * reach it. Dark-scheme dimmed text is a shade lighter.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-7)",
    "--mantine-color-gray-light-color": "var(--mantine-color-gray-7)",
    "--mantine-color-blue-light-color": "var(--mantine-color-blue-9)",
    "--mantine-color-cyan-light-color": "var(--mantine-color-cyan-9)",
    "--mantine-color-teal-light-color": "#06694b",
    "--mantine-color-red-light-color": "var(--mantine-color-red-9)",
    "--mantine-color-grape-light-color": "var(--mantine-color-grape-8)",
    "--mantine-color-indigo-light-color": "var(--mantine-color-indigo-9)",
    "--mantine-color-yellow-light-color": "#8a5a00",
    "--mantine-color-green-light-color": "#237032",
    "--mantine-color-orange-light-color": "#b03a00",
  },
  dark: {
    "--mantine-color-dimmed": "var(--mantine-color-dark-1)",
    // Mantine's dark placeholder (dark 3 on dark 6) is under 4.5:1.
    "--mantine-color-placeholder": "var(--mantine-color-dark-1)",
  },
});
