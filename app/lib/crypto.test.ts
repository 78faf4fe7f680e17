import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, randomBase62, resetCryptoForTests, sha256Hex } from "./crypto.server";
import { resetEnvForTests } from "./env.server";

describe("sha256Hex", () => {
  it("matches known vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes UTF-8 text", () => {
    expect(sha256Hex("é")).not.toBe(sha256Hex("e"));
    expect(sha256Hex("sk_test_abc")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("randomBase62", () => {
  it("gives at least 43 base62 characters for 32 bytes", () => {
    for (let i = 0; i < 50; i++) {
      const value = randomBase62(32);
      expect(value.length).toBeGreaterThanOrEqual(43);
      expect(value).toMatch(/^[0-9A-Za-z]+$/);
    }
  });

  it("is different each time", () => {
    const seen = new Set(Array.from({ length: 200 }, () => randomBase62(32)));
    expect(seen.size).toBe(200);
  });

  it("uses the whole alphabet", () => {
    const chars = new Set(Array.from({ length: 200 }, () => randomBase62(32)).join(""));
    expect(chars.size).toBe(62);
  });
});

describe("encryptSecret / decryptSecret", () => {
  it("round-trips", () => {
    for (const plaintext of ["sk_test_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "", "ünïcødé 🔑"]) {
      expect(decryptSecret(encryptSecret(plaintext))).toBe(plaintext);
    }
  });

  it("does not contain the plaintext and differs every time", () => {
    const plaintext = "sk_test_the-same-secret-every-time";
    const a = encryptSecret(plaintext);
    const b = encryptSecret(plaintext);
    expect(a).not.toBe(b);
    expect(a).not.toContain(plaintext);
    expect(a.startsWith("v1.")).toBe(true);
    expect(a.split(".")).toHaveLength(4);
  });

  it("throws on tampered ciphertext", () => {
    const payload = encryptSecret("sk_test_tamper-me-please");
    const [version, iv, tag, ciphertext] = payload.split(".") as [string, string, string, string];
    const bytes = Buffer.from(ciphertext, "base64url");
    bytes[0] = bytes[0]! ^ 0x01;
    const tampered = [version, iv, tag, bytes.toString("base64url")].join(".");
    expect(() => decryptSecret(tampered)).toThrow();
  });

  it("throws on a tampered tag or iv", () => {
    const payload = encryptSecret("another secret");
    const [version, iv, tag, ciphertext] = payload.split(".") as [string, string, string, string];
    const flip = (s: string) => {
      const b = Buffer.from(s, "base64url");
      b[b.length - 1] = b[b.length - 1]! ^ 0x80;
      return b.toString("base64url");
    };
    expect(() => decryptSecret([version, iv, flip(tag), ciphertext].join("."))).toThrow();
    expect(() => decryptSecret([version, flip(iv), tag, ciphertext].join("."))).toThrow();
  });

  describe("with another APP_SECRET", () => {
    const original = process.env.APP_SECRET;
    afterEach(() => {
      process.env.APP_SECRET = original;
      resetEnvForTests();
      resetCryptoForTests();
    });

    it("cannot decrypt what the first secret encrypted", () => {
      const payload = encryptSecret("sk_test_bound-to-the-app-secret");
      process.env.APP_SECRET = "a-completely-different-app-secret-0123456789";
      resetEnvForTests();
      resetCryptoForTests();
      expect(() => decryptSecret(payload)).toThrow();
      expect(decryptSecret(encryptSecret("fresh"))).toBe("fresh");
    });
  });

  it("rejects payloads that are not ours", () => {
    expect(() => decryptSecret("not-a-ciphertext")).toThrow();
    const payload = encryptSecret("x");
    expect(() => decryptSecret(payload.replace(/^v1\./, "v2."))).toThrow(/Unrecognised/);
  });
});
