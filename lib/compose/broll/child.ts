/**
 * The child clip generation behind a B-roll scene: created through the one create path
 * (lib/videos/create.ts) as the workspace owner, with role "clip" so only clip providers are
 * estimated, reserved for and tried. Kept apart from ./index.ts so the pure B-roll logic does
 * not import the videos domain (which imports it back from process.ts).
 */
import { ownerContext } from "@/lib/campaigns/owner-context";
import { createVideo } from "@/lib/videos/create";
import { clipAspectName, type BrollDeps } from "./index";

export const createBrollChild: BrollDeps["createChild"] = async (c) => {
  const ctx = await ownerContext(c.workspaceId);
  const { video } = await createVideo(
    ctx,
    {
      title: c.title,
      script: c.prompt,
      avatarProfileId: c.avatarProfileId,
      aspectRatio: clipAspectName(c.aspect),
      captions: false,
      allowTextToVideo: true,
      priority: "high",
      idempotencyKey: c.idempotencyKey,
    },
    { role: "clip", originalContent: { ...c.marker } },
  );
  return { id: video.id };
};

export const defaultBrollDeps: BrollDeps = { createChild: createBrollChild };
