/** Gateway settings input, shared by the console's forms and the domain module. */
import { z } from "zod";
import { GATEWAY_IDS } from "./catalogue";

export const gatewayIdSchema = z.enum(GATEWAY_IDS, { message: "Choose a gateway from the catalogue." });

/**
 * Live credentials as issued by the gateway's own dashboard. We can't verify them against
 * a real provider here, so we check only what catches a bad paste: blank, truncated,
 * or a line break / space copied along with the key.
 */
const credentialPart = (label: string, max: number) =>
  z
    .string({ message: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .min(8, `That ${label} looks too short. Paste the whole value from the gateway's dashboard.`)
    .max(max, `That ${label} is longer than any we accept (${max} characters). Check what was pasted.`)
    .regex(/^\S+$/, `The ${label} can't contain spaces or line breaks. Check what was pasted.`);

export const liveCredentialsSchema = z.object({
  apiKey: credentialPart("API key", 512),
  apiSecret: credentialPart("API secret", 4096),
});
export type LiveCredentials = z.infer<typeof liveCredentialsSchema>;
