/**
 * The provider registry and per-workspace settings resolution.
 *
 * Precedence for every setting: workspace row → environment → PROVIDERS_CONFIG_FILE → built-in.
 * Keys come as a set from one source (a workspace's own key never mixes with the env's secret).
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { costModelFor } from "@/lib/providers/cost-models";
import { decryptSecret, encryptSecret } from "@/lib/providers/crypto";
import { heygenProvider } from "@/lib/providers/heygen";
import { klingProvider, klingTaskId } from "@/lib/providers/kling";
import { localProvider } from "@/lib/providers/local";
import { decodeFalRef, pikaProvider } from "@/lib/providers/pika";
import { runwayProvider } from "@/lib/providers/runway";
import { PROVIDER_IDS, type CostModel, type ProviderCredentials, type ProviderId, type VideoProvider } from "@/lib/providers/types";

const PROVIDERS: Record<ProviderId, VideoProvider> = {
  local: localProvider,
  heygen: heygenProvider,
  kling: klingProvider,
  pika: pikaProvider,
  runway: runwayProvider,
};

export function isProviderId(id: string): id is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(id);
}

export function getProvider(id: ProviderId | string): VideoProvider {
  if (!isProviderId(id)) throw new RangeError(`Unknown video provider "${id}"`);
  return PROVIDERS[id];
}

export function allProviders(): VideoProvider[] {
  return PROVIDER_IDS.map((id) => PROVIDERS[id]);
}

/**
 * The provider's own job id inside a stored externalId: what its callbacks carry
 * (Pika's externalId wraps the fal request id and URLs; the others are the job id itself).
 */
export function providerJobId(providerId: ProviderId, externalId: string): string {
  if (providerId === "pika") return decodeFalRef(externalId).id;
  if (providerId === "kling") return klingTaskId(externalId);
  return externalId;
}

// ---------------------------------------------------------------------------------------------
// Settings

export const DEFAULT_PRIORITY: Record<ProviderId, number> = { heygen: 10, kling: 20, runway: 30, pika: 40, local: 1000 };

type SecretFields = Pick<ProviderCredentials, "apiKey" | "accessKey" | "secretKey" | "webhookSecret">;
const SECRET_FIELDS = ["apiKey", "accessKey", "secretKey", "webhookSecret"] as const;

/** One row of the workspace's provider settings, as stored (keys encrypted). */
export interface WorkspaceProviderRow {
  workspaceId?: string;
  providerId: ProviderId;
  enabled?: boolean | null;
  priority?: number | null;
  /** encryptProviderCredentials(...) output, or null when the workspace uses the defaults. */
  encryptedCredentials?: string | null;
  baseUrl?: string | null;
  apiVersion?: string | null;
  model?: string | null;
  rateLimitPerMinute?: number | null;
  concurrency?: number | null;
  costModel?: Partial<CostModel> | null;
}

export interface ProviderDefaults {
  enabled?: boolean;
  priority?: number;
  credentials?: ProviderCredentials;
  rateLimitPerMinute?: number | null;
  concurrency?: number | null;
  costModel?: Partial<CostModel>;
}
export type ProviderDefaultsMap = Partial<Record<ProviderId, ProviderDefaults>>;

export interface ResolvedProviderSettings {
  providerId: ProviderId;
  enabled: boolean;
  priority: number;
  credentials: ProviderCredentials;
  /** Keys present for this provider. */
  configured: boolean;
  credentialSource: "workspace" | "env" | "file" | "none";
  /** Set when the workspace's stored keys could not be decrypted. */
  credentialError?: string;
  rateLimitPerMinute: number | null;
  concurrency: number | null;
  costModel: CostModel;
}

const aadFor = (workspaceId: string, providerId: ProviderId) => `${workspaceId}:${providerId}`;

/** Encrypts only the secret fields, bound to (workspace, provider). */
export function encryptProviderCredentials(creds: SecretFields, appSecret: string, workspaceId: string, providerId: ProviderId): string {
  const only: SecretFields = {};
  for (const f of SECRET_FIELDS) if (creds[f]) only[f] = creds[f];
  return encryptSecret(JSON.stringify(only), appSecret, aadFor(workspaceId, providerId));
}

export function decryptProviderCredentials(token: string, appSecret: string, workspaceId: string, providerId: ProviderId): SecretFields {
  const j = JSON.parse(decryptSecret(token, appSecret, aadFor(workspaceId, providerId))) as Record<string, unknown>;
  const out: SecretFields = {};
  for (const f of SECRET_FIELDS) if (typeof j[f] === "string" && j[f]) out[f] = j[f] as string;
  return out;
}

