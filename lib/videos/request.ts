import type { avatarProfiles } from "@/db/schema";
import { SEED_AVATARS } from "@/db/seed-data";
import type { AvatarRef } from "@/lib/providers/types";

type Avatar = typeof avatarProfiles.$inferSelect;

const SEED_GENDER = new Map(SEED_AVATARS.map((s) => [s.slug, s.gender]));

export function avatarRef(a: Avatar): AvatarRef {
  return {
    id: a.id,
    slug: a.slug,
    name: a.name,
    avatarType: a.avatarType,
    style: a.style,
    language: a.language,
    providerAvatarIds: a.providerAvatarIds,
    providerVoiceIds: a.providerVoiceIds,
    // Photo-animating presenters (Kling Avatar, image-to-video) need a photo the provider can
    // fetch: an imported presenter's own preview image is on the provider's CDN. Built-in
    // presenters are drawn locally and have no public photo, so those providers skip them.
    imageUrl: a.previewImageUrl && /^https:\/\//.test(a.previewImageUrl) ? a.previewImageUrl : undefined,
    gender: SEED_GENDER.get(a.slug),
  };
}
