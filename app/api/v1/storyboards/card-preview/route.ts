import { defineRoute } from "@/lib/http/handler";
import { cardPreviewPng, cardPreviewQuery } from "@/lib/videos/storyboard";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    method: "GET", path: "/storyboards/card-preview", tag: "Videos",
    summary: "A research card drawn as the render draws it (PNG), for storyboard thumbnails",
    description: "`card` is the JSON of a scene visual's `card` (as POST /storyboards/plan returns it); `aspect` picks the card's box.",
    query: cardPreviewQuery,
  },
  async ({ query }) =>
    new Response(new Uint8Array(cardPreviewPng(query.card, query.aspect)), {
      // A card is a function of its fields: the same URL always draws the same picture.
      headers: { "content-type": "image/png", "cache-control": "private, max-age=86400" },
    }),
);