/**
 * Keys present. Kling: an API key (current models, `Authorization: Bearer <key>`), or the legacy
 * AccessKey/SecretKey pair — the adapter then explains that current models need an API key.
 */
function hasKeys(id: ProviderId, c: ProviderCredentials | undefined): boolean {
  if (!c) return false;
  if (id === "local") return true;
  if (id === "kling") return !!c.apiKey || (!!c.accessKey && !!c.secretKey);
  return !!c.apiKey;
}

function secretsOf(c: ProviderCredentials | undefined): SecretFields {
  const out: SecretFields = {};
  if (c) for (const f of SECRET_FIELDS) if (c[f]) out[f] = c[f];
  return out;
}

const firstDefined = <T>(...vals: Array<T | null | undefined>): T | undefined => vals.find((v) => v !== undefined && v !== null) ?? undefined;

/**
 * Pure merge of workspace rows with env and JSON-file defaults. Keys in rows are decrypted with
 * `opts.appSecret` (rows without a workspaceId use no AAD). Sorted by priority (lower first),
 * ties in PROVIDER_IDS order.
 */
export function resolveProviderSettings(
  workspaceRows: ReadonlyArray<WorkspaceProviderRow>,
  envDefaults: ProviderDefaultsMap,
  jsonFileDefaults: ProviderDefaultsMap,
  opts: { appSecret?: string } = {},
): ResolvedProviderSettings[] {
  const rows = new Map(workspaceRows.map((r) => [r.providerId, r]));
  const out: ResolvedProviderSettings[] = [];
  for (const id of PROVIDER_IDS) {
    const row = rows.get(id);
    const env = envDefaults[id];
    const file = jsonFileDefaults[id];

    let credentialSource: ResolvedProviderSettings["credentialSource"] = "none";
    let credentialError: string | undefined;
    let secrets: SecretFields = {};
    if (row?.encryptedCredentials) {
      try {
        if (!opts.appSecret) throw new Error("no APP_SECRET");
        secrets = row.workspaceId
          ? decryptProviderCredentials(row.encryptedCredentials, opts.appSecret, row.workspaceId, id)
          : (JSON.parse(decryptSecret(row.encryptedCredentials, opts.appSecret)) as SecretFields);
        credentialSource = "workspace";
      } catch {
        credentialError = "The saved key could not be decrypted; enter it again in Settings → Providers.";
      }
    }
    // A workspace that points a provider at its own host gets only its own keys there: the
    // operator's env/file keys travel only to the operator's configured host (issue 10, hole 1).
    const workspaceHost = !!row?.baseUrl;
    if (credentialSource === "none" && !credentialError && !workspaceHost) {
      if (hasKeys(id, env?.credentials)) {
        secrets = secretsOf(env?.credentials);
        credentialSource = "env";
      } else if (hasKeys(id, file?.credentials)) {
        secrets = secretsOf(file?.credentials);
        credentialSource = "file";
      }
    }
    // Webhook secrets are deployment-wide unless the workspace brought its own.
    if (!secrets.webhookSecret && !workspaceHost) {
      const ws = firstDefined(env?.credentials?.webhookSecret, file?.credentials?.webhookSecret);
      if (ws) secrets.webhookSecret = ws;
    }
    const credentials: ProviderCredentials = {
      ...secrets,
      // With no workspace host, keys (the workspace's or the operator's) go to the operator's host.
      baseUrl: workspaceHost ? row.baseUrl! : firstDefined(env?.credentials?.baseUrl, file?.credentials?.baseUrl),
      apiVersion: firstDefined(row?.apiVersion, env?.credentials?.apiVersion, file?.credentials?.apiVersion),
      model: firstDefined(row?.model, env?.credentials?.model, file?.credentials?.model),
    };
    for (const k of Object.keys(credentials) as Array<keyof ProviderCredentials>) if (credentials[k] === undefined) delete credentials[k];

    const configured = id === "local" || hasKeys(id, credentials);
    const enabledSetting = firstDefined(row?.enabled, env?.enabled, file?.enabled);
    out.push({
      providerId: id,
      enabled: (enabledSetting ?? true) && configured,
      priority: firstDefined(row?.priority, env?.priority, file?.priority) ?? DEFAULT_PRIORITY[id],
      credentials,
      configured,
      credentialSource: id === "local" ? "none" : credentialSource,
      ...(credentialError ? { credentialError } : {}),
      rateLimitPerMinute: firstDefined(row?.rateLimitPerMinute, env?.rateLimitPerMinute, file?.rateLimitPerMinute) ?? null,
      concurrency: firstDefined(row?.concurrency, env?.concurrency, file?.concurrency) ?? null,
      // The model pick sets the default price; explicit cost-model overrides still win.
      costModel: costModelFor(id, { ...(file?.costModel ?? {}), ...(env?.costModel ?? {}), ...(row?.costModel ?? {}) }, credentials.model ?? null),
    });
  }
  const order = (id: ProviderId) => PROVIDER_IDS.indexOf(id);
  return out.sort((a, b) => a.priority - b.priority || order(a.providerId) - order(b.providerId));
}

