/** Shown with a 404 for a share link that is unknown, expired or revoked. */
export default function ShareNotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-950 px-4 py-10 text-white">
      <div className="max-w-md text-center">
        <p className="text-5xl" aria-hidden>⌛</p>
        <h1 className="mt-4 text-xl font-semibold">Video unavailable</h1>
        <p className="mt-2 text-white/70">
          This share link does not exist, has expired, or was revoked by its owner. Ask the person who shared it for a new link.
        </p>
      </div>
      <p className="mt-10 text-xs text-white/40">Made with Avatar Video Studio</p>
    </main>
  );
}
