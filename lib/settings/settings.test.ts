import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { providerSettings } from "@/db/schema";
import { signUp } from "@/lib/auth/signup";
import { contextForUser, type AuthContext } from "@/lib/auth/context";
import { upsertMember } from "@/db/queries/accounts";
import { publicProviderSettings } from "@/lib/providers/workspace";
import { parseProviderForm, parseRate, reorderProviders, saveProviderForm } from "./providers";
import { saveBudgetForm } from "./budgets";
import { updateWorkspaceSettings } from "./workspace";
import { toActionResult } from "./result";

const email = (t: string) => `${t}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;

async function owner(tag: string): Promise<AuthContext> {
  const r = await signUp({ name: `Owner ${tag}`, email: email(tag), password: "settings-pass-1" });
  if (!r.ok) throw new Error("sign up failed");
  return (await contextForUser(r.userId))!;
}

describe("parseProviderForm", () => {
  it("keeps blank keys out (write-only) and turns blanks into defaults", () => {
    const r = parseProviderForm("heygen", { priority: "5", apiKey: "  ", baseUrl: "", rateLimitPerMinute: "", concurrency: "3" });
    expect(r).toEqual({ ok: true, input: { priority: 5, baseUrl: null, apiVersion: null, rateLimitPerMinute: null, concurrency: 3, costModel: null } });
  });

  it("takes Kling's API key (current models; issue 12) and explains bad numbers per field", () => {
    const r = parseProviderForm("kling", { priority: "x", apiKey: "kling-api-key-123", rateLimitPerMinute: "-1", unitsPerSecond: "fast", baseUrl: "ftp://nope" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["baseUrl", "priority", "rateLimitPerMinute", "unitsPerSecond"]);
    const ok = parseProviderForm("kling", { priority: "5", apiKey: "kling-api-key-123" });
    expect(ok.ok && ok.input.apiKey).toBe("kling-api-key-123");
  });

  it("builds a partial cost model override", () => {
    const r = parseProviderForm("heygen", { priority: "10", centsPerUnit: "50", unitName: "half-minute", unitsPerSecond: "1/30", minUnits: "1" });
    expect(r.ok && r.input.costModel).toEqual({ centsPerUnit: 50, unitName: "half-minute", unitsPerSecond: 1 / 30, minUnits: 1 });
    expect(parseRate("0.2")).toBe(0.2);
    expect(parseRate("1/0")).toBeUndefined();
    expect(parseRate("")).toBeNull();
  });
});

describe("saveProviderForm", () => {
  it("stores the key encrypted, returns only the hint, and keeps it when the field is left empty", async () => {
    const ctx = await owner("prov");
    const key = "hg_secret_key_value_9876";
    const r = await saveProviderForm(ctx, "heygen", { enabled: true, priority: "10", apiKey: key, apiVersion: "v3" });
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain(key);
    if (r.ok) expect(r.data).toMatchObject({ keyHint: "••••9876", configured: true, enabled: true, apiVersion: "v3" });
    const [row] = await getDb().select().from(providerSettings).where(eq(providerSettings.workspaceId, ctx.workspace.id));
    expect(row.encryptedCredentials).toBeTruthy();
    expect(row.encryptedCredentials).not.toContain(key);

    // Saving again without a key keeps the saved one.
    const again = await saveProviderForm(ctx, "heygen", { priority: "15", apiKey: "" });
    expect(again.ok && again.data).toMatchObject({ keyHint: "••••9876", configured: true, priority: 15 });
    expect(JSON.stringify(await publicProviderSettings(ctx.workspace.id))).not.toContain(key);
  });

  it("reports a too-short key beside the key field", async () => {
    const ctx = await owner("short");
    const r = await saveProviderForm(ctx, "pika", { priority: "10", apiKey: "abc" });
    expect(r).toMatchObject({ ok: false, errors: { apiKey: "That key looks too short; paste the whole key." } });
  });

  it("reorders the failover chain", async () => {
    const ctx = await owner("order");
    const list = await reorderProviders(ctx, ["local", "runway", "heygen", "kling", "pika"]);
    expect(list.map((p) => [p.provider, p.priority])).toEqual([["local", 10], ["runway", 20], ["heygen", 30], ["kling", 40], ["pika", 50]]);
    await expect(reorderProviders(ctx, ["local", "local", "heygen", "kling", "pika"])).rejects.toThrow("exactly once");
  });

  it("refuses members (not admins) with a message that says who can", async () => {
    const ctx = await owner("role");
    const r = await toActionResult(() => saveProviderForm({ ...ctx, role: "member" }, "heygen", { priority: "1" }));
    expect(r).toMatchObject({ ok: false, errors: { form: expect.stringContaining("owner or admin role") } });
  });
});

describe("saveBudgetForm", () => {
  it("stores dollars as cents and explains each bad field", async () => {
    const ctx = await owner("budget");
    const bad = await saveBudgetForm(ctx, { perVideo: "-2", daily: "12.345", monthly: "lots" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["daily", "monthly", "perVideo"]);
    const ok = await saveBudgetForm(ctx, { perVideo: "2.50", daily: "$5", monthly: "" });
    expect(ok.ok && ok.data).toMatchObject({ perVideoCents: 250, dailyCents: 500, monthlyCents: null, spentTodayCents: 0 });
    const inverted = await saveBudgetForm(ctx, { perVideo: "", daily: "50", monthly: "10" });
    expect(inverted).toMatchObject({ ok: false, errors: { daily: expect.stringContaining("above the monthly cap") } });
  });
});

describe("updateWorkspaceSettings", () => {
  it("validates the name, time zone and retention and saves them", async () => {
    const ctx = await owner("ws");
    const bad = await toActionResult(() => updateWorkspaceSettings(ctx, { name: " ", timezone: "Mars/Olympus", retentionDays: "0" }));
    expect(bad).toMatchObject({
      ok: false,
      errors: { name: "Enter a name for the workspace.", timezone: "Pick a time zone from the list, like Europe/Berlin.", retentionDays: "Keep media for at least 1 day." },
    });
    const ok = await updateWorkspaceSettings(ctx, { name: "Renamed", timezone: "America/New_York", retentionDays: "30" });
    expect(ok).toMatchObject({ name: "Renamed", timezone: "America/New_York", retentionDays: 30 });
  });

  it("only lets owners and admins change it", async () => {
    const ctx = await owner("ws-member");
    const other = await owner("ws-other");
    await upsertMember(getDb(), ctx.workspace.id, other.user.id, "member");
    const asMember = (await contextForUser(other.user.id, ctx.workspace.id))!;
    expect(asMember.role).toBe("member");
    await expect(updateWorkspaceSettings(asMember, { name: "Hijack", timezone: "UTC", retentionDays: 1 })).rejects.toThrow("owner or admin");
  });
});
