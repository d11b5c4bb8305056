import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import type { PresenterStyle } from "@/lib/providers/types";
import { STUDIO_ASPECTS, type StudioAspect } from "./layout";
import { getPresenter } from "./presenters";
import { normaliseColor, type RenderBackground } from "./scene";

export const MAX_SCRIPT_CHARS = 5000;
export const MAX_TITLE_CHARS = 200;
export const MIN_VOICE_SPEED = 0.5;
export const MAX_VOICE_SPEED = 2.0;
export const PRESENTER_STYLES: PresenterStyle[] = ["normal", "closeup", "circle"];

export interface RenderProgress {
  stage: "speech" | "frames" | "encode" | "finalize";
  /** Overall 0–100 across all stages. */
  percent: number;
}

export interface RenderInput {
  script: string;
  title?: string;
  avatarSlug: string;
  style?: PresenterStyle;
  /** The shared provider aspects, plus 4:5 which only the local studio renders. */
  aspectRatio: StudioAspect;
  /** 0.5–2.0, default 1. */
  voiceSpeed?: number;
  /** Burn in captions (default true). */
  captions?: boolean;
  background?: RenderBackground;
  outPath: string;
  /** Defaults to outPath with a .jpg extension. */
  thumbnailPath?: string;
  /** Pads the end with silence up to this length (previews). */
  minDurationSec?: number;
  /**
   * Where to write the spoken words' timings ([{ text, startSec, endSec }] on the video's clock),
   * before the video itself appears — the composer times scenes and captions from them.
   */
  wordsPath?: string;
  signal?: AbortSignal;
  onProgress?: (p: RenderProgress) => void;
}

export interface ValidRenderInput extends Required<Omit<RenderInput, "title" | "signal" | "onProgress" | "minDurationSec" | "wordsPath">> {
  title: string;
  wordsPath?: string;
  minDurationSec: number;
  signal?: AbortSignal;
  onProgress?: (p: RenderProgress) => void;
}

const bad = (msg: string) => new AppError("bad_request", msg);

/** Checks everything before any work is done; returns the input with defaults filled in. */
export function validateRenderInput(input: RenderInput): ValidRenderInput {
  if (!input || typeof input !== "object") throw bad("Render input is missing.");
  if (typeof input.script !== "string" || !input.script.trim()) throw bad("Script is empty: write what the presenter should say.");
  const script = input.script.trim();
  if (script.length > MAX_SCRIPT_CHARS) {
    throw bad(`Script is ${script.length} characters; the limit is ${MAX_SCRIPT_CHARS}. Shorten it or split it into several videos.`);
  }
  if (!/[\p{L}\p{N}]/u.test(script)) throw bad("Script has no words to speak: write at least one sentence.");
  getPresenter(input.avatarSlug);
  if (!(STUDIO_ASPECTS as readonly string[]).includes(input.aspectRatio)) {
    throw bad(`Unsupported aspect ratio "${String(input.aspectRatio)}". Use one of: ${STUDIO_ASPECTS.join(", ")}.`);
  }
  const style = input.style ?? "normal";
  if (!PRESENTER_STYLES.includes(style)) throw bad(`Unknown presenter style "${String(style)}". Use one of: ${PRESENTER_STYLES.join(", ")}.`);
  const voiceSpeed = input.voiceSpeed ?? 1;
  if (typeof voiceSpeed !== "number" || !Number.isFinite(voiceSpeed) || voiceSpeed < MIN_VOICE_SPEED || voiceSpeed > MAX_VOICE_SPEED) {
    throw bad(`Voice speed must be between ${MIN_VOICE_SPEED} and ${MAX_VOICE_SPEED} (got ${String(voiceSpeed)}).`);
  }
  const title = typeof input.title === "string" ? input.title.trim() : "";
  if (title.length > MAX_TITLE_CHARS) throw bad(`Title is ${title.length} characters; the limit is ${MAX_TITLE_CHARS}.`);
  const background: RenderBackground = input.background ?? { type: "gradient", colors: ["#1e3a8a", "#7c3aed"] };
  switch (background.type) {
    case "color":
      normaliseColor(background.value);
      break;
    case "gradient":
      if (!Array.isArray(background.colors) || background.colors.length !== 2) throw bad("A gradient background needs exactly two colours.");
      normaliseColor(background.colors[0], "Gradient colour 1");
      normaliseColor(background.colors[1], "Gradient colour 2");
      break;
    case "image":
    case "video":
      if (typeof background.path !== "string" || !background.path) throw bad(`A ${background.type} background needs a file.`);
      if (!fs.existsSync(background.path)) throw bad(`Background ${background.type} not found: ${path.basename(background.path)}. Upload it again.`);
      break;
    default:
      throw bad(`Unknown background type "${String((background as { type?: unknown }).type)}". Use color, gradient, image or video.`);
  }
  if (typeof input.outPath !== "string" || !input.outPath) throw bad("Output path is missing.");
  const thumbnailPath = input.thumbnailPath ?? input.outPath.replace(/\.[^./\\]+$/, "") + ".jpg";
  return {
    script,
    title,
    avatarSlug: input.avatarSlug,
    style,
    aspectRatio: input.aspectRatio,
    voiceSpeed,
    captions: input.captions ?? true,
    background,
    outPath: input.outPath,
    thumbnailPath,
    minDurationSec: Math.min(60, Math.max(0, Number(input.minDurationSec) || 0)),
    wordsPath: input.wordsPath,
    signal: input.signal,
    onProgress: input.onProgress,
  };
}
