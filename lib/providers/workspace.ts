/**
 * A workspace's provider configuration, from the database: the rows merged with env and
 * JSON-file defaults by the registry, keys decrypted only here and never returned to a browser.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { providerSettings, providerHealth } from "@/db/schema";
import { appSecret } from "@/lib/auth/secret";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import {
  DEFAULT_PRIORITY,
  encryptProviderCredentials,
  envProviderDefaults,
  getProvider,
  loadProvidersConfigFile,
  resolveProviderSettings,
  type ProviderDefaultsMap,
  type ResolvedProviderSettings,
} from "./registry";
import { maskSecret } from "./crypto";
import { checkProvider, type ProviderCheckRow } from "./check";
import { costModelFor } from "./cost-models";
import { HEYGEN_MODELS } from "./heygen/models";
import { PIKA_MODELS } from "./pika/models";
import { currentKlingModels, discontinuedMessage, klingModel } from "./kling/models";
import { PROVIDER_IDS, type ProviderId } from "./types";
import type { BreakerKey, BreakerState, BreakerStore } from "./circuit-breaker";

let fileDefaults: Promise<ProviderDefaultsMap> | undefined;

export async function loadProviderSettings(workspaceId: string): Promise<ResolvedProviderSettings[]> {
  fileDefaults ??= loadProvidersConfigFile();
  const rows = await getDb().select().from(providerSettings).where(eq(providerSettings.workspaceId, workspaceId));
  return resolveProviderSettings(
    rows.map((r) => ({
      workspaceId: r.workspaceId,
      providerId: r.provider as ProviderId,
      enabled: r.enabled,
      priority: r.priority,
      encryptedCredentials: r.encryptedCredentials,
      baseUrl: r.baseUrl,
      apiVersion: r.apiVersion,
      model: r.model,
      rateLimitPerMinute: r.rateLimitPerMinute,
      concurrency: r.concurrency,
      costModel: r.costModel as never,
    })),
    envProviderDefaults(),
    await fileDefaults,
    { appSecret: appSecret() },
  );
}

export interface PublicProviderSettings {
  provider: ProviderId;
  displayName: string;
  enabled: boolean;
  priority: number;
  configured: boolean;
  credentialSource: ResolvedProviderSettings["credentialSource"];
  credentialError?: string;
  keyHint: string | null;
  baseUrl: string | null;
  apiVersion: string | null;
  /** The model the workspace renders with (its pick, else the provider's default). */
  model: string | null;
  rateLimitPerMinute: number | null;
  concurrency: number | null;
  costModel: ResolvedProviderSettings["costModel"];
  capabilities: ReturnType<typeof getProvider>["capabilities"];
  health: { state: string; consecutiveFailures: number };
}

/** What the settings page may see: everything but the keys. */
export async function publicProviderSettings(workspaceId: string): Promise<PublicProviderSettings[]> {
  const resolved = await loadProviderSettings(workspaceId);
  const db = getDb();
  const rows = await db.select().from(providerSettings).where(eq(providerSettings.workspaceId, workspaceId));
  const health = await db.select().from(providerHealth).where(eq(providerHealth.workspaceId, workspaceId));
  return resolved.map((r) => {
    const row = rows.find((x) => x.provider === r.providerId);
    const h = health.find((x) => x.provider === r.providerId);
    const p = getProvider(r.providerId);
    return {
      provider: r.providerId,
      displayName: p.displayName,
      enabled: r.enabled,
      priority: r.priority,
      configured: r.configured,
      credentialSource: r.credentialSource,
      credentialError: r.credentialError,
      keyHint: row?.keyHint ?? (r.credentialSource === "env" ? "from server environment" : null),
      baseUrl: row?.baseUrl ?? null,
      apiVersion: row?.apiVersion ?? r.credentials.apiVersion ?? null,
      model: row?.model ?? r.credentials.model ?? null,
      rateLimitPerMinute: r.rateLimitPerMinute,
      concurrency: r.concurrency,
      costModel: r.costModel,
      capabilities: p.capabilities,
      health: { state: h?.state ?? "closed", consecutiveFailures: h?.consecutiveFailures ?? 0 },
    };
  });
}

const nullableInt = (min: number, max: number) => z.number().int().min(min).max(max).nullable().optional();

