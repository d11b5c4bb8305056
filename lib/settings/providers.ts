/**
 * The Providers tab: turns the card's form strings into saveProviderSettings input (keys are
 * write-only: an empty key field keeps the saved key), and reorders the failover chain.
 */
import { saveProviderSettings, publicProviderSettings, type PublicProviderSettings } from "@/lib/providers/workspace";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
import { PROVIDER_KEY_FIELDS, type ProviderForm } from "./provider-fields";
import { fieldFailure, type ActionResult, type FieldErrors } from "./result";
import { fieldErrorsFromZod } from "./result";
import { ZodError } from "zod";
import { checkUrlShape } from "@/lib/net/egress";

const blank = (s: string | undefined) => s == null || s.trim() === "";

function intField(errors: FieldErrors, name: string, raw: string | undefined, min: number, max: number, what: string): number | null {
  if (blank(raw)) return null;
  const s = raw!.trim();
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) {
    errors[name] = `Enter a whole number from ${min} to ${max} for ${what}, or leave it empty.`;
    return null;
  }
  return Number(s);
}

/**
 * A workspace base URL is where the workspace's own keys are sent (never the operator's, see
 * lib/providers/registry.ts), and every request to it goes through the egress guard. Saving
 * already refuses what can never work: other schemes (file:, javascript:), credentials in the
 * URL and private/loopback/metadata literals (unless the operator allow-listed them).
 */
export function baseUrlProblem(raw: string): string | null {
  if (raw.length > 2048) return "Base URLs are limited to 2048 characters.";
  if (!/^https?:\/\/[^\s]+$/i.test(raw)) return "Enter a full http:// or https:// URL like https://api.example.com, or leave it empty for the default.";
  try {
    checkUrlShape(raw);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** "0.0167", "12" or "1/60" → number; null when blank; undefined when invalid. */
export function parseRate(raw: string | undefined): number | null | undefined {
  if (blank(raw)) return null;
  const s = raw!.trim();
  const frac = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (frac) {
    const d = Number(frac[2]);
    return d > 0 ? Number(frac[1]) / d : undefined;
  }
  return /^\d+(?:\.\d+)?$/.test(s) ? Number(s) : undefined;
}

/** Form strings → the saveProviderSettings input; errors are keyed by the form's field names. */
export function parseProviderForm(providerId: string, f: ProviderForm): { ok: true; input: Record<string, unknown> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const input: Record<string, unknown> = {};
  if (f.enabled !== undefined) input.enabled = f.enabled;
  const priority = intField(errors, "priority", f.priority, 0, 10_000, "the priority");
  if (priority != null) input.priority = priority;
  else if (!errors.priority) errors.priority = "Enter a priority from 0 to 10000; lower numbers are tried first.";

  const fields = PROVIDER_KEY_FIELDS[providerId] ?? [];
  const given = fields.filter((k) => !blank(f[k.field]));
  if (given.length && given.length < fields.length) {
    for (const k of fields) if (blank(f[k.field])) errors[k.field] = `Paste the ${k.label.toLowerCase()} too: both keys are saved together.`;
  }
  for (const k of given) input[k.field] = f[k.field]!.trim();

  if (providerId !== "local") {
    input.baseUrl = blank(f.baseUrl) ? null : f.baseUrl!.trim();
    if (input.baseUrl) {
      const problem = baseUrlProblem(input.baseUrl as string);
      if (problem) errors.baseUrl = problem;
    }
  }
  if (providerId === "heygen") input.apiVersion = blank(f.apiVersion) ? null : f.apiVersion!.trim();

  input.rateLimitPerMinute = intField(errors, "rateLimitPerMinute", f.rateLimitPerMinute, 1, 10_000, "requests per minute");
  input.concurrency = intField(errors, "concurrency", f.concurrency, 1, 100, "concurrent jobs");

  const cost: Record<string, unknown> = {};
  const cents = intField(errors, "centsPerUnit", f.centsPerUnit, 0, 100_000, "cents per unit");
  if (cents != null) cost.centsPerUnit = cents;
  if (!blank(f.unitName)) {
    const u = f.unitName!.trim();
    if (u.length > 20) errors.unitName = "Use at most 20 characters for the unit name.";
    else cost.unitName = u;
  }
  const rate = parseRate(f.unitsPerSecond);
  if (rate === undefined) errors.unitsPerSecond = "Enter units per second as a number (0.2) or a fraction (1/60).";
  else if (rate != null) cost.unitsPerSecond = rate;
  const minUnits = intField(errors, "minUnits", f.minUnits, 0, 100_000, "minimum units");
  if (minUnits != null) cost.minUnits = minUnits;
  input.costModel = Object.keys(cost).length ? cost : null;

  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input };
}

export async function saveProviderForm(ctx: AuthContext, providerId: string, form: ProviderForm): Promise<ActionResult<PublicProviderSettings>> {
  requireRole(ctx, ["owner", "admin"]);
  const parsed = parseProviderForm(providerId, form);
  if (!parsed.ok) return fieldFailure(parsed.errors);
  try {
    return { ok: true, data: await saveProviderSettings(ctx, providerId, parsed.input) };
  } catch (err) {
    if (err instanceof ZodError) return fieldFailure(fieldErrorsFromZod(err));
    throw err;
  }
}

/** The card's on/off switch, saved at once. */
export async function setProviderEnabled(ctx: AuthContext, providerId: string, enabled: boolean): Promise<PublicProviderSettings> {
  return saveProviderSettings(ctx, providerId, { enabled });
}

/** Removes the workspace's saved keys (the provider falls back to the server's, if any). */
export async function clearProviderKeys(ctx: AuthContext, providerId: string): Promise<PublicProviderSettings> {
  return saveProviderSettings(ctx, providerId, { clearKeys: true });
}

/** Sets priorities 10, 20, 30… in the given order (failover tries lower numbers first). */
export async function reorderProviders(ctx: AuthContext, order: string[]): Promise<PublicProviderSettings[]> {
  requireRole(ctx, ["owner", "admin"]);
  const ids = new Set(order);
  if (ids.size !== order.length || order.length !== PROVIDER_IDS.length || !order.every((id) => (PROVIDER_IDS as readonly string[]).includes(id))) {
    throw new AppError("bad_request", "Send every provider exactly once, in the order to try them.");
  }
  const current = await publicProviderSettings(ctx.workspace.id);
  for (const [i, id] of (order as ProviderId[]).entries()) {
    const priority = (i + 1) * 10;
    if (current.find((p) => p.provider === id)?.priority !== priority) await saveProviderSettings(ctx, id, { priority });
  }
  return publicProviderSettings(ctx.workspace.id);
}
