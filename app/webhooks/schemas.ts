/** Webhook endpoint input, shared by the API and the console. */
import { z } from "zod";
import { EVENT_TYPES } from "~db/schema/webhooks";

const eventTypeSchema = z.enum(EVENT_TYPES, { message: `Use one of: ${EVENT_TYPES.join(", ")}.` });

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
  .array(z.union([z.literal("*"), eventTypeSchema]), { message: 'List the event types to receive, or ["*"] for all.' })
  .min(1, 'Choose at least one event type, or all ("*").')
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
const rollSecretSchema = z.object({
  graceHours: z.coerce.number().int().min(0).max(168, "At most 7 days (168 hours).").default(24),
});

/** The console's Roll signing secret: one of the offered grace periods. */
export const rollSecretFormSchema = z.object({
  graceHours: z.coerce.number().refine((h) => (SECRET_GRACE_HOURS as readonly number[]).includes(h), "Choose how long the old secret keeps signing."),
});

/** Periods offered by the console's "Resend failed deliveries" (hours back). */
export const RESEND_FAILED_HOURS = [1, 6, 24, 72] as const;
export const resendFailedSchema = z.object({
  sinceHours: z.coerce.number().refine((h) => (RESEND_FAILED_HOURS as readonly number[]).includes(h), "Choose a period."),
});

/** The console's Send test event. */
export const testEventSchema = z.object({ type: z.enum(EVENT_TYPES, { message: "Choose an event type." }) });

/** POST /v1/webhook_endpoints/:id: an update, optionally with a secret roll (`true` = 24 h grace). */
export const updateEndpointApiSchema = updateEndpointSchema.extend({ rollSecret: z.union([z.literal(true), rollSecretSchema.strict()]).optional() }).strict();

/**
 * The console's endpoint form as `schema` reads it: "Send every event type" is ["*"], else the
 * types the MultiSelect sends as one comma-separated value.
 */
export function endpointForm<S extends z.ZodType>(schema: S) {
  return z.preprocess((raw) => {
    const form = raw as Record<string, unknown>;
    const chosen = ([] as unknown[]).concat(form.enabledEvents ?? []).flatMap((value) => String(value).split(","));
    return {
      url: String(form.url ?? ""),
      description: String(form.description ?? ""),
      enabledEvents: form.allEvents === "on" ? ["*"] : chosen.map((type) => type.trim()).filter(Boolean),
    };
  }, schema);
}
