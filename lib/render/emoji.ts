/**
 * Colour emoji as inline SVG pictures. resvg-js 2.6 cannot paint Noto Color Emoji's bitmap
 * (CBDT) glyphs, so an emoji in a caption is laid out as a stand-in glyph ("M", bidi-isolated so
 * it reorders like the neutral emoji it replaces) and the rasteriser (raster.ts) puts the
 * emoji's own SVG over the stand-in's place, invisible stand-in kept for the advance.
 *
 * Pictures: Noto Emoji SVGs from `@iconify-json/noto` (Google, Apache-2.0,
 * github.com/googlefonts/noto-emoji). Loaded lazily, the first time a text has an emoji.
 * Flags (regional-indicator pairs like 🇯🇵, and tag sequences like 🏴󠁧󠁢󠁳󠁣󠁴󠁿) are not in that set:
 * they come from `@iconify-json/flag` (Flag Icons by Panayiotis Lipiridis, MIT,
 * github.com/lipis/flag-icons; licence read in the package's info.json, 2026-12-01), its 4:3
 * flags centred in the emoji's square.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

interface IconData {
  body: string;
  width?: number;
  height?: number;
  left?: number;
  top?: number;
  hFlip?: boolean;
}
interface IconSet {
  icons: Record<string, IconData>;
  aliases?: Record<string, Partial<IconData> & { parent: string }>;
  width?: number;
  height?: number;
}

/** Attribute carrying an emoji's code-point key on its stand-in tspan (see raster.ts). */
export const EMOJI_ATTR = "data-avs-emoji";
/** The stand-in's size relative to the text: an "M" at 1.25 em advances about one emoji. */
export const STAND_IN_EM = 1.25;
/** Cap height of Noto Sans Bold's "M" (units per em), to get the text size back from its ink. */
export const STAND_IN_CAP = 0.714;

let loaded: { set: IconSet; chars: Record<string, string> } | null | undefined;
let flags: IconSet | null | undefined;

/**
 * Each file is named in full: a specifier built at run time makes the Next.js bundler pull the
 * whole package folder into the server bundle (and stop on its README.md).
 */
const RESOLVE: Record<string, () => string> = {
  "noto/icons.json": () => createRequire(import.meta.url).resolve("@iconify-json/noto/icons.json"),
  "noto/chars.json": () => createRequire(import.meta.url).resolve("@iconify-json/noto/chars.json"),
  "flag/icons.json": () => createRequire(import.meta.url).resolve("@iconify-json/flag/icons.json"),
};

function packageFile(set: "noto" | "flag", name: "icons.json" | "chars.json"): string | null {
  const candidates: string[] = [];
  try {
    const resolve = RESOLVE[`${set}/${name}`];
    if (resolve) candidates.push(resolve());
  } catch {
    // bundled: resolve from the repo root below
  }
  candidates.push(path.join(process.cwd(), "node_modules", "@iconify-json", set, name));
  return candidates.find((f) => fs.existsSync(f)) ?? null;
}

function load() {
  if (loaded !== undefined) return loaded;
  const icons = packageFile("noto", "icons.json");
  const chars = packageFile("noto", "chars.json");
  loaded = icons && chars ? { set: JSON.parse(fs.readFileSync(icons, "utf8")), chars: JSON.parse(fs.readFileSync(chars, "utf8")) } : null;
  return loaded;
}

function loadFlags(): IconSet | null {
  if (flags !== undefined) return flags;
  const icons = packageFile("flag", "icons.json");
  const set: IconSet | null = icons ? JSON.parse(fs.readFileSync(icons, "utf8")) : null;
  flags = set;
  return set;
}

const RI_A = 0x1f1e6;
const TAG_A = 0xe0061;

/**
 * The Flag Icons name of a flag emoji key: a regional-indicator pair is an ISO 3166 code
 * ("1f1ef-1f1f5" → "jp"); a black flag with tag letters is a subdivision ("1f3f4-e0067-e0062-
 * e0073-e0063-e0074-e007f" → "gb-sct"). Null for anything else.
 */
export function flagName(key: string): string | null {
  const cps = key.split("-").map((h) => parseInt(h, 16));
  if (cps.length === 2 && cps.every((c) => c >= RI_A && c < RI_A + 26)) return cps.map((c) => String.fromCharCode(97 + c - RI_A)).join("");
  if (cps[0] === 0x1f3f4 && cps.at(-1) === 0xe007f && cps.length > 4) {
    const tags = cps.slice(1, -1);
    if (!tags.every((c) => c >= TAG_A && c < TAG_A + 26)) return null;
    const s = tags.map((c) => String.fromCharCode(97 + c - TAG_A)).join("");
    return `${s.slice(0, 2)}-${s.slice(2)}`;
  }
  return null;
}

