import { LibrarySkeleton } from "@/components/videos/video-library";

export default function Loading() {
  return (
    <div aria-busy="true">
      <div className="mb-8 h-8 w-40 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div className="mb-5 h-28 animate-pulse rounded-2xl bg-white ring-1 ring-slate-200/70 dark:bg-slate-900 dark:ring-slate-800" />
      <LibrarySkeleton />
    </div>
  );
}
