import { z } from "zod";
import { INVITABLE_ROLES } from "~/lib/roles";

export const passwordSchema = z.string().min(10, "Use at least 10 characters.").max(128, "Keep the password under 128 characters.");

export const organizationNameSchema = z
  .string()
  .trim()
  .min(2, "Give the organization a name of at least 2 characters.")
  .max(60, "Keep the name under 60 characters.");

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  role: z.enum(INVITABLE_ROLES as [string, ...string[]], { message: "Pick a role." }),
});

export const profileSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(80, "Keep your name under 80 characters."),
});

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });
