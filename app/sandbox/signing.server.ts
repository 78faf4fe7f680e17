/**
 * How the sandbox provider signs its callbacks, like a real gateway's webhook:
 * HMAC-SHA256 of `timestamp.body`, hex, in X-Sandbox-Signature with X-Sandbox-Timestamp;
 * the platform refuses a bad signature or a timestamp more than 300 s away.
 *
 * The other way, the platform signs the provider API calls that move money back (refunds)
 * with a key of their own, as a real gateway's API authenticates its partner: the payment id
 * is in the customer's payment-page URL, so knowing it must not be enough to refund.
 */
import crypto from "node:crypto";
import { env } from "~/lib/env.server";

const TOLERANCE_SECONDS = 300;

type Purpose = "provider-callbacks:v1" | "provider-api:v1";

function key(purpose: Purpose) {
  return Buffer.from(crypto.hkdfSync("sha256", env().APP_SECRET, "ramp-sandbox", purpose, 32));
}

function sign(purpose: Purpose, message: string, timestamp: number) {
  const signature = crypto.createHmac("sha256", key(purpose)).update(`${timestamp}.${message}`).digest("hex");
  return { "X-Sandbox-Timestamp": String(timestamp), "X-Sandbox-Signature": signature };
}

function verify(purpose: Purpose, message: string, timestamp: string | null, signature: string | null, now: number): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(sign(purpose, message, Number(timestamp))["X-Sandbox-Signature"], "hex");
  return crypto.timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

export function signCallback(body: string, timestamp = Math.floor(Date.now() / 1000)) {
  return sign("provider-callbacks:v1", body, timestamp);
}

export function verifyCallback(body: string, timestamp: string | null, signature: string | null, now = Date.now()): boolean {
  return verify("provider-callbacks:v1", body, timestamp, signature, now);
}

/** A platform → provider API request, bound to its path so a signature can't be moved to another payment. */
export function signProviderRequest(path: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  return sign("provider-api:v1", `${path}.${body}`, timestamp);
}

export function verifyProviderRequest(path: string, body: string, timestamp: string | null, signature: string | null, now = Date.now()): boolean {
  return verify("provider-api:v1", `${path}.${body}`, timestamp, signature, now);
}
