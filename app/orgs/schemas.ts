import { z } from "zod";
import { INVITABLE_ROLES } from "~/lib/roles";

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(128, "Keep the password under 128 characters.");

export const organizationNameSchema = z
  .string()
  .trim()
  .min(2, "Give the organization a name of at least 2 characters.")
  .max(60, "Keep the name under 60 characters.");

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  role: z.enum(INVITABLE_ROLES as [string, ...string[]], { message: "Pick a role." }),
});