export const providerSettingsInput = z.object({
  enabled: z.boolean().optional(),
  priority: z.number().int().min(0).max(10_000).optional(),
  apiKey: z.string().trim().min(8, "That key looks too short; paste the whole key.").max(500).optional(),
  accessKey: z.string().trim().min(4).max(500).optional(),
  secretKey: z.string().trim().min(8).max(500).optional(),
  webhookSecret: z.string().trim().min(8).max(500).optional(),
  clearKeys: z.boolean().optional(),
  baseUrl: z.string().url("Base URL must be a full URL like https://api.example.com").nullable().optional(),
  apiVersion: z.string().max(40).nullable().optional(),
  model: z.string().trim().max(60).nullable().optional(),
  rateLimitPerMinute: nullableInt(1, 10_000),
  concurrency: nullableInt(1, 100),
  costModel: z
    // Bounded so an estimate can never overflow int32 cents and break later creates (issue 10).
    .object({
      centsPerUnit: z.number().int().min(0).max(100_000),
      unitName: z.string().min(1).max(20),
      unitsPerSecond: z.number().min(0).max(1_000),
      minUnits: z.number().int().min(0).max(100_000),
    })
    .partial()
    .nullable()
    .optional(),
});

export async function saveProviderSettings(ctx: AuthContext, providerId: string, input: unknown): Promise<PublicProviderSettings> {
  requireRole(ctx, ["owner", "admin"]);
  if (!(PROVIDER_IDS as readonly string[]).includes(providerId)) throw new AppError("not_found", `Unknown provider "${providerId}".`);
  const id = providerId as ProviderId;
  const v = providerSettingsInput.parse(input);
  const db = getDb();
  const [existing] = await db.select().from(providerSettings).where(and(eq(providerSettings.workspaceId, ctx.workspace.id), eq(providerSettings.provider, id)));
  const newSecrets = { apiKey: v.apiKey, accessKey: v.accessKey, secretKey: v.secretKey, webhookSecret: v.webhookSecret };
  const hasNewKeys = Object.values(newSecrets).some(Boolean);
  let encrypted = existing?.encryptedCredentials ?? null;
  let keyHint = existing?.keyHint ?? null;
  if (v.clearKeys) {
    encrypted = null;
    keyHint = null;
  }
  if (hasNewKeys) {
    encrypted = encryptProviderCredentials(newSecrets, appSecret(), ctx.workspace.id, id);
    keyHint = maskSecret(v.apiKey ?? v.accessKey ?? v.secretKey ?? "");
  }
  const values = {
    enabled: v.enabled ?? existing?.enabled ?? true,
    // Saving keys or a model keeps the provider where it was in the failover order (issue 10).
    priority: v.priority ?? existing?.priority ?? DEFAULT_PRIORITY[id],
    encryptedCredentials: encrypted,
    keyHint,
    baseUrl: v.baseUrl === undefined ? (existing?.baseUrl ?? null) : v.baseUrl,
    apiVersion: v.apiVersion === undefined ? (existing?.apiVersion ?? null) : v.apiVersion,
    model: v.model === undefined ? (existing?.model ?? null) : v.model || null,
    rateLimitPerMinute: v.rateLimitPerMinute === undefined ? (existing?.rateLimitPerMinute ?? null) : v.rateLimitPerMinute,
    concurrency: v.concurrency === undefined ? (existing?.concurrency ?? null) : v.concurrency,
    costModel: v.costModel === undefined ? (existing?.costModel ?? null) : (v.costModel as Record<string, unknown> | null),
    updatedAt: new Date(),
  };
  await db
    .insert(providerSettings)
    .values({ workspaceId: ctx.workspace.id, provider: id, ...values })
    .onConflictDoUpdate({ target: [providerSettings.workspaceId, providerSettings.provider], set: values });
  const all = await publicProviderSettings(ctx.workspace.id);
  return all.find((p) => p.provider === id)!;
}

/** Breaker state shared by every worker: one row per (workspace, provider), updated under a row lock. */
export class PostgresBreakerStore implements BreakerStore {
  async get(key: BreakerKey): Promise<BreakerState | null> {
    const [r] = await getDb()
      .select()
      .from(providerHealth)
      .where(and(eq(providerHealth.workspaceId, key.workspaceId), eq(providerHealth.provider, key.providerId)));
    return r ? toState(r) : null;
  }

