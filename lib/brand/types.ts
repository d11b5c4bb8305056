import { z } from "zod";

/**
 * The brand kit contract (issue 14): one shape shared by storage (db/schema/brand.ts), the
 * Settings page, the API (`/api/v1/brand`), templates and the composer. A workspace has at most
 * one kit; a template says whether it uses it. The composer receives a *resolved* kit: media keys
 * already checked for ownership and turned into local files by the pipeline.
 *
 * Imports nothing heavy: the client bundle uses these schemas too.
 */

/** Storage keys of the workspace's own uploads; ownership is checked where they are resolved. */
const mediaKey = z.string().min(1).max(512).regex(/^[A-Za-z0-9._/-]+$/);
const hexColour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a six-digit hex colour such as #1f6feb.");

export const LOGO_POSITIONS = ["top-left", "top-right", "bottom-left", "bottom-right"] as const;
export type LogoPosition = (typeof LOGO_POSITIONS)[number];

/** Caption fonts that ship with the app (no network at render time). */
export const BRAND_FONTS = ["sans-bold", "sans", "serif", "mono"] as const;
export type BrandFont = (typeof BRAND_FONTS)[number];

export const brandKitSchema = z.object({
  /** An uploaded PNG/JPEG/SVG logo; null = no logo. */
  logo: z
    .object({
      key: mediaKey,
      position: z.enum(LOGO_POSITIONS),
      /** Logo width as a share of the frame's shorter side. */
      scale: z.number().min(0.05).max(0.4),
    })
    .nullable(),
  colours: z.object({
    /** Card and chip accents, active caption word. */
    primary: hexColour,
    /** Backgrounds behind cards and intro/outro. */
    background: hexColour,
    /** Text on the background. */
    text: hexColour,
  }),
  captionFont: z.enum(BRAND_FONTS),
  /** A short card before the first scene (e.g. the channel name). */
  intro: z.object({ title: z.string().trim().min(1).max(80), subtitle: z.string().trim().max(120) }).nullable(),
  /** A short card after the last scene (e.g. "Follow @acme for more"). */
  outro: z.object({ title: z.string().trim().min(1).max(80), subtitle: z.string().trim().max(120) }).nullable(),
  /** Small text kept in a corner for the whole video; null = none. */
  watermark: z.object({ text: z.string().trim().min(1).max(40), opacity: z.number().min(0.1).max(1) }).nullable(),
});
export type BrandKit = z.infer<typeof brandKitSchema>;

export const DEFAULT_BRAND_KIT: BrandKit = {
  logo: null,
  colours: { primary: "#1f6feb", background: "#0d1117", text: "#ffffff" },
  captionFont: "sans-bold",
  intro: null,
  outro: null,
  watermark: null,
};

/** What the composer gets: the kit with its logo already resolved to a local file. */
export interface ResolvedBrandKit extends Omit<BrandKit, "logo"> {
  logo: { path: string; position: LogoPosition; scale: number } | null;
}

/** Intro and outro cards last this long (seconds) in every aspect. */
export const BRAND_CARD_SECONDS = 1.5;
