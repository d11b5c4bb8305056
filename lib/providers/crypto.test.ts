import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, maskSecret } from "@/lib/providers/crypto";

const APP = "a".repeat(40);

describe("provider key encryption", () => {
  it("round-trips, is randomised, and never contains the plaintext", () => {
    const a = encryptSecret("sk-live-1234567890abcd", APP);
    const b = encryptSecret("sk-live-1234567890abcd", APP);
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-live");
    expect(decryptSecret(a, APP)).toBe("sk-live-1234567890abcd");
  });
  it("fails clearly with the wrong secret, a tampered token or another owner's AAD", () => {
    const t = encryptSecret("k-123456789", APP, "ws1:heygen");
    expect(() => decryptSecret(t, "b".repeat(40), "ws1:heygen")).toThrow(/could not be decrypted/);
    expect(() => decryptSecret(t, APP, "ws2:heygen")).toThrow(/could not be decrypted/);
    const parts = t.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."), APP, "ws1:heygen")).toThrow(/could not be decrypted/);
    expect(() => decryptSecret("garbage", APP)).toThrow(/unknown format/);
  });
  it("masks", () => {
    expect(maskSecret("key_abcdefgh1234")).toBe("••••1234");
    expect(maskSecret("short")).toBe("••••");
    expect(maskSecret(undefined)).toBe("");
  });
});
