import { defineRoute } from "@/lib/http/handler";
import { listAvatars } from "@/lib/videos/catalog";

export const GET = defineRoute(
  { method: "GET", path: "/avatars", tag: "Catalog", summary: "List presenters (avatars) available to the workspace plan" },
  async ({ ctx }) => ({
    avatars: (await listAvatars(ctx.workspace.plan, ctx.workspace.id)).map((a) => ({
      id: a.id, slug: a.slug, name: a.name, description: a.description, tier: a.tier, style: a.style, language: a.language,
      voiceName: a.voiceName, avatarType: a.avatarType, locked: a.locked,
      previewImageUrl: `/api/media/avatars/${a.slug}/image`, previewVideoUrl: `/api/media/avatars/${a.slug}/clip`,
    })),
  }),
);
