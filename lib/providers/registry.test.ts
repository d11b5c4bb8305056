import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  allProviders,
  encryptProviderCredentials,
  envProviderDefaults,
  getProvider,
  loadProvidersConfigFile,
  parseProvidersConfig,
  providerJobId,
  resolveProviderSettings,
} from "@/lib/providers/registry";
import { encodeFalRef } from "@/lib/providers/pika";
import { PROVIDER_IDS } from "@/lib/providers/types";

const APP = "x".repeat(48);

describe("registry", () => {
  it("knows every provider, including the local studio", () => {
    expect(allProviders().map((p) => p.id)).toEqual([...PROVIDER_IDS]);
    expect(getProvider("heygen").displayName).toBe("HeyGen");
    expect(getProvider("local").id).toBe("local");
    expect(() => getProvider("nope")).toThrow(/Unknown video provider/);
  });

  it("maps stored externalIds to the job ids callbacks carry", () => {
    const ext = encodeFalRef({ id: "req-1", s: "http://x/s", r: "http://x/r", c: "http://x/c" });
    expect(providerJobId("pika", ext)).toBe("req-1");
    expect(providerJobId("runway", "abc")).toBe("abc");
    expect(providerJobId("kling", "legacy:text2video:123")).toBe("123");
    expect(providerJobId("kling", "893605946402811985")).toBe("893605946402811985");
  });
});

