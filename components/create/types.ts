import type { Storyboard } from "@/lib/compose/types";

export type Tier = "free" | "pro" | "enterprise";
export type Aspect = "portrait" | "landscape" | "square" | "portrait_4x5";

export interface AvatarOption {
  id: string;
  slug: string;
  name: string;
  description: string;
  tier: Tier;
  style: string;
  voiceName: string;
  language: string;
  locked: boolean;
  imageUrl: string;
  clipUrl: string;
}

export type BackgroundValue = { type: "color"; value: string } | { type: "gradient"; colors: [string, string] };

export interface TemplateOption {
  id: string;
  slug: string;
  name: string;
  description: string;
  aspectRatio: Aspect;
  background: BackgroundValue | { type: "image" | "video"; key: string };
  captions: boolean;
  voiceSpeed: number;
}

/** Everything the form submits (and the draft stores). */
export interface CreateFormValues {
  avatar: string;
  title: string;
  script: string;
  aspectRatio: Aspect;
  targetPlatforms: string[];
  voiceSpeed: number;
  captions: boolean;
  background: BackgroundValue;
  templateId: string;
  providerPreference: string;
  researchJobId: string | null;
  /** Scenes planned for a composed short (issue 14); null = one presenter talking. */
  storyboard?: Storyboard | null;
}

export const TIER_LABEL: Record<Tier, string> = { free: "Free", pro: "Pro", enterprise: "Enterprise" };

export const DEFAULT_VALUES: CreateFormValues = {
  avatar: "",
  title: "",
  script: "",
  aspectRatio: "portrait",
  targetPlatforms: [],
  voiceSpeed: 1,
  captions: true,
  background: { type: "gradient", colors: ["#667eea", "#764ba2"] },
  templateId: "",
  providerPreference: "auto",
  researchJobId: null,
  storyboard: null,
};
