/**
 * The provider choice of a video, light enough for input schemas (zod + provider ids only).
 * Stored in `provider_preference` as "auto", "<id>" (that provider first) or "only:<id>".
 */
import { z } from "zod";
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";

export type PreferenceMode = "first" | "only";
export interface ParsedPreference {
  provider: ProviderId | "auto";
  mode: PreferenceMode;
}

/**
 * What the API and forms accept: "auto", a provider id (= first), "only:<id>", or
 * `{ provider, mode }`. Normalised to the stored string form.
 */
export const providerPreferenceSchema = z
  .union([
    z.enum(["auto", ...PROVIDER_IDS]),
    z.string().regex(new RegExp(`^only:(${PROVIDER_IDS.join("|")})$`)),
    z.object({ provider: z.enum(PROVIDER_IDS), mode: z.enum(["first", "only"]).default("first") }),
  ], { message: `providerPreference is "auto", a provider (${PROVIDER_IDS.join(", ")}), or { provider, mode: "first" | "only" }.` })
  .transform((v) => (typeof v === "string" ? v : v.mode === "only" ? `only:${v.provider}` : v.provider));

export function parsePreference(stored: string | null | undefined): ParsedPreference {
  if (!stored || stored === "auto") return { provider: "auto", mode: "first" };
  const only = stored.startsWith("only:");
  const id = (only ? stored.slice(5) : stored) as ProviderId;
  if (!(PROVIDER_IDS as readonly string[]).includes(id)) return { provider: "auto", mode: "first" };
  return { provider: id, mode: only ? "only" : "first" };
}

