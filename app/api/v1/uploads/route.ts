import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { uploadFromRequest } from "@/lib/uploads";

/**
 * POST a PNG/JPEG/WebP image, MP4 video or MP3/WAV audio (multipart field `file`, or the raw
 * bytes as the body). The type is sniffed from the contents; the answer's `key` (or
 * `background`) is usable as a video background.
 */
export const POST = defineRoute(
  {
    method: "POST", path: "/uploads", tag: "Uploads", status: 201,
    summary: "Upload an image, video or audio file (type checked from its contents; images 10 MB, video 100 MB, audio 20–50 MB)",
    response: z.object({
      id: z.string(), key: z.string(), kind: z.enum(["image", "video", "audio"]), contentType: z.string(), size: z.number().int(),
      background: z.object({ type: z.enum(["image", "video"]), key: z.string() }).nullable(),
    }),
  },
  async ({ ctx, req }) => uploadFromRequest(ctx.workspace.id, req),
);
