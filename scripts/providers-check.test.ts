import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProviderFakes, type ProviderFakes } from "@/e2e/fakes/providers";
import { runProvidersCheck } from "./providers-check";

describe("npm run providers:check (against the fakes)", () => {
  let fakes: ProviderFakes;
  beforeAll(async () => {
    fakes = await startProviderFakes();
  });
  afterAll(() => fakes.close());

  async function run(env: Record<string, string>) {
    const lines: string[] = [];
    const code = await runProvidersCheck(env, (s) => lines.push(s));
    return { code, table: lines.join("\n") };
  }
  const row = (table: string, provider: string) => table.split("\n").find((l) => l.startsWith(provider + " ")) ?? "";

  it("prints a row per provider: auth, balance, model, price — with no spend", async () => {
    const { code, table } = await run(fakes.env);
    expect(code).toBe(0);
    expect(table.split("\n")[0]).toMatch(/^provider\s+role\s+auth\s+balance \/ detail\s+model\s+model ok\s+price$/);
    expect(row(table, "heygen")).toMatch(/presenter\s+ok\s+wallet \$42\.50\s+avatar_iv\s+ok\s+7¢ per second/);
    expect(row(table, "kling")).toMatch(/clip\+presenter\s+ok\s+API key accepted.*kling-2\.6\s+ok\s+21¢ per 5s-clip/);
    expect(row(table, "pika")).toMatch(/clip\s+ok/);
    expect(row(table, "runway")).toMatch(/ok/);
    // Read-only: nothing was created anywhere.
    for (const f of [fakes.heygen, fakes.kling, fakes.pika, fakes.runway]) expect(f.requests.filter((r) => r.method === "POST")).toEqual([]);
  });

  // Mutation tried: checkProvider skipping the discontinued-model check → kling reports "ok".
  it("a provider with no key is 'no key' (never healthy); a discontinued Kling model fails with what to change", async () => {
    const env = { ...fakes.env, KLING_MODEL: "kling-v1" } as Record<string, string>;
    delete env.FAL_KEY;
    const { code, table } = await run(env);
    expect(code).toBe(1);
    expect(row(table, "pika")).toMatch(/clip\s+no key/);
    expect(row(table, "kling")).toMatch(/failed\s+The Kling model 'kling-v1' has been discontinued.*kling-v1\s+discontinued/);
  });
});
