/** Webhook endpoint input, shared by the API and the console. */
import { z } from "zod";
import { EVENT_TYPES } from "../../db/schema/webhooks";
import type { FormResult } from "../lib/forms";

export const eventTypeSchema = z.enum(EVENT_TYPES, { message: `Use one of: ${EVENT_TYPES.join(", ")}.` });

const url = z
  .string({ message: "Enter the URL that receives the webhooks." })
  .trim()
  .max(2048, "Keep the URL under 2,048 characters.")
  .refine((value) => {
    try {
      const parsed = new URL(value);
      return (parsed.protocol === "https:" || parsed.protocol === "http:") && !parsed.username && !parsed.password;
    } catch {
      return false;
    }
  }, "Enter a full http(s) URL without credentials, e.g. https://example.com/webhooks/ramp.");

const enabledEvents = z
  .array(z.union([z.literal("*"), eventTypeSchema]), { message: "List the event types to receive, or [\"*\"] for all." })
  .min(1, "Choose at least one event type, or all (\"*\").")
  .transform((list) => (list.includes("*") ? ["*"] : [...new Set(list)]));

const description = z.string().trim().max(300, "Keep the description under 300 characters.").nullish();

export const createEndpointSchema = z
  .object({
    url,
    description,
    enabledEvents: enabledEvents.default(["*"]),
  })
  .strict();
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z.object({
  url: url.optional(),
  description,
  enabledEvents: enabledEvents.optional(),
  /** `disabled` pauses deliveries; `enabled` resumes them (and clears an automatic disable). */
  status: z.enum(["enabled", "disabled"]).optional(),
});
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>;

/** Grace periods offered when rolling a signing secret (hours); the old secret keeps signing. */
export const SECRET_GRACE_HOURS = [0, 1, 24, 72, 168] as const;
export const rollSecretSchema = z.object({
  graceHours: z.coerce.number().int().min(0).max(168, "At most 7 days (168 hours).").default(24),
});

/** POST /v1/webhook_endpoints/:id: an update, optionally with a secret roll (`true` = 24 h grace). */
export const updateEndpointApiSchema = updateEndpointSchema
  .extend({ rollSecret: z.union([z.literal(true), rollSecretSchema.strict()]).optional() })
  .strict();

/**
 * The console's endpoint form (URL, description, the event-type checkboxes or "all events")
 * checked by `schema`; the first error of each field, by its top-level name.
 */
export function parseEndpointForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const parsed = schema.safeParse({
    url: String(form.get("url") ?? ""),
    description: String(form.get("description") ?? ""),
    enabledEvents: form.get("allEvents") === "on" ? ["*"] : form.getAll("enabledEvents").map(String),
  });
  if (parsed.success) return { success: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { success: false, fieldErrors };
}
