/**
 * Layout invariants for every aspect × scene layout × logo corner: captions stay inside the
 * platform's safe area and never cover the presenter's face, the card, the bubble, the chip
 * or the logo; the logo stays clear of the chip.
 */
import { describe, expect, it } from "vitest";
import { LOGO_POSITIONS } from "@/lib/brand/types";
import { captionRect, chipRect, faceBox, intersects, shotLayout, type Rect } from "./layout";
import { COMPOSE_ASPECTS, SCENE_LAYOUTS } from "./types";

const inside = (a: Rect, b: Rect) => a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.w <= b.x + b.w + 1 && a.y + a.h <= b.y + b.h + 1;
const bubbleRect = (b: { x: number; y: number; d: number }) => ({ x: b.x, y: b.y, w: b.d, h: b.d });

describe("shotLayout", () => {
  const brands = [undefined, ...LOGO_POSITIONS.map((position) => ({ logo: { position, scale: 0.2, aspect: 2.5 } }))];
  for (const aspect of COMPOSE_ASPECTS)
    for (const layout of SCENE_LAYOUTS)
      it(`${aspect} ${layout}: captions in the safe area, clear of face, card, bubble, chip and logo`, () => {
        // Mutations tried: split-portrait card bottom at `top - m` (no band for the strip) →
        // caption ∩ card, fails; visual captions slot at safe.x+safe.w (over the bubble) → fails;
        // bottom-corner logo at safe bottom (not lifted over the captions) → caption ∩ logo, fails;
        // dropping the top-right chip shortening → chip ∩ logo, fails.
        for (const brand of brands) {
          const l = shotLayout(aspect, layout, 1, brand);
          const cap = captionRect(l.captions);
          expect(inside(cap, l.safe), `caption ${JSON.stringify(cap)} outside safe ${JSON.stringify(l.safe)}`).toBe(true);
          if (l.visual) expect(intersects(cap, l.visual), "caption over the card").toBe(false);
          if (l.bubble) expect(intersects(cap, bubbleRect(l.bubble)), "caption over the bubble").toBe(false);
          if (l.presenter) expect(intersects(cap, faceBox(l.presenter)), "caption over the face").toBe(false);
          expect(intersects(cap, chipRect(l.chip)), "caption over the chip").toBe(false);
          expect(l.captions.fontSize).toBeGreaterThanOrEqual(60);
          // The chip keeps room for a readable label whatever the logo's corner.
          // Mutation tried: no move under a top-right logo → 1:1/16:9 split chip 0.29 W, fails.
          expect(l.chip.maxWidth).toBeGreaterThanOrEqual(l.width * 0.35);
          // Mutation tried: split chip keeping 0.7 W from mid-frame (as before) → runs off the right edge, fails.
          expect(inside(chipRect(l.chip), l.safe), "chip outside the safe area").toBe(true);
          if (l.logo) {
            expect(inside(l.logo, l.safe), `logo outside the safe area (${brand!.logo.position})`).toBe(true);
            expect(intersects(cap, l.logo), `caption over the logo (${brand!.logo.position})`).toBe(false);
            expect(intersects(chipRect(l.chip), l.logo), `chip over the logo (${brand!.logo.position})`).toBe(false);
            if (l.bubble) expect(intersects(bubbleRect(l.bubble), l.logo), "bubble over the logo").toBe(false);
          }
          if (l.visual) expect(inside(l.visual, { x: 0, y: 0, w: l.width, h: l.height })).toBe(true);
        }
      });

  it("makes the 16:9 chip no smaller than the portrait one", () => {
    // Mutation tried: landscape unit short/40 (as before) → 27 < 36, fails.
    expect(shotLayout("16:9", "split").chip.unit).toBeGreaterThanOrEqual(shotLayout("9:16", "split").chip.unit * 1.3);
  });
});
