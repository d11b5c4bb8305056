export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading video">
      <div className="mb-3 h-4 w-24 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mb-6 h-8 w-2/3 max-w-lg animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="h-96 animate-pulse rounded-2xl bg-white ring-1 ring-slate-200/70 dark:bg-slate-900 dark:ring-slate-800" />
        <div className="h-72 animate-pulse rounded-2xl bg-white ring-1 ring-slate-200/70 dark:bg-slate-900 dark:ring-slate-800" />
      </div>
    </div>
  );
}
