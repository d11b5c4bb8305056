import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { avatarProfiles } from "./schema";
import { SEED_AVATARS, SEED_TEMPLATES, seedVoiceIds } from "./seed-data";

/** Idempotent: inserts what is missing, never overwrites what a user edited. */
export async function seedDefaults(db: Db): Promise<void> {
  await db
    .insert(avatarProfiles)
    .values(
      SEED_AVATARS.map((a, i) => ({
        slug: a.slug,
        name: a.name,
        tier: a.tier,
        description: a.description,
        style: a.style,
        language: a.language,
        voiceName: a.voiceName,
        avatarType: a.avatarType,
        sortOrder: i,
        providerAvatarIds: { heygen: a.heygenAvatarId },
        providerVoiceIds: seedVoiceIds(a),
      })),
    )
    .onConflictDoNothing({ target: avatarProfiles.slug });

  for (const t of SEED_TEMPLATES) {
    // Built-in templates have a null workspace, and NULLs never conflict in a unique index.
    await db.execute(sql`
      insert into video_templates (slug, name, description, aspect_ratio, background)
      select ${t.slug}, ${t.name}, ${t.description}, ${t.aspectRatio}, ${JSON.stringify(t.background)}::jsonb
      where not exists (select 1 from video_templates where workspace_id is null and slug = ${t.slug})`);
  }
}