/** A flag as a square SVG: the 4:3 flag centred, so it sits in the emoji's place like a glyph. */
function flagSvg(key: string): string | null {
  const name = flagName(key);
  const set = name ? loadFlags() : null;
  const icon = set?.icons[`${name}-4x3`];
  if (!icon) return null;
  const w = icon.width ?? set!.width ?? 640;
  const h = icon.height ?? set!.height ?? 480;
  // A thin grey edge keeps white flags (Japan's) visible on white backgrounds, as emoji fonts do.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${w}" viewBox="0 ${-(w - h) / 2} ${w} ${w}">${icon.body}<rect x="0" y="0" width="${w}" height="${h}" fill="none" stroke="#00000033" stroke-width="${w / 64}"/></svg>`;
}

/** A grapheme drawn as an emoji picture when we have one (pictographs, keycaps, flags). */
export function isEmojiGrapheme(g: string): boolean {
  return /\p{Extended_Pictographic}|\u20e3|\p{Regional_Indicator}/u.test(g);
}

/** The package's key for a grapheme: lower-case hex code points joined by "-". */
export function emojiKey(g: string, keepVs16 = false): string {
  return [...g]
    .map((c) => c.codePointAt(0)!.toString(16).padStart(4, "0"))
    .filter((h) => keepVs16 || h !== "fe0f")
    .join("-");
}

const svgCache = new Map<string, string | null>();

/** Standalone SVG of an emoji key (from emojiKey), or null when the set lacks it (e.g. flags). */
export function emojiSvgByKey(key: string): string | null {
  if (svgCache.has(key)) return svgCache.get(key)!;
  let out: string | null = null;
  const data = load();
  const name = data?.chars[key] ?? data?.chars[key.replace(/-fe0f/g, "")];
  if (data && name) {
    const alias = data.set.aliases?.[name];
    const icon = data.set.icons[alias ? alias.parent : name];
    if (icon) {
      const w = icon.width ?? data.set.width ?? 16;
      const h = icon.height ?? data.set.height ?? 16;
      const flip = Boolean(alias?.hFlip) !== Boolean(icon.hFlip);
      const body = flip ? `<g transform="translate(${w} 0) scale(-1 1)">${icon.body}</g>` : icon.body;
      out = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${icon.left ?? 0} ${icon.top ?? 0} ${w} ${h}">${body}</svg>`;
    }
  }
  out ??= flagSvg(key);
  svgCache.set(key, out);
  return out;
}

export function emojiSvg(g: string): string | null {
  return emojiSvgByKey(emojiKey(g, true)) ?? emojiSvgByKey(emojiKey(g));
}

const uriCache = new Map<string, string>();
/** data: URI of an emoji key's SVG, for an `<image href>`. */
export function emojiDataUri(key: string): string | null {
  const svg = emojiSvgByKey(key);
  if (!svg) return null;
  let uri = uriCache.get(key);
  if (!uri) uriCache.set(key, (uri = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`));
  return uri;
}

/**
 * Splits text into graphemes; emoji we have a picture for become stand-ins, the rest goes
 * through `escape`. With `isolate`, FSI…PDI keep the stand-in neutral for the bidi algorithm, so
 * an emoji between two Arabic words stays between them, as it would in a font.
 */
export function emojiRuns(text: string, escape: (s: string) => string, isolate = true): string {
  if (!/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(text)) return escape(text);
  let out = "";
  let plain = "";
  for (const { segment: g } of new Intl.Segmenter("und", { granularity: "grapheme" }).segment(text)) {
    if (isEmojiGrapheme(g) && emojiSvg(g)) {
      const key = emojiSvgByKey(emojiKey(g, true)) ? emojiKey(g, true) : emojiKey(g);
      const standIn = `<tspan font-family="Noto Sans" font-size="${STAND_IN_EM}em" stroke="none" ${EMOJI_ATTR}="${key}">M</tspan>`;
      out += escape(plain) + (isolate ? `\u2068${standIn}\u2069` : standIn);
      plain = "";
    } else plain += g;
  }
  return out + escape(plain);
}

/** True when `text` has an emoji we can only leave to a font (no picture for it). */
export function hasEmojiWithoutPicture(text: string): boolean {
  if (!/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(text)) return false;
  for (const { segment: g } of new Intl.Segmenter("und", { granularity: "grapheme" }).segment(text)) {
    if (isEmojiGrapheme(g) && !emojiSvg(g)) return true;
  }
  return false;
}
