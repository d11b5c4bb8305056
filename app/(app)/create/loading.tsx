export default function Loading() {
  const block = "animate-pulse rounded-2xl bg-white ring-1 ring-slate-200/70 dark:bg-slate-900 dark:ring-slate-800";
  return (
    <div aria-busy="true" aria-label="Loading the editor">
      <div className="mb-8 h-8 w-48 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-6">
          <div className={`${block} h-72`} />
          <div className={`${block} h-96`} />
        </div>
        <div className={`${block} h-[40rem]`} />
      </div>
    </div>
  );
}
