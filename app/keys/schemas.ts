/** Key forms, shared by the keys page and its action. */
import { z } from "zod";
import { MAX_ALLOWLIST_ENTRIES, normaliseCidr, splitAllowlist } from "./ip-allowlist";
import { KEY_RESOURCES, type KeyPermission } from "./permissions";

/** Grace periods offered when rolling a key (seconds). */
export const ROLL_GRACE_OPTIONS = [
  { value: "0", label: "Now — stop the old key immediately" },
  { value: "3600", label: "In 1 hour" },
  { value: "86400", label: "In 24 hours" },
  { value: "259200", label: "In 3 days" },
  { value: "604800", label: "In 7 days" },
] as const;

const DAY_MS = 86_400_000;
/** The farthest expiry date the form accepts. */
export const MAX_EXPIRY_DAYS = 3 * 366;

/** The allowlist textarea → normalised CIDRs (empty: any address), or an error naming the first bad entry. */
export const allowlistField = z
  .string()
  .optional()
  .transform((text, issue) => {
    const entries = splitAllowlist(text ?? "");
    if (entries.length > MAX_ALLOWLIST_ENTRIES) {
      issue.addIssue({ code: "custom", message: `At most ${MAX_ALLOWLIST_ENTRIES} entries: use wider ranges.` });
      return z.NEVER;
    }
    const cidrs: string[] = [];
    for (const entry of entries) {
      const cidr = normaliseCidr(entry);
      if (!cidr) {
        issue.addIssue({
          code: "custom",
          message: `“${entry.slice(0, 60)}” is not an IP address or CIDR range. Use e.g. 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32.`,
        });
        return z.NEVER;
      }
      if (!cidrs.includes(cidr)) cidrs.push(cidr);
    }
    return cidrs;
  });

/** `access_sessions` = none | read | write …: one field per resource of a restricted key. */
const accessFields = Object.fromEntries(
  KEY_RESOURCES.map((r) => [`access_${r.resource}`, z.enum(["none", ...r.levels.map((l) => l.value)] as [string, ...string[]]).default("none")]),
) as Record<`access_${(typeof KEY_RESOURCES)[number]["resource"]}`, z.ZodDefault<z.ZodEnum<Record<string, string>>>>;

export const createKeySchema = z
  .object({
    label: z.string().trim().min(1, "Give the key a label, e.g. “Checkout backend”.").max(60, "Keep the label under 60 characters."),
    type: z.enum(["secret", "restricted"]).default("secret"),
    ...accessFields,
    allowedIps: allowlistField,
    /** YYYY-MM-DD: the key stops working at 00:00 UTC that day. Empty: it never expires. */
    expiresOn: z
      .string()
      .optional()
      .refine((v) => !v || /^\d{4}-\d{2}-\d{2}$/.test(v), "Pick a date."),
  })
  .transform((input, issue) => {
    const permissions: KeyPermission[] = [];
    if (input.type === "restricted") {
      for (const resource of KEY_RESOURCES) {
        const level = resource.levels.find((l) => l.value === input[`access_${resource.resource}`]);
        for (const permission of level?.grants ?? []) if (!permissions.includes(permission)) permissions.push(permission);
      }
      if (!permissions.length) issue.addIssue({ code: "custom", path: ["permissions"], message: "Choose at least one permission for a restricted key." });
    }
    let expiresAt: Date | null = null;
    if (input.expiresOn) {
      expiresAt = new Date(`${input.expiresOn}T00:00:00Z`);
      const days = (expiresAt.getTime() - Date.now()) / DAY_MS;
      if (Number.isNaN(days) || days <= 0) issue.addIssue({ code: "custom", path: ["expiresOn"], message: "Pick a date after today." });
      else if (days > MAX_EXPIRY_DAYS) issue.addIssue({ code: "custom", path: ["expiresOn"], message: "Pick a date within three years." });
    }
    return { label: input.label, type: input.type, permissions, allowedIps: input.allowedIps ?? [], expiresAt };
  });

export type CreateKeyInput = z.infer<typeof createKeySchema>;

export const allowlistSchema = z.object({ keyId: z.string().min(1), allowedIps: allowlistField });

export const rollKeySchema = z.object({
  keyId: z.string().min(1),
  graceSeconds: z.enum(ROLL_GRACE_OPTIONS.map((o) => o.value) as [string, ...string[]], {
    message: "Choose when the old key stops working.",
  }),
});
