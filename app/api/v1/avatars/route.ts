import { authedRoute } from "@/lib/http/route";
import { listAvatars } from "@/lib/videos/catalog";

export const GET = authedRoute(async (_req, ctx) => ({
  avatars: (await listAvatars(ctx.workspace.plan)).map((a) => ({
    id: a.id, slug: a.slug, name: a.name, description: a.description, tier: a.tier, style: a.style, language: a.language,
    voiceName: a.voiceName, avatarType: a.avatarType, locked: a.locked,
    previewImageUrl: `/api/media/avatars/${a.slug}/image`, previewVideoUrl: `/api/media/avatars/${a.slug}/clip`,
  })),
}));
