import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { resolveShareToken } from "@/lib/videos/share";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared video", robots: { index: false } };

/**
 * The public share page. A bad, expired or revoked link answers 404 with a friendly page
 * (not-found.tsx beside this file), never a 200; the media route answers 404/410 by the
 * same rules (resolveShareToken).
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let video: Awaited<ReturnType<typeof resolveShareToken>>["video"];
  try {
    video = (await resolveShareToken(token)).video;
  } catch (err) {
    if (isAppError(err) && (err.code === "not_found" || err.code === "gone")) notFound();
    throw err;
  }
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-950 px-4 py-10 text-white">
      <div className="w-full max-w-3xl">
        <h1 className="mb-4 text-center text-xl font-semibold">{video.scriptTitle}</h1>
        <video
          data-testid="share-player"
          className="mx-auto max-h-[80vh] w-auto rounded-2xl bg-black shadow-2xl"
          src={`/api/media/share/${token}`}
          poster={video.thumbnailKey ? `/api/media/share/${token}?thumbnail=1` : undefined}
          controls
          playsInline
          preload="metadata"
        />
        <div className="mt-4 flex justify-center">
          <a href={`/api/media/share/${token}?download=1`} className="rounded-lg bg-white/10 px-4 py-2 text-sm font-medium hover:bg-white/20">
            Download MP4
          </a>
        </div>
      </div>
      <p className="mt-10 text-xs text-white/40">Made with Avatar Video Studio</p>
    </main>
  );
}
