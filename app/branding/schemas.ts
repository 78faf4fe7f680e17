/**
 * Branding rules shared by the console form (live validation and preview) and the
 * server (the only place that decides). Also the colour maths the hosted checkout needs.
 */
import { z } from "zod";

export const DISPLAY_NAME_MAX = 60;
export const CORNER_RADIUS_MAX = 24;
/** Logos are stored in the database and served on every checkout load: keep them small. */
export const LOGO_MAX_BYTES = 256 * 1024;
/** Raster formats only. SVG is refused on purpose: it is a document that can carry scripts and links. */
export const LOGO_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoContentType = (typeof LOGO_CONTENT_TYPES)[number];

/** The values of a fresh project (the table's column defaults). */
export const DEFAULT_BRANDING = { primaryColor: "#4c6ef5", backgroundColor: "#ffffff", cornerRadius: 8 } as const;

/** WCAG 2.x minimum contrast for UI components against what surrounds them (SC 1.4.11). */
export const MIN_UI_CONTRAST = 3;

const HEX_COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** "#ABC" or "#AABBCC" → "#aabbcc"; anything else (names, rgb(), no "#") → null. */
export function normalizeHexColor(value: string): string | null {
  const match = HEX_COLOR.exec(value.trim());
  if (!match) return null;
  let hex = match[1]!.toLowerCase();
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join("");
  return `#${hex}`;
}

function colorSchema(example: string) {
  return z
    .string({ error: `Enter a hex colour, for example ${example}.` })
    .trim()
    .min(1, `Enter a hex colour, for example ${example}.`)
    .refine((value) => normalizeHexColor(value) !== null, `Use a hex colour like ${example} (or the short form ${shortForm(example)}).`)
    .transform((value) => normalizeHexColor(value)!);
}

function shortForm(hex: string) {
  return `#${hex[1]}${hex[3]}${hex[5]}`;
}

export const displayNameSchema = z
  .string({ error: "Enter the name customers see at checkout." })
  .trim()
  .min(1, "Enter the name customers see at checkout.")
  .max(DISPLAY_NAME_MAX, `Keep the display name to ${DISPLAY_NAME_MAX} characters or fewer.`);

const radiusMessage = `Choose a corner radius from 0 to ${CORNER_RADIUS_MAX} px.`;
export const cornerRadiusSchema = z.preprocess(
  // Form fields arrive as strings; an empty one is "missing", not 0.
  (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value.trim())) : value),
  z.number({ error: radiusMessage }).int("Use a whole number of pixels.").min(0, radiusMessage).max(CORNER_RADIUS_MAX, radiusMessage),
);

export const brandingSchema = z.object({
  displayName: displayNameSchema,
  primaryColor: colorSchema("#4c6ef5"),
  backgroundColor: colorSchema("#ffffff"),
  cornerRadius: cornerRadiusSchema,
});

export type BrandingInput = z.infer<typeof brandingSchema>;
export const BRANDING_FIELDS = ["displayName", "primaryColor", "backgroundColor", "cornerRadius"] as const;
export type BrandingField = (typeof BRANDING_FIELDS)[number];

/** Field errors of a draft, keyed by field, for showing while the admin types. */
export function brandingFieldErrors(values: Record<BrandingField, unknown>): Partial<Record<BrandingField, string>> {
  const parsed = brandingSchema.safeParse(values);
  if (parsed.success) return {};
  const errors: Partial<Record<BrandingField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as BrandingField;
    errors[field] ??= issue.message;
  }
  return errors;
}

// --- Colour maths (WCAG 2.x relative luminance and contrast ratio) ---

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Relative luminance of a #rrggbb colour, 0 (black) … 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two #rrggbb colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * A warning (never a refusal: it is the partner's brand) when the primary colour would be
 * hard to make out on the background, e.g. the checkout's button. Null when it reads well.
 */
export function contrastWarning(primaryColor: string, backgroundColor: string): string | null {
  const primary = normalizeHexColor(primaryColor);
  const background = normalizeHexColor(backgroundColor);
  if (!primary || !background) return null;
  const ratio = contrastRatio(primary, background);
  if (ratio >= MIN_UI_CONTRAST) return null;
  return (
    `The primary colour has a contrast of ${ratio.toFixed(2)}:1 on the background; ` +
    `WCAG asks for at least ${MIN_UI_CONTRAST}:1, so some customers may not see the buttons clearly.`
  );
}

/**
 * Text on `background` (#rrggbb): the console's near-black or white, whichever reads better; pure black where neither
 * reaches WCAG's 4.5:1 (mid-tones such as #4c6ef5, where white is 4.3:1 and near-black 4.0:1; black is 4.9:1).
 */
export function readableTextColor(background: string): "#ffffff" | "#1a1b1e" | "#000000" {
  const white = contrastRatio("#ffffff", background);
  const nearBlack = contrastRatio("#1a1b1e", background);
  if (Math.max(white, nearBlack) < 4.5 && contrastRatio("#000000", background) > white) return "#000000";
  return white >= nearBlack ? "#ffffff" : "#1a1b1e";
}

/** `amount` (0 … 1) of `top` laid over `base`, both #rrggbb: tints that follow any brand colour. */
export function mixColors(base: string, top: string, amount: number): string {
  const a = channels(base);
  const b = channels(top);
  const mixed = a.map((c, i) => Math.round(c + (b[i]! - c) * amount));
  return `#${mixed.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}
