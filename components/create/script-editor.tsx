"use client";
import { useMemo } from "react";
import { cx, inputClass } from "@/components/ui/primitives";
import { formatDuration } from "@/lib/format";
import { countWords, estimateSpeechSeconds, MAX_CAPTION_SENTENCE_WORDS, sentenceWarnings } from "./script-utils";

export function ScriptEditor({
  title,
  script,
  voiceSpeed,
  maxScriptChars,
  maxTitleChars,
  errors,
  onTitle,
  onScript,
  toolbar,
  lockedNote,
}: {
  title: string;
  script: string;
  voiceSpeed: number;
  maxScriptChars: number;
  maxTitleChars: number;
  errors: { title?: string; script?: string };
  onTitle: (v: string) => void;
  onScript: (v: string) => void;
  toolbar?: React.ReactNode;
  /** When set, the script is written elsewhere (the storyboard's lines) and shown read-only with this note. */
  lockedNote?: string;
}) {
  const warnings = useMemo(() => sentenceWarnings(script), [script]);
  const words = countWords(script);
  const seconds = script.trim() ? estimateSpeechSeconds(script, voiceSpeed) : 0;
  const over = script.length > maxScriptChars;
  const near = !over && script.length > maxScriptChars * 0.9;

  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <label htmlFor="video-title" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Title
        </label>
        <input
          id="video-title"
          value={title}
          maxLength={maxTitleChars}
          onChange={(e) => onTitle(e.target.value)}
          placeholder="e.g. 3 things developers got wrong about AI this week"
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? "video-title-error" : undefined}
          className={cx(inputClass, errors.title && "ring-red-500")}
        />
        {errors.title ? (
          <p id="video-title-error" role="alert" className="text-sm text-red-600 dark:text-red-400">
            {errors.title}
          </p>
        ) : null}
      </div>

      <div className="space-y-1.5">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <label htmlFor="video-script" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Script
          </label>
          {toolbar}
        </div>
        <textarea
          id="video-script"
          value={script}
          onChange={(e) => onScript(e.target.value)}
          readOnly={!!lockedNote}
          rows={lockedNote ? 5 : 9}
          placeholder="What should the presenter say? Short sentences read best as captions."
          aria-invalid={errors.script || over ? true : undefined}
          aria-describedby={lockedNote ? "video-script-locked video-script-meta" : "video-script-meta"}
          className={cx(inputClass, "resize-y leading-relaxed", lockedNote ? "min-h-24 bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-300" : "min-h-48", (errors.script || over) && "ring-red-500")}
        />
        {lockedNote ? (
          <p id="video-script-locked" className="text-xs text-slate-600 dark:text-slate-400">
            {lockedNote}
          </p>
        ) : null}
        <div id="video-script-meta" className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 text-xs">
          <span className={cx("tabular-nums", over ? "font-semibold text-red-600 dark:text-red-400" : near ? "text-amber-700 dark:text-amber-400" : "text-slate-600 dark:text-slate-400")}>
            {script.length.toLocaleString("en-US")} / {maxScriptChars.toLocaleString("en-US")} characters · {words} {words === 1 ? "word" : "words"}
          </span>
          <span className="tabular-nums text-slate-600 dark:text-slate-400" data-testid="spoken-duration">
            ≈ {formatDuration(seconds)} spoken at {voiceSpeed.toFixed(2)}×
          </span>
        </div>
        {errors.script ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {errors.script}
          </p>
        ) : over ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            The script is {(script.length - maxScriptChars).toLocaleString("en-US")} characters over the limit. Shorten it or split it into two videos.
          </p>
        ) : null}
        {warnings.length ? (
          <ul aria-label="Script warnings" className="space-y-1 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
            {warnings.slice(0, 4).map((w) => (
              <li key={w.index} className="flex gap-2">
                <span aria-hidden>⚠</span>
                <span>
                  Sentence {w.index} has {w.words} words — too long for captions (aim for {MAX_CAPTION_SENTENCE_WORDS} or fewer). Split “{w.preview}”
                </span>
              </li>
            ))}
            {warnings.length > 4 ? <li>…and {warnings.length - 4} more long sentences.</li> : null}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