/** Defaults from the environment (keys and base URLs). */
export function envProviderDefaults(env: Record<string, string | undefined> = process.env): ProviderDefaultsMap {
  const v = (k: string) => (env[k] && env[k]!.trim() !== "" ? env[k]!.trim() : undefined);
  const clean = (c: ProviderCredentials): ProviderCredentials =>
    Object.fromEntries(Object.entries(c).filter(([, x]) => x !== undefined)) as ProviderCredentials;
  return {
    // HeyGen is v3 only (v1/v2 retired 2026-10-31): HEYGEN_API_VERSION is no longer read.
    heygen: { credentials: clean({ apiKey: v("HEYGEN_API_KEY"), baseUrl: v("HEYGEN_BASE_URL"), webhookSecret: v("HEYGEN_WEBHOOK_SECRET"), model: v("HEYGEN_MODEL") }) },
    kling: {
      credentials: clean({
        apiKey: v("KLING_API_KEY"),
        // Legacy AccessKey/SecretKey (JWT) pair: only for legacy endpoints.
        accessKey: v("KLING_ACCESS_KEY"),
        secretKey: v("KLING_SECRET_KEY"),
        baseUrl: v("KLING_BASE_URL"),
        model: v("KLING_MODEL"),
      }),
    },
    pika: { credentials: clean({ apiKey: v("FAL_KEY"), baseUrl: v("FAL_BASE_URL"), model: v("PIKA_MODEL") }) },
    runway: { credentials: clean({ apiKey: v("RUNWAYML_API_SECRET"), baseUrl: v("RUNWAY_BASE_URL"), apiVersion: v("RUNWAY_API_VERSION"), model: v("RUNWAY_MODEL") }) },
  };
}

const costModelSchema = z
  .object({
    centsPerUnit: z.number().int().nonnegative(),
    unitName: z.string().min(1),
    unitsPerSecond: z.number().nonnegative(),
    minUnits: z.number().nonnegative(),
  })
  .partial();

const defaultsSchema = z
  .object({
    enabled: z.boolean().optional(),
    priority: z.number().int().optional(),
    rateLimitPerMinute: z.number().positive().nullable().optional(),
    concurrency: z.number().int().positive().nullable().optional(),
    costModel: costModelSchema.optional(),
    baseUrl: z.string().url().optional(),
    apiVersion: z.string().optional(),
    model: z.string().optional(),
    apiKey: z.string().optional(),
    accessKey: z.string().optional(),
    secretKey: z.string().optional(),
    webhookSecret: z.string().optional(),
  })
  .strict();

const fileSchema = z.object(Object.fromEntries(PROVIDER_IDS.map((id) => [id, defaultsSchema.optional()]))).strict();

/** Parses the PROVIDERS_CONFIG_FILE JSON (already read) into defaults; throws a clear message. */
export function parseProvidersConfig(json: unknown, source = "PROVIDERS_CONFIG_FILE"): ProviderDefaultsMap {
  const r = fileSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${source}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  const out: ProviderDefaultsMap = {};
  for (const [id, d] of Object.entries(r.data) as Array<[ProviderId, z.infer<typeof defaultsSchema> | undefined]>) {
    if (!d) continue;
    const { enabled, priority, rateLimitPerMinute, concurrency, costModel, ...c } = d;
    out[id] = { enabled, priority, rateLimitPerMinute, concurrency, costModel: costModel as Partial<CostModel> | undefined, credentials: c };
  }
  return out;
}

/** Reads PROVIDERS_CONFIG_FILE (or `file`); {} when unset. */
export async function loadProvidersConfigFile(file: string | undefined = process.env.PROVIDERS_CONFIG_FILE): Promise<ProviderDefaultsMap> {
  if (!file) return {};
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new Error(`PROVIDERS_CONFIG_FILE: cannot read ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`PROVIDERS_CONFIG_FILE: ${file} is not valid JSON`);
  }
  return parseProvidersConfig(json, `PROVIDERS_CONFIG_FILE (${file})`);
}
