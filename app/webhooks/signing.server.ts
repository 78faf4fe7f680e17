/**
 * Webhook signatures, two schemes on every request so receivers written for either verify:
 * - Standard Webhooks (signed by the `standardwebhooks` package): `webhook-id` (the event id,
 *   the same on every retry), `webhook-timestamp` (unix s), `webhook-signature: v1,<base64>`
 *   per active secret, space-separated (two while a rolled secret's grace period runs).
 * - The provider's: `X-Webhook-Event`, `X-Webhook-Delivery-Id`, `X-Webhook-Timestamp` (unix s),
 *   `X-Webhook-Signature` = hex HMAC-SHA256 of `timestamp + "." + body`, keyed with the
 *   current secret exactly as shown (`whsec_…`).
 */
import crypto from "node:crypto";
import { Webhook } from "standardwebhooks";

export function newSigningSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64")}`;
}

interface SignInput {
  eventId: string;
  eventType: string;
  deliveryId: string;
  body: string;
  /** Current secret first, then a rolled one still in its grace period. */
  secrets: string[];
  at: Date;
}

export function signedHeaders(input: SignInput): Record<string, string> {
  const timestamp = Math.floor(input.at.getTime() / 1000);
  const signatures = input.secrets.map((secret) => new Webhook(secret).sign(input.eventId, input.at, input.body));
  return {
    "content-type": "application/json",
    "user-agent": "Ramp-Webhooks/1.0",
    "webhook-id": input.eventId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatures.join(" "),
    "x-webhook-event": input.eventType,
    "x-webhook-delivery-id": input.deliveryId,
    "x-webhook-timestamp": String(timestamp),
    "x-webhook-signature": crypto.createHmac("sha256", input.secrets[0]!).update(`${timestamp}.${input.body}`).digest("hex"),
  };
}
