import { defineRoute } from "@/lib/http/handler";
import { brandPutSchema, getBrandKit, saveBrandKit } from "@/lib/brand/kit";

export const GET = defineRoute(
  { method: "GET", path: "/brand", tag: "Brand", summary: "The workspace's brand kit (null when none) and whether AI B-roll is on" },
  async ({ ctx }) => getBrandKit(ctx),
);

export const PUT = defineRoute(
  {
    method: "PUT",
    path: "/brand",
    tag: "Brand",
    summary: "Save the brand kit: logo (an upload key of this workspace), colours, caption font, intro/outro, watermark; optional aiBroll switch",
    roles: ["owner", "admin"],
    body: brandPutSchema,
    bodyLimitBytes: 8 * 1024,
  },
  async ({ ctx, body }) => saveBrandKit(ctx, body),
);
