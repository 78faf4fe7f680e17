/**
 * How the sandbox provider signs its callbacks, like a real gateway's webhook:
 * HMAC-SHA256 of `timestamp.body`, hex, in X-Sandbox-Signature with X-Sandbox-Timestamp;
 * the platform refuses a bad signature or a timestamp more than 300 s away.
 */
import crypto from "node:crypto";
import { env } from "../lib/env.server";

const TOLERANCE_SECONDS = 300;

function key() {
  return Buffer.from(crypto.hkdfSync("sha256", env().APP_SECRET, "ramp-sandbox", "provider-callbacks:v1", 32));
}

export function signCallback(body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = crypto.createHmac("sha256", key()).update(`${timestamp}.${body}`).digest("hex");
  return { "X-Sandbox-Timestamp": String(timestamp), "X-Sandbox-Signature": signature };
}

export function verifyCallback(body: string, timestamp: string | null, signature: string | null, now = Date.now()): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signCallback(body, Number(timestamp))["X-Sandbox-Signature"], "hex");
  return crypto.timingSafeEqual(expected, Buffer.from(signature, "hex"));
}
