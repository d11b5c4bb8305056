/**
 * Every seeded presenter gets provider voices that match its language and gender (issue 12).
 * Mutation tried: seedVoiceIds ignoring gender (always "female") → Mike, David, James and
 * Alexander get a female voice and this fails; ignoring the language → Sophia gets English.
 */
import { describe, expect, it } from "vitest";
import { SEED_AVATARS, seedVoiceIds } from "./seed-data";

const LANGUAGE_NAME: Record<string, string> = { en: "English", es: "Spanish" };

describe("seeded presenters' voices", () => {
  it("HeyGen voice by the presenter's own language and gender; Kling voice only where Kling speaks it", () => {
    for (const a of SEED_AVATARS) {
      const v = seedVoiceIds(a);
      const lang = a.language.split("-")[0];
      expect(v.heygen, a.slug).toBe(`auto:${LANGUAGE_NAME[lang]}:${a.gender}`);
      if (lang === "en") expect(v.kling, a.slug).toMatch(a.gender === "female" ? /lady|female/ : /male|man/);
      else expect(v.kling, a.slug).toBeUndefined();
    }
    expect(new Set(SEED_AVATARS.map((a) => seedVoiceIds(a).heygen)).size).toBeGreaterThan(1);
    expect(SEED_AVATARS.find((a) => a.slug === "sophia")).toMatchObject({ language: "es-ES", gender: "female" });
  });

  // "Lisa" pointed a talking_photo at a studio avatar id (Daisy-inskirt-20220818): HeyGen would
  // reject it. Built-in presenters use studio avatars, so they are all "avatar".
  it("built-in presenters with a studio avatar id are avatars, not talking photos", () => {
    expect(SEED_AVATARS.filter((a) => a.avatarType === "talking_photo")).toEqual([]);
  });
});
