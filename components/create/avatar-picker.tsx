"use client";
import { useEffect, useRef, useState } from "react";
import { cx } from "@/components/ui/primitives";
import { TIER_LABEL, type AvatarOption } from "./types";

const STYLE_LABEL: Record<string, string> = { normal: "Half body", closeup: "Close-up", circle: "Circle" };

function LockIcon({ className }: { className?: string }) {
  return (
    <svg aria-hidden className={className} viewBox="0 0 20 20" fill="currentColor">
      <path fillRule="evenodd" d="M10 1a4.5 4.5 0 00-4.5 4.5V9H5a2 2 0 00-2 2v6a2 2 0 002 2h10a2 2 0 002-2v-6a2 2 0 00-2-2h-.5V5.5A4.5 4.5 0 0010 1zm3 8V5.5a3 3 0 10-6 0V9h6z" clipRule="evenodd" />
    </svg>
  );
}

/**
 * The presenter carousel: a radio group (WAI-ARIA APG "Radio Group" pattern): arrow keys move
 * to the next/previous presenter AND select it, wrapping; Home/End go to the first/last; Space
 * or Enter select the focused one. Presenters above the workspace plan stay visible but cannot
 * be picked, and say why; arrow keys skip them, as they skip a disabled radio.
 */
export function AvatarPicker({
  avatars,
  value,
  onChange,
  error,
  plan,
}: {
  avatars: AvatarOption[];
  value: string;
  onChange: (slug: string) => void;
  error?: string;
  plan: string;
}) {
  const refs = useRef<(HTMLDivElement | null)[]>([]);
  const scroller = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ start: true, end: false });
  const measure = () => {
    const el = scroller.current;
    if (!el) return;
    setEdges({ start: el.scrollLeft <= 4, end: el.scrollLeft + el.clientWidth >= el.scrollWidth - 4 });
  };
  useEffect(() => {
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);
  const page = (dir: 1 | -1) => scroller.current?.scrollBy({ left: dir * scroller.current.clientWidth * 0.8, behavior: "smooth" });
  const [hover, setHover] = useState<string | null>(null);
  // Browsers only play sound after a click on the page: the toggle is that click.
  const [sound, setSound] = useState(false);
  const [lockedNote, setLockedNote] = useState<string | null>(null);
  const selectedIndex = avatars.findIndex((a) => a.slug === value);
  const firstFree = Math.max(0, avatars.findIndex((a) => !a.locked));
  const tabStop = selectedIndex >= 0 ? selectedIndex : firstFree;

  const choose = (a: AvatarOption) => {
    if (a.locked) {
      setLockedNote(`${a.name} is ${/^[AEIOU]/.test(TIER_LABEL[a.tier]) ? "an" : "a"} ${TIER_LABEL[a.tier]} presenter. Your workspace is on the ${TIER_LABEL[plan as keyof typeof TIER_LABEL] ?? plan} plan — upgrade to ${TIER_LABEL[a.tier]} to use ${a.name}, or pick another presenter.`);
      return;
    }
    setLockedNote(null);
    onChange(a.slug);
  };

  /** The next selectable presenter from `from` in direction `dir` (wrapping), or -1. */
  const step = (from: number, dir: 1 | -1) => {
    const n = avatars.length;
    for (let k = 1; k <= n; k++) {
      const j = (((from + dir * k) % n) + n) % n;
      if (!avatars[j].locked) return j;
    }
    return -1;
  };

  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    let next = -1;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") next = step(i, 1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = step(i, -1);
    else if (e.key === "Home") next = step(-1, 1);
    else if (e.key === "End") next = step(avatars.length, -1);
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      choose(avatars[i]);
      return;
    }
    if (e.key.startsWith("Arrow") || e.key === "Home" || e.key === "End") e.preventDefault();
    if (next >= 0) {
      const el = refs.current[next];
      el?.focus();
      el?.scrollIntoView({ block: "nearest", inline: "nearest", behavior: "smooth" });
      if (next !== i) choose(avatars[next]);
    }
  };

  return (
    <div>
      <div className="relative">
      <div
        ref={scroller}
        onScroll={measure}
        role="radiogroup"
        aria-label="Presenter"
        aria-describedby={error ? "avatar-error" : lockedNote ? "avatar-locked-note" : undefined}
        aria-invalid={error ? true : undefined}
        className="-mx-1 flex snap-x gap-3 overflow-x-auto px-1 pb-3 pt-1 [scrollbar-width:thin]"
      >
        {avatars.map((a, i) => {
          const checked = a.slug === value;
          const showClip = hover === a.slug;
          return (
            <div
              key={a.id}
              ref={(el) => {
                refs.current[i] = el;
              }}
              role="radio"
              aria-checked={checked}
              aria-disabled={a.locked || undefined}
              aria-label={`${a.name}, ${a.tier} presenter${a.locked ? `, locked: needs the ${TIER_LABEL[a.tier]} plan` : ""}`}
              aria-describedby={`avatar-${a.slug}-desc`}
              tabIndex={i === tabStop ? 0 : -1}
              data-testid={`avatar-${a.slug}`}
              onClick={() => choose(a)}
              onKeyDown={(e) => onKeyDown(e, i)}
              onMouseEnter={() => setHover(a.slug)}
              onMouseLeave={() => setHover((h) => (h === a.slug ? null : h))}
              onFocus={() => setHover(a.slug)}
              onBlur={() => setHover((h) => (h === a.slug ? null : h))}
              className={cx(
                "group relative w-36 shrink-0 snap-start rounded-2xl bg-white p-2 text-left shadow-sm ring-1 transition outline-none sm:w-40 dark:bg-slate-900",
                a.locked ? "cursor-not-allowed ring-slate-200 dark:ring-slate-800" : "cursor-pointer hover:-translate-y-0.5 hover:shadow-md",
                checked ? "ring-2 ring-brand-500 dark:ring-brand-400" : !a.locked && "ring-slate-200 hover:ring-brand-300 dark:ring-slate-800 dark:hover:ring-brand-500/60",
                "focus-visible:ring-2 focus-visible:ring-brand-500",
              )}
            >
              <div className={cx("relative aspect-square w-full overflow-hidden rounded-xl bg-gradient-to-br from-slate-200 to-slate-300 dark:from-slate-800 dark:to-slate-700", a.locked && "grayscale")}>
                <span aria-hidden className="absolute inset-0 flex items-center justify-center text-3xl font-semibold text-slate-600 dark:text-slate-400">
                  {a.name.slice(0, 1)}
                </span>
                <img
                  src={a.imageUrl}
                  alt=""
                  width={512}
                  height={512}
                  loading="lazy"
                  decoding="async"
                  className={cx("absolute inset-0 h-full w-full object-cover", a.locked && "opacity-50")}
                />
                {showClip && !a.locked ? (
                  <video
                    src={a.clipUrl}
                    muted={!sound}
                    autoPlay
                    loop
                    playsInline
                    preload="none"
                    aria-hidden
                    tabIndex={-1}
                    className="absolute inset-0 h-full w-full object-cover"
                  />
                ) : null}
                {a.locked ? (
                  <span className="absolute inset-0 flex flex-col items-center justify-center gap-1 bg-slate-900/35 text-white">
                    <LockIcon className="h-6 w-6 drop-shadow" />
                    <span className="rounded-full bg-slate-900/70 px-2 py-0.5 text-[11px] font-semibold">{TIER_LABEL[a.tier]} needed</span>
                  </span>
                ) : null}
                {checked ? (
                  <span aria-hidden className="brand-gradient absolute right-1.5 top-1.5 flex h-6 w-6 items-center justify-center rounded-full text-white shadow">
                    <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor"><path fillRule="evenodd" d="M16.7 5.3a1 1 0 010 1.4l-8 8a1 1 0 01-1.4 0l-4-4a1 1 0 011.4-1.4L8 12.6l7.3-7.3a1 1 0 011.4 0z" clipRule="evenodd" /></svg>
                  </span>
                ) : null}
              </div>
              <div className="px-1 pb-1 pt-2">
                <div className="flex items-center justify-between gap-1">
                  <span className={cx("truncate text-sm font-semibold", a.locked && "text-slate-600 dark:text-slate-400")}>{a.name}</span>
                  <span
                    className={cx(
                      "shrink-0 rounded-full px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide",
                      a.tier === "enterprise"
                        ? "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300"
                        : a.tier === "pro"
                          ? "bg-brand-100 text-brand-700 dark:bg-brand-500/15 dark:text-brand-300"
                          : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
                    )}
                  >
                    {TIER_LABEL[a.tier]}
                  </span>
                </div>
                <p id={`avatar-${a.slug}-desc`} className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
                  <span className="block truncate">{a.description}</span>
                  <span className="block truncate">
                    {STYLE_LABEL[a.style] ?? a.style} · {a.voiceName}
                  </span>
                </p>
              </div>
            </div>
          );
        })}
      </div>
        {!edges.start ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label="Scroll presenters left"
            onClick={() => page(-1)}
            className="absolute left-0 top-[38%] hidden h-9 w-9 -translate-x-1/3 -translate-y-1/2 items-center justify-center rounded-full bg-white text-slate-700 shadow-md ring-1 ring-slate-200 hover:bg-slate-50 sm:flex dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700"
          >
            <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor"><path fillRule="evenodd" d="M12.8 4.2a.75.75 0 010 1.06L8.06 10l4.74 4.74a.75.75 0 11-1.06 1.06l-5.27-5.27a.75.75 0 010-1.06l5.27-5.27a.75.75 0 011.06 0z" clipRule="evenodd" /></svg>
          </button>
        ) : null}
        {!edges.end ? (
          <>
            <span aria-hidden className="pointer-events-none absolute inset-y-0 right-0 w-12 bg-gradient-to-l from-white dark:from-slate-900" />
            <button
              type="button"
              tabIndex={-1}
              aria-label="Scroll presenters right"
              onClick={() => page(1)}
              className="absolute right-0 top-[38%] hidden h-9 w-9 translate-x-1/3 -translate-y-1/2 items-center justify-center rounded-full bg-white text-slate-700 shadow-md ring-1 ring-slate-200 hover:bg-slate-50 sm:flex dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700"
            >
              <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor"><path fillRule="evenodd" d="M7.2 15.8a.75.75 0 010-1.06L11.94 10 7.2 5.26a.75.75 0 111.06-1.06l5.27 5.27a.75.75 0 010 1.06l-5.27 5.27a.75.75 0 01-1.06 0z" clipRule="evenodd" /></svg>
            </button>
          </>
        ) : null}
      </div>
      <button
        type="button"
        aria-pressed={sound}
        onClick={() => setSound((s) => !s)}
        className="mb-1 rounded-full border border-slate-300 px-2.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        {sound ? "Preview sound: on" : "Preview sound: off"}
      </button>
      <div aria-live="polite">
        {error ? (
          <p id="avatar-error" role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : lockedNote ? (
          <p id="avatar-locked-note" className="flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
            <LockIcon className="mt-0.5 h-4 w-4 shrink-0" />
            <span>
              {lockedNote} <a href="/settings/plan" className="font-medium underline">See plans</a>
            </span>
          </p>
        ) : null}
      </div>
    </div>
  );
}
