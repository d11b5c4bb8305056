import type { avatarProfiles } from "@/db/schema";
import type { AvatarRef } from "@/lib/providers/types";

type Avatar = typeof avatarProfiles.$inferSelect;

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
  };
}
