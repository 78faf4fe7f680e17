/** Gateway settings input, shared by the console's forms and the domain module. */
import { z } from "zod";
import type { CredentialField } from "./adapters/types";
import { GATEWAY_IDS } from "./catalogue";

export const gatewayIdSchema = z.enum(GATEWAY_IDS, { message: "Choose a gateway from the catalogue." });

/**
 * A credential as issued by the gateway's own dashboard. We check only what catches a bad
 * paste: blank, truncated (secrets), or a line break / space copied along with the value.
 */
const credentialPart = (label: string, max: number, minLength: number) =>
  z
    .string({ message: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .min(minLength, `That ${label} looks too short. Paste the whole value from the gateway's dashboard.`)
    .max(max, `That ${label} is longer than any we accept (${max} characters). Check what was pasted.`)
    .regex(/^\S+$/, `The ${label} can't contain spaces or line breaks. Check what was pasted.`);

/** Gateways whose live adapter isn't registered yet keep the original key + secret pair. */
export const DEFAULT_CREDENTIAL_FIELDS: CredentialField[] = [
  { name: "apiKey", label: "API key", secret: false },
  { name: "apiSecret", label: "API secret", secret: true },
];

/** The schema for one adapter's credentialFields: every field required; secrets and API keys at least 8 characters. */
export function credentialsSchemaFor(fields: readonly CredentialField[]) {
  const shape: Record<string, z.ZodType<string>> = {};
  for (const field of fields) {
    const label = field.label.charAt(0).toLowerCase() + field.label.slice(1);
    shape[field.name] = credentialPart(label.replace(/^aPI/, "API"), 4096, field.secret || /key/i.test(field.name) ? 8 : 2);
  }
  return z.object(shape);
}

export const callbackSecretSchema = credentialPart("callback secret", 4096, 8);
