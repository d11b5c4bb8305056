import Link from "next/link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid min-h-screen lg:grid-cols-2">
      <div className="brand-gradient relative hidden flex-col justify-between p-12 text-white lg:flex">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold">
          <span className="flex h-9 w-9 items-center justify-center rounded-lg bg-white/20 ring-1 ring-white/30">▶</span>
          Avatar Video Studio
        </Link>
        <div className="max-w-md">
          <p className="text-3xl font-semibold leading-tight">Research in. Presenter videos out. Every day, hands off.</p>
          <p className="mt-4 text-white/80">
            Turn Reddit threads, Hacker News, GitHub and Google Trends into vertical videos with an AI presenter —
            rendered locally or by HeyGen, Kling, Pika and Runway with automatic failover and hard budgets.
          </p>
        </div>
        <p className="text-sm text-white/70">No API key needed to start: the local studio renders real MP4s on your machine.</p>
      </div>
      <main className="flex items-center justify-center px-6 py-12">{children}</main>
    </div>
  );
}
