import { Badge, createTheme, Grid, Modal, Notification, Switch, TableScrollContainer, type CSSVariablesResolver } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";

export const theme = createTheme({
  primaryColor: "indigo",
  // Filled buttons and links in indigo 8 (white on indigo 6 is 4.3:1, under WCAG AA's 4.5).
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "md",
  fontFamily: "Inter, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  headings: { fontWeight: "650" },
  cursorType: "pointer",
  // Dialogs, menus and popovers open at once for someone whose system asks for less motion (CSS: ui/reduced-motion.css).
  respectReducedMotion: true,
  components: {
    // A grid's gutters are negative margins: contained, they never widen the page (or scroll it sideways on a phone).
    Grid: Grid.extend({ defaultProps: { overflow: "hidden" } }),
    // A dialog's close button is an icon: name it (screen readers announced just "button").
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    // The same for a notification's (axe: button-name).
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close notification" } } }),
    // A badge is a short label ("Owner", "Off"): in a squeezed table cell or row it keeps its width, never cut to "Ow".
    Badge: Badge.extend({ styles: { root: { minWidth: "max-content", flexShrink: 0 }, label: { overflow: "visible" } } }),
    // The switch's (invisible) input covers the whole switch, so its visible track, its label and a
    // pointer anywhere on it toggle it, and tools that click the switch reach it.
    // A scrolling table's inner box grows to a table that cannot wrap (nowrap cells, whole badges) instead of letting
    // it stick out past `minWidth` (the sweep's overflow check: the API requests list at 390 px).
    TableScrollContainer: TableScrollContainer.extend({
      styles: { scrollContainerInner: { width: "fit-content", minWidth: "max(100%, var(--table-min-width))" } },
    }),
    // The calendar's arrows are icons: name them. Weekends are not picked out: a partner's dates (key expiry, a list's
    // days) mean the same on any day, and Mantine's red weekend digits are under 4.5:1 on white. The calendar is not
    // announced as a dialog: Mantine labels that dialog by an id its input button does not keep (axe: aria-dialog-name).
    DatePickerInput: DatePickerInput.extend({
      defaultProps: {
        popoverProps: { withinPortal: true, withRoles: false },
        weekendDays: [],
        ariaLabels: {
          previousMonth: "Previous month",
          nextMonth: "Next month",
          previousYear: "Previous year",
          nextYear: "Next year",
          previousDecade: "Previous decade",
          nextDecade: "Next decade",
        },
      },
    }),
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
  variables: {
    // Filled red (destructive buttons): Mantine's red 8 is 4.5:1 under white text, with no margin for a button
    // that is still fading in or changing to its hover colour; red 9 is 5.6:1.
    "--mantine-color-red-filled": "var(--mantine-color-red-9)",
    "--mantine-color-red-filled-hover": "#a61e1e",
  },
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
    // The Sell badge's outline and text (Mantine's orange 8 is 3.6:1 on white).
    "--mantine-color-orange-outline": "#b03a00",
    // Field errors (red 6 is 3.3:1 on white).
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {
    "--mantine-color-dimmed": "var(--mantine-color-dark-1)",
    // Mantine's dark placeholder (dark 3 on dark 6) is under 4.5:1.
    "--mantine-color-placeholder": "var(--mantine-color-dark-1)",
    // Field errors: Mantine's red 8 is 3.4:1 on the dark body; red 5 is 5.6:1.
    "--mantine-color-error": "var(--mantine-color-red-5)",
  },
});
