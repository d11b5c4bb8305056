import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { appUrl } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { resolveShareToken } from "@/lib/videos/share";

export const dynamic = "force-dynamic";

/** One lookup per request for both the metadata and the page. */
const resolve = cache(async (token: string) => {
  try {
    return (await resolveShareToken(token)).video;
  } catch (err) {
    if (isAppError(err) && (err.code === "not_found" || err.code === "gone")) return null;
    throw err;
  }
});

const SIZE: Record<string, { width: number; height: number }> = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
  square: { width: 1080, height: 1080 },
  portrait_4x5: { width: 1080, height: 1350 },
};

/**
 * Open Graph and Twitter cards so a pasted link previews in Slack and social apps. Crawlers
 * fetch without cookies, so every URL is absolute and capability-signed by the share token
 * itself (the same 404/410 rules as the page). The script text is not put in the card: the
 * description says what the link is, not what the video says.
 */
export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const { token } = await params;
  const video = await resolve(token);
  if (!video) return { title: "Video unavailable", robots: { index: false } };
  const base = appUrl();
  const page = `${base}/s/${token}`;
  const media = `${base}/api/media/share/${token}`;
  const size = SIZE[video.aspectRatio] ?? SIZE.portrait;
  const seconds = video.durationSeconds ? Math.round(Number(video.durationSeconds)) : null;
  const description = `${seconds ? `A ${seconds}-second video` : "A video"} shared from Avatar Video Studio.`;
  const images = video.thumbnailKey ? [{ url: `${media}?thumbnail=1`, width: size.width, height: size.height, alt: video.scriptTitle }] : undefined;
  return {
    title: video.scriptTitle,
    description,
    robots: { index: false },
    metadataBase: new URL(base),
    openGraph: {
      type: "video.other",
      title: video.scriptTitle,
      description,
      url: page,
      siteName: "Avatar Video Studio",
      images,
      videos: [{ url: media, secureUrl: media.startsWith("https://") ? media : undefined, type: "video/mp4", width: size.width, height: size.height }],
    },
    twitter: { card: images ? "summary_large_image" : "summary", title: video.scriptTitle, description, images: images?.map((i) => i.url) },
  };
}

/**
 * The public share page. A bad, expired or revoked link answers 404 with a friendly page
 * (not-found.tsx beside this file), never a 200; the media route answers 404/410 by the
 * same rules (resolveShareToken).
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const video = await resolve(token);
  if (!video) notFound();
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
      <p className="mt-10 text-xs text-slate-300">Made with Avatar Video Studio</p>
    </main>
  );
}
