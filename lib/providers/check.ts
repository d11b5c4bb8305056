/**
 * The provider check (`npm run providers:check`, Settings → Providers → Check): with the keys at
 * hand and no spend, does each provider accept them, what is left on the account, does the chosen
 * model exist, and what does it cost. Only read-only calls (testConnection) go out.
 */
import { costForDuration } from "@/lib/providers/cost-models";
import { HEYGEN_DEFAULT_MODEL, heygenModel } from "@/lib/providers/heygen/models";
import { KLING_DEFAULT_MODEL, discontinuedMessage, klingModel } from "@/lib/providers/kling/models";
import { PIKA_DEFAULT_MODEL, pikaModel } from "@/lib/providers/pika/models";
import { getProvider } from "@/lib/providers/registry";
import type { CostModel, ProviderCredentials, ProviderId, ProviderRole } from "@/lib/providers/types";

export interface ProviderCheckRow {
  provider: ProviderId;
  roles: ProviderRole[];
  /** "ok", "no key", or "failed". A provider without a key is never reported healthy. */
  auth: "ok" | "no key" | "failed";
  /** What the provider said about the account (wallet, credits) or why it failed. */
  detail: string;
  model: string;
  modelStatus: "ok" | "discontinued" | "unknown" | "n/a";
  /** e.g. "21¢ per 5s-clip" — from the model table / cost model. */
  price: string;
  healthy: boolean;
}

function modelInfo(id: ProviderId, picked: string | undefined): { model: string; status: ProviderCheckRow["modelStatus"] } {
  if (id === "kling") {
    const m = klingModel(picked ?? KLING_DEFAULT_MODEL);
    return { model: picked ?? KLING_DEFAULT_MODEL, status: !m ? "unknown" : m.status === "current" ? "ok" : "discontinued" };
  }
  if (id === "heygen") return { model: picked ?? HEYGEN_DEFAULT_MODEL, status: heygenModel(picked) ? "ok" : "unknown" };
  if (id === "pika") return { model: picked ?? PIKA_DEFAULT_MODEL, status: pikaModel(picked) ? "ok" : "unknown" };
  return { model: picked ?? "(provider default)", status: "n/a" };
}

export function priceText(m: CostModel): string {
  if (m.centsPerUnit === 0) return "free";
  const perUnit = `${m.centsPerUnit}¢ per ${m.unitName}`;
  if (m.unitName === "second" || m.unitName.endsWith("clip")) return perUnit;
  return `${perUnit} (${costForDuration(10, m).cents}¢ per 10 s)`;
}

export async function checkProvider(
  id: ProviderId,
  credentials: ProviderCredentials,
  costModel: CostModel,
  opts: { timeoutMs?: number } = {},
): Promise<ProviderCheckRow> {
  const p = getProvider(id);
  const { model, status } = modelInfo(id, credentials.model);
  const base = { provider: id, roles: p.capabilities.roles, model, modelStatus: status, price: priceText(costModel) };
  if (id !== "local" && !p.isConfigured(credentials)) {
    return { ...base, auth: "no key", detail: `no key configured for ${p.displayName}`, healthy: false };
  }
  if (status === "discontinued") {
    return { ...base, auth: "failed", detail: discontinuedMessage(model), healthy: false };
  }
  try {
    const r = await p.testConnection({ credentials, workDir: "/tmp", signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000) });
    return { ...base, auth: "ok", detail: r.detail ?? "key accepted", healthy: status !== "unknown" };
  } catch (err) {
    return { ...base, auth: "failed", detail: err instanceof Error ? err.message : String(err), healthy: false };
  }
}

/** A plain-text table, one row per provider. */
export function formatCheckTable(rows: ProviderCheckRow[]): string {
  const head = ["provider", "role", "auth", "balance / detail", "model", "model ok", "price"];
  const body = rows.map((r) => [r.provider, r.roles.join("+"), r.auth, r.detail.replace(/\s+/g, " ").slice(0, 90), r.model, r.modelStatus, r.price]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
