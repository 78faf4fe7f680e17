/** Key forms, shared by the keys page and its action. */
import { z } from "zod";

/** Grace periods offered when rolling a key (seconds). */
export const ROLL_GRACE_OPTIONS = [
  { value: "0", label: "Now — stop the old key immediately" },
  { value: "3600", label: "In 1 hour" },
  { value: "86400", label: "In 24 hours" },
  { value: "259200", label: "In 3 days" },
  { value: "604800", label: "In 7 days" },
] as const;

export const createKeySchema = z.object({
  label: z.string().trim().min(1, "Give the key a label, e.g. “Checkout backend”.").max(60, "Keep the label under 60 characters."),
});

export const rollKeySchema = z.object({
  keyId: z.string().min(1),
  graceSeconds: z.enum(ROLL_GRACE_OPTIONS.map((o) => o.value) as [string, ...string[]], {
    message: "Choose when the old key stops working.",
  }),
});
