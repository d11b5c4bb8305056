/** Shown with a 404 for a share link that is unknown, expired or revoked. */
export default function ShareNotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-950 px-4 py-10 text-white">
      <div className="max-w-md text-center">
        {/* An inline icon, not the ⌛ emoji: machines without an emoji font showed a missing-glyph box. */}
        <svg aria-hidden="true" viewBox="0 0 24 24" className="mx-auto h-12 w-12 text-slate-300" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 2h12M6 22h12M7 2v3a5 5 0 0 0 2.5 4.33L12 11l2.5-1.67A5 5 0 0 0 17 5V2M7 22v-3a5 5 0 0 1 2.5-4.33L12 13l2.5 1.67A5 5 0 0 1 17 19v3" />
        </svg>
        <h1 className="mt-4 text-xl font-semibold">Video unavailable</h1>
        <p className="mt-2 text-slate-300">
          This share link does not exist, has expired, or was revoked by its owner. Ask the person who shared it for a new link.
        </p>
      </div>
      <p className="mt-10 text-xs text-slate-300">Made with Avatar Video Studio</p>
    </main>
  );
}