describe("resolveProviderSettings", () => {
  const env = envProviderDefaults({
    HEYGEN_API_KEY: "env-heygen-key",
    HEYGEN_BASE_URL: "http://127.0.0.1:1/heygen",
    HEYGEN_WEBHOOK_SECRET: "whsec",
    KLING_ACCESS_KEY: "ak-only",
    FAL_KEY: "",
    RUNWAYML_API_SECRET: "env-runway",
  });
  const file = parseProvidersConfig({
    heygen: { priority: 5, rateLimitPerMinute: 30, costModel: { centsPerUnit: 9 } },
    pika: { apiKey: "file-fal-key", concurrency: 2 },
    runway: { enabled: false },
  });

  it("merges workspace rows over env over file over built-ins, sorted by priority", () => {
    const rows = [
      {
        workspaceId: "ws1",
        providerId: "heygen" as const,
        priority: 50,
        encryptedCredentials: encryptProviderCredentials({ apiKey: "ws-heygen-key" }, APP, "ws1", "heygen"),
        apiVersion: "v3",
        costModel: { minUnits: 30 },
      },
      { providerId: "runway" as const, enabled: true, rateLimitPerMinute: 10, concurrency: 1 },
    ];
    const s = resolveProviderSettings(rows, env, file, { appSecret: APP });
    const by = Object.fromEntries(s.map((x) => [x.providerId, x]));
    expect(s.map((x) => x.providerId)).toEqual(["kling", "runway", "pika", "heygen", "local"]);
    expect(by.heygen).toMatchObject({
      enabled: true,
      priority: 50,
      credentialSource: "workspace",
      credentials: { apiKey: "ws-heygen-key", baseUrl: "http://127.0.0.1:1/heygen", apiVersion: "v3", webhookSecret: "whsec" },
      rateLimitPerMinute: 30,
      costModel: { centsPerUnit: 9, minUnits: 30, unitName: "second" },
    });
    // kling has only an access key in env: not configured, so not enabled
    expect(by.kling).toMatchObject({ configured: false, enabled: false, credentialSource: "none" });
    expect(by.runway).toMatchObject({ enabled: true, credentialSource: "env", rateLimitPerMinute: 10, concurrency: 1 });
    expect(by.pika).toMatchObject({ enabled: true, credentialSource: "file", concurrency: 2, credentials: { apiKey: "file-fal-key" } });
    expect(by.local).toMatchObject({ enabled: true, configured: true, priority: 1000 });
  });

  it("file can disable; undecryptable keys are reported, never thrown", () => {
    const s = resolveProviderSettings(
      [{ workspaceId: "ws1", providerId: "pika", encryptedCredentials: encryptProviderCredentials({ apiKey: "k" }, APP, "other-ws", "pika") }],
      env,
      file,
      { appSecret: APP },
    );
    const by = Object.fromEntries(s.map((x) => [x.providerId, x]));
    expect(by.runway.enabled).toBe(false);
    expect(by.pika).toMatchObject({ configured: false, enabled: false });
    expect(by.pika.credentialError).toMatch(/could not be decrypted/);
  });

  // Issue 10, hole 1: a fresh workspace pointed HeyGen/Kling/Pika/Runway at its own server and the
  // operator's env keys went with the request. Mutation tried: dropping `&& !workspaceHost` from
  // the env/file fallback in resolveProviderSettings makes this test fail (env keys reappear).
  it("never sends operator keys to a workspace-chosen host", () => {
    const envAll = envProviderDefaults({
      HEYGEN_API_KEY: "env-heygen-key",
      HEYGEN_WEBHOOK_SECRET: "env-whsec",
      KLING_ACCESS_KEY: "env-ak",
      KLING_SECRET_KEY: "env-sk",
      FAL_KEY: "env-fal",
      RUNWAYML_API_SECRET: "env-runway",
    });
    const evil = "https://attacker.example/collect";
    const rows = (["heygen", "kling", "pika", "runway"] as const).map((providerId) => ({ workspaceId: "ws1", providerId, baseUrl: evil }));
    const s = resolveProviderSettings(rows, envAll, file, { appSecret: APP });
    for (const r of s.filter((x) => x.providerId !== "local")) {
      expect(r.credentials.baseUrl).toBe(evil);
      expect(r.credentials).not.toHaveProperty("apiKey");
      expect(r.credentials).not.toHaveProperty("accessKey");
      expect(r.credentials).not.toHaveProperty("secretKey");
      expect(r.credentials).not.toHaveProperty("webhookSecret");
      expect(r).toMatchObject({ configured: false, enabled: false, credentialSource: "none" });
    }
    // The workspace's own key may go to its own host.
    const own = resolveProviderSettings(
      [{ workspaceId: "ws1", providerId: "heygen", baseUrl: evil, encryptedCredentials: encryptProviderCredentials({ apiKey: "ws-own" }, APP, "ws1", "heygen") }],
      envAll,
      {},
      { appSecret: APP },
    ).find((x) => x.providerId === "heygen")!;
    expect(own.credentials).toEqual({ apiKey: "ws-own", baseUrl: evil });
  });

  it("reads and validates PROVIDERS_CONFIG_FILE", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "pcfg-"));
    const f = path.join(dir, "p.json");
    await writeFile(f, JSON.stringify({ kling: { priority: 1, baseUrl: "http://127.0.0.1:9" } }));
    expect(await loadProvidersConfigFile(f)).toMatchObject({ kling: { priority: 1, credentials: { baseUrl: "http://127.0.0.1:9" } } });
    await writeFile(f, JSON.stringify({ kling: { priority: "high" } }));
    await expect(loadProvidersConfigFile(f)).rejects.toThrow(/kling\.priority/);
    expect(await loadProvidersConfigFile(undefined)).toEqual({});
    await rm(dir, { recursive: true, force: true });
  });

  // Mutation tried: hasKeys("kling") requiring accessKey+secretKey only (the old rule) → the
  // API-key-only workspace below is not configured.
  it("Kling: KLING_API_KEY / a workspace apiKey configure it; the model pick travels and prices the estimate", () => {
    const envKey = envProviderDefaults({ KLING_API_KEY: "env-kling-key", KLING_MODEL: "kling-2.5-turbo" });
    const fromEnv = resolveProviderSettings([], envKey, {}, { appSecret: APP }).find((x) => x.providerId === "kling")!;
    expect(fromEnv).toMatchObject({ configured: true, credentialSource: "env", credentials: { apiKey: "env-kling-key", model: "kling-2.5-turbo" } });
    const ws = resolveProviderSettings(
      [{ workspaceId: "ws1", providerId: "kling", model: "kling-3.0-turbo", encryptedCredentials: encryptProviderCredentials({ apiKey: "ws-kling" }, APP, "ws1", "kling") }],
      envKey,
      {},
      { appSecret: APP },
    ).find((x) => x.providerId === "kling")!;
    expect(ws).toMatchObject({ configured: true, credentialSource: "workspace", credentials: { apiKey: "ws-kling", model: "kling-3.0-turbo" } });
    expect(ws.costModel).toMatchObject({ centsPerUnit: 56, unitName: "5s-clip" });
    // HEYGEN_API_VERSION is gone: v3 is the only path.
    expect(envProviderDefaults({ HEYGEN_API_KEY: "k", HEYGEN_API_VERSION: "v2" }).heygen?.credentials).toEqual({ apiKey: "k" });
  });
});
