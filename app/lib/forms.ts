/** Form parsing shared by console actions: zod on the server, errors back as data beside each field. */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { success: true; data: T } | { success: false; fieldErrors: FieldErrors };

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const values: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData) values[key] = value;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { success: true, data: parsed.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "form";
    fieldErrors[field] ??= issue.message;
  }
  return { success: false, fieldErrors };
}
