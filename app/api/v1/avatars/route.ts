import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { listAvatars } from "@/lib/videos/catalog";

/** Catalog order (sortOrder, then name), the id breaking ties; sortOrder is offset so it sorts as text. */
const catalogKey = (a: { sortOrder: number; name: string; id: string }) => [`${String(a.sortOrder + 1e9).padStart(12, "0")}|${a.name}`, a.id] as const;

export const GET = defineRoute(
  { method: "GET", path: "/avatars", tag: "Catalog", summary: "List presenters (avatars) available to the workspace plan, in catalog order", query: pageQuery, list: "avatars" },
  async ({ ctx, query }) => {
    const page = paginate(await listAvatars(ctx.workspace.plan, ctx.workspace.id), query, catalogKey, "asc");
    return listBody("avatars", {
      nextCursor: page.nextCursor,
      data: page.data.map((a) => ({
        id: a.id, slug: a.slug, name: a.name, description: a.description, tier: a.tier, style: a.style, language: a.language,
        voiceName: a.voiceName, avatarType: a.avatarType, locked: a.locked,
        previewImageUrl: `/api/media/avatars/${a.slug}/image`, previewVideoUrl: `/api/media/avatars/${a.slug}/clip`,
      })),
    });
  },
);
