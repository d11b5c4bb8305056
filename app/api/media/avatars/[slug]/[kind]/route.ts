import { errorResponse } from "@/lib/http/route";
import { ensureAvatarPreview } from "@/lib/videos/avatar-previews";
import { serveObject } from "@/lib/storage/http";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ slug: string; kind: string }> }) {
  try {
    const { slug, kind } = await params;
    if (kind !== "image" && kind !== "clip") throw new AppError("not_found", "Unknown preview kind.");
    const k = await ensureAvatarPreview(slug);
    return serveObject(req, kind === "image" ? k.image : k.clip, { cacheSeconds: 86400 });
  } catch (err) {
    return errorResponse(err);
  }
}
