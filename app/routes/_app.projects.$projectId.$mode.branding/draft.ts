/** The branding form's draft: what was typed, compared with what is saved. */
import { normalizeHexColor } from "~/branding/schemas";

/** The form's current values, as typed (colours may be half-typed and invalid). */
export interface Draft {
  displayName: string;
  primaryColor: string;
  backgroundColor: string;
  cornerRadius: number;
}

export function draftOf(branding: Draft): Draft {
  return {
    displayName: branding.displayName,
    primaryColor: branding.primaryColor,
    backgroundColor: branding.backgroundColor,
    cornerRadius: branding.cornerRadius,
  };
}

/** The preview shows every valid value as it is typed and keeps the saved one meanwhile. */
export function previewColorsOf(draft: Draft, saved: Draft) {
  return {
    primaryColor: normalizeHexColor(draft.primaryColor) ?? saved.primaryColor,
    backgroundColor: normalizeHexColor(draft.backgroundColor) ?? saved.backgroundColor,
  };
}

export function isDirty(draft: Draft, saved: Draft) {
  return (
    draft.displayName.trim() !== saved.displayName ||
    (normalizeHexColor(draft.primaryColor) ?? draft.primaryColor) !== saved.primaryColor ||
    (normalizeHexColor(draft.backgroundColor) ?? draft.backgroundColor) !== saved.backgroundColor ||
    draft.cornerRadius !== saved.cornerRadius
  );
}
