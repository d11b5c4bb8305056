/**
 * A clip request: a short visual from a prompt, or from an image when one is given (then every
 * clip provider takes its image-to-video endpoint: Kling first_frame, Pika image_url, Runway
 * promptImage). Clips run with role "clip", so failover stays among clip providers.
 */
import { invalidRequest, CLIP_AVATAR_NAME } from "@/lib/providers/http";
import type { AspectRatio, GenerationRequest } from "@/lib/providers/types";

export interface ClipInput {
  generationId: string;
  attempt?: number;
  /** What the clip shows. Sent to the provider as written. */
  prompt: string;
  /** Publicly reachable image to animate (image-to-video). */
  imageUrl?: string;
  aspectRatio: AspectRatio;
  callbackUrl?: string;
}

export function clipRequest(c: ClipInput): GenerationRequest {
  const prompt = c.prompt.trim();
  if (!prompt) throw invalidRequest("local", "a clip needs a prompt describing what it shows");
  if (c.imageUrl !== undefined && !/^https:\/\//.test(c.imageUrl)) throw invalidRequest("local", "the clip image must be a public https URL");
  return {
    generationId: c.generationId,
    attempt: c.attempt ?? 1,
    title: prompt.slice(0, 80),
    script: prompt,
    aspectRatio: c.aspectRatio,
    // Clip length (5 or 10 s) follows the prompt's reading time, as for every clip (clipSeconds).
    voiceSpeed: 1,
    captions: false,
    background: { type: "color", value: "#000000" },
    avatar: {
      id: "clip",
      slug: "clip",
      name: CLIP_AVATAR_NAME,
      avatarType: "avatar",
      style: "normal",
      language: "en-US",
      providerAvatarIds: {},
      providerVoiceIds: {},
      ...(c.imageUrl ? { imageUrl: c.imageUrl } : {}),
    },
    ...(c.callbackUrl ? { callbackUrl: c.callbackUrl } : {}),
    role: "clip",
  };
}