  async update(key: BreakerKey, fn: (current: BreakerState | null) => BreakerState): Promise<BreakerState> {
    return getDb().transaction(async (tx) => {
      await tx.insert(providerHealth).values({ workspaceId: key.workspaceId, provider: key.providerId }).onConflictDoNothing();
      const [r] = await tx
        .select()
        .from(providerHealth)
        .where(and(eq(providerHealth.workspaceId, key.workspaceId), eq(providerHealth.provider, key.providerId)))
        .for("update");
      const next = fn(toState(r));
      await tx
        .update(providerHealth)
        .set({
          state: next.status,
          consecutiveFailures: next.consecutiveFailures,
          openedAt: next.openedAt == null ? null : new Date(next.openedAt),
          probeStartedAt: next.probeStartedAt == null ? null : new Date(next.probeStartedAt),
          lastError: next.lastError ?? null,
          updatedAt: new Date(),
        })
        .where(and(eq(providerHealth.workspaceId, key.workspaceId), eq(providerHealth.provider, key.providerId)));
      return next;
    });
  }
}

function toState(r: typeof providerHealth.$inferSelect): BreakerState {
  return {
    status: r.state,
    consecutiveFailures: r.consecutiveFailures,
    openedAt: r.openedAt ? r.openedAt.getTime() : null,
    probeStartedAt: r.probeStartedAt ? r.probeStartedAt.getTime() : null,
    lastError: r.lastError ?? undefined,
  };
}

/**
 * The settings page's "Test connection" / "Check": a read-only authenticated call, plus model and
 * price. A key pasted into the form (`pasted.apiKey`) is tested without being saved; a pasted
 * key travels only to the workspace's own base URL or the provider's public one, like a saved one.
 */
export async function testProviderConnection(
  ctx: AuthContext,
  providerId: string,
  pasted: { apiKey?: string; model?: string } = {},
): Promise<{ ok: boolean; message: string; check?: ProviderCheckRow }> {
  if (!(PROVIDER_IDS as readonly string[]).includes(providerId)) throw new AppError("not_found", `Unknown provider "${providerId}".`);
  const s = (await loadProviderSettings(ctx.workspace.id)).find((x) => x.providerId === providerId)!;
  const p = getProvider(s.providerId);
  const key = pasted.apiKey?.trim();
  if (key !== undefined && key.length > 0 && key.length < 8) throw new AppError("bad_request", "That key looks too short; paste the whole key.");
  let credentials = s.credentials;
  if (key) {
    // A pasted key replaces the saved/server keys for this test only; never mixed with the server's.
    const [row] = await getDb().select({ baseUrl: providerSettings.baseUrl }).from(providerSettings).where(and(eq(providerSettings.workspaceId, ctx.workspace.id), eq(providerSettings.provider, s.providerId)));
    credentials = { apiKey: key, ...(row?.baseUrl ? { baseUrl: row.baseUrl } : s.credentials.baseUrl ? { baseUrl: s.credentials.baseUrl } : {}), ...(s.credentials.model ? { model: s.credentials.model } : {}) };
  }
  if (pasted.model) credentials = { ...credentials, model: pasted.model };
  const check = await checkProvider(s.providerId, credentials, costModelFor(s.providerId, null, credentials.model ?? null));
  if (check.auth === "no key") return { ok: false, message: `${p.displayName} has no key yet. Paste your key, then Check or Save.`, check };
  if (check.auth === "failed") return { ok: false, message: check.detail, check };
  return { ok: true, message: `${check.detail} · model ${check.model} · ${check.price}`, check };
}

/** The model a workspace renders with; refused (400) unless it is a current model of that provider. */
export async function setProviderModel(ctx: AuthContext, providerId: string, model: string | null): Promise<PublicProviderSettings> {
  requireRole(ctx, ["owner", "admin"]);
  if (model !== null) {
    const allowed =
      providerId === "kling" ? currentKlingModels().map((m) => m.id) : providerId === "heygen" ? HEYGEN_MODELS.map((m) => m.id) : providerId === "pika" ? PIKA_MODELS.map((m) => m.id) : [];
    if (!allowed.length) throw new AppError("bad_request", `${providerId} has no model choice yet.`);
    if (!allowed.includes(model)) {
      const gone = providerId === "kling" && klingModel(model)?.status === "discontinued";
      throw new AppError("bad_request", gone ? discontinuedMessage(model) : `Unknown ${providerId} model "${model}". Pick one of: ${allowed.join(", ")}.`);
    }
  }
  return saveProviderSettings(ctx, providerId, { model });
}
