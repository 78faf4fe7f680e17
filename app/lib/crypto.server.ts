/** Hashing and encryption of secrets at rest. */
import crypto from "node:crypto";
import { env } from "./env.server";

export function sha256Hex(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** `bytes` of randomness as base62 text (no ambiguous separators, copy-friendly). */
export function randomBase62(bytes: number): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  // 62^n ≥ 256^bytes  ⇒  n = ceil(bytes * 8 / log2(62)); rejection sampling keeps it uniform.
  const length = Math.ceil((bytes * 8) / Math.log2(62));
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length)) {
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}

let encryptionKey: Buffer | undefined;
function key(): Buffer {
  // HKDF so the encryption key is independent of other uses of APP_SECRET.
  encryptionKey ??= Buffer.from(crypto.hkdfSync("sha256", env().APP_SECRET, "ramp-partner-console", "secrets-at-rest:v1", 32));
  return encryptionKey;
}

/** AES-256-GCM; output `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptSecret(plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(payload: string): string {
  const [version, iv, tag, ciphertext] = payload.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new Error("Unrecognised ciphertext");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

export function resetCryptoForTests() {
  encryptionKey = undefined;
}
