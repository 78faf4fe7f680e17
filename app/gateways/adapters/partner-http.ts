/**
 * What the live adapters share: one HTTP call to a gateway's partner API with a timeout, its
 * failures turned into DomainError("GATEWAY_UNAVAILABLE", "<Gateway>: <their message>"), and the
 * small crypto helpers their signature schemes need. Nothing here knows a particular gateway.
 *
 * Secrets never reach a message: we never quote a URL (it may carry a key), and every message a
 * gateway sends back is scrubbed of the credential values we sent before it is shown.
 */
import crypto from "node:crypto";
import type { z } from "zod";
import { gatewayById, type GatewayId } from "~/gateways/catalogue";
import { DomainError } from "~/lib/domain-error";
import type { CallbackVerdict, GatewayConnection } from "./types";

/** How long one partner API call may take (connect and answer). */
export const PARTNER_TIMEOUT_MS = 10_000;

/** How old a timestamped callback may be before it counts as a replay. */
export const CALLBACK_TOLERANCE_SECONDS = 5 * 60;

const MAX_MESSAGE_LENGTH = 300;

export interface PartnerCall {
  gateway: string;
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  /** A JSON body (sent as application/json). */
  json?: unknown;
  /** Values to scrub from anything the gateway answers (the credentials we sent). */
  secrets: string[];
  /** Reads the gateway's own error message out of its error body. */
  errorMessage: (body: unknown) => string | null;
}

/** The HTTP status of the gateway answer behind a GATEWAY_UNAVAILABLE from partnerFetch. */
const answerStatus = new WeakMap<Error, number>();

/** The HTTP status a gateway refused a partnerFetch call with (null: it did not answer, or answered 2xx). */
export function refusedWithStatus(error: unknown): number | null {
  return error instanceof Error ? (answerStatus.get(error) ?? null) : null;
}

export function gatewayUnavailable(gateway: string, message: string): DomainError {
  return new DomainError("GATEWAY_UNAVAILABLE", `${gateway}: ${message}`);
}

/** Removes every credential value from a text, and cuts it to a readable length. */
export function scrub(text: string, secrets: string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join("[redacted]");
  clean = clean.replace(/\s+/g, " ").trim();
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : clean;
}

/**
 * One call; answers the parsed JSON body of a 2xx answer. A network error, a timeout, a non-2xx
 * answer or a body that is not JSON throws GATEWAY_UNAVAILABLE with the gateway's own words
 * where it gave any.
 */
export async function partnerFetch(call: PartnerCall): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method,
      headers: {
        Accept: "application/json",
        ...(call.json === undefined ? {} : { "Content-Type": "application/json" }),
        ...call.headers,
      },
      body: call.json === undefined ? undefined : JSON.stringify(call.json),
      redirect: "error",
      signal: AbortSignal.timeout(PARTNER_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw gatewayUnavailable(call.gateway, timedOut ? `no answer within ${PARTNER_TIMEOUT_MS / 1000} s.` : "could not be reached.");
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw gatewayUnavailable(call.gateway, `the answer was cut off (HTTP ${response.status}).`);
  }
  let body: unknown = null;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const theirs = body === undefined ? null : call.errorMessage(body);
    const error = gatewayUnavailable(call.gateway, scrub(theirs ? theirs : `HTTP ${response.status}`, call.secrets));
    answerStatus.set(error, response.status);
    throw error;
  }
  if (body === undefined) throw gatewayUnavailable(call.gateway, `answered HTTP ${response.status} with a body that is not JSON.`);
  return body;
}

/** Parses a gateway's answer against the shape its documentation gives; anything else is the gateway's fault. */
export function expectShape<T>(gateway: string, schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw gatewayUnavailable(gateway, `unexpected answer to ${what}.`);
  return parsed.data;
}

/** The named credential, or GATEWAY_UNAVAILABLE saying which one is missing (never its value). */
export function credential(gateway: string, conn: GatewayConnection, name: string, label: string): string {
  const value = conn.credentials[name]?.trim();
  if (!value) throw gatewayUnavailable(gateway, `the ${label} is not set. Enter it in the gateway's connection settings.`);
  return value;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}

export function hmacHex(algorithm: "sha256" | "sha512", key: string, message: string): string {
  return crypto.createHmac(algorithm, key).update(message, "utf8").digest("hex");
}

/** Constant-time comparison of two strings (false when their lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export function refuse(reason: "bad_signature" | "replayed" | "malformed" | "ignored", message: string): CallbackVerdict {
  return { ok: false, reason, message };
}

/** A JSON object, or null for anything else (a string, an array, invalid JSON). */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A number or numeric string as a plain decimal string ("0.0154"), or null. */
export function decimalString(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return numberToPlain(value);
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return value.trim();
  return null;
}

function numberToPlain(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, "");
}

/**
 * Until when a sell's deposit may arrive: the catalogue's deposit window for the gateway (its docs' own
 * deadline where they give one). We hold it ourselves (docs/decisions/0017-off-ramp.md), whatever the gateway does.
 */
export function sellDepositDeadline(gatewayId: GatewayId, now = Date.now()): string {
  const minutes = gatewayById(gatewayId)?.sell?.depositWindowMinutes ?? 60;
  return new Date(now + minutes * 60_000).toISOString();
}
