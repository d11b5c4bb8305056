import { expect, test, type Page } from "@playwright/test";
import { shot, signUp, uniqueEmail } from "./helpers";

/**
 * Issue 14, "done when": from a research job, open the storyboard, swap one scene's visual,
 * render, and get three renditions (9:16, 16:9, 1:1) from one job — each a downloadable MP4
 * whose frame has its aspect's shape. The research runs over pasted notes (the offline source
 * the e2e server has; the network sources' fakes are exercised in lib/research tests).
 */

const NOTES = `Teams using AI pair programmers ship features faster but spend more time reviewing generated code. https://example.com/ai-pair-programming

Remote teams that move standups to async video updates report less meeting fatigue and more focused time. https://example.com/async-standups

AI meeting tools now summarise calls so people in other time zones catch up without another meeting. https://example.com/ai-meeting-notes

Companies adopting AI coding tools add security review checklists and training for remote developers. https://example.com/ai-security-reviews`;

/** Width and height of an MP4's video track, from its track header (tkhd: 16.16 fixed point at the box's end). */
function mp4Size(buf: Buffer): { width: number; height: number } {
  let best = { width: 0, height: 0 };
  for (let i = buf.indexOf("tkhd"); i > 3; i = buf.indexOf("tkhd", i + 4)) {
    const start = i - 4;
    const size = buf.readUInt32BE(start);
    if (size < 84 || start + size > buf.length) continue;
    const width = buf.readUInt32BE(start + size - 8) / 65536;
    const height = buf.readUInt32BE(start + size - 4) / 65536;
    if (width > best.width) best = { width, height };
  }
  return best;
}

async function researchJob(page: Page): Promise<void> {
  await page.goto("/research");
  const form = page.getByRole("form", { name: "New research configuration" });
  await expect(form).toBeVisible();
  await form.getByLabel("Name").fill("Storyboard research");
  await form.getByRole("textbox", { name: "Pasted notes" }).fill(NOTES);
  await form.getByRole("button", { name: "Save and run" }).click();
  const run = page.getByRole("list", { name: "Research runs" }).getByRole("listitem").filter({ hasText: "Storyboard research" }).first();
  await expect(run.getByText("Completed")).toBeVisible({ timeout: 60_000 });
  await run.getByRole("link", { name: "Storyboard research" }).click();
  await page.waitForURL(/\/research\/jobs\/[0-9a-f-]{36}$/);
}

test("storyboard: research → scenes → swap a visual → one job renders 9:16, 16:9 and 1:1", async ({ page }) => {
  test.setTimeout(15 * 60_000);
  await signUp(page, "Sam Storyboard", uniqueEmail("storyboard"));
  await researchJob(page);

  // "Make a video" opens the create page with the run already planned into scenes.
  await page.getByRole("link", { name: "Make a video" }).click();
  await page.waitForURL(/\/create\?researchJob=/);
  const editor = page.getByRole("region", { name: "Storyboard" });
  await expect(editor).toBeVisible();
  const scenes = editor.getByRole("list", { name: "Scenes" }).getByRole("listitem");
  expect(await scenes.count()).toBeGreaterThanOrEqual(4);
  // The script is the scenes' lines, read-only while the storyboard writes it.
  await expect(page.getByLabel("Script")).toHaveJSProperty("readOnly", true);

  // A scene with a research card shows the card drawn by the server, and its citation.
  const carded = scenes.filter({ has: page.getByTestId("scene-citation") }).first();
  await expect(carded).toBeVisible();
  const thumb = carded.getByTestId("scene-thumbnail").locator("img[src*='card-preview']");
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 30_000 }).toBe(true);

  // Swap its visual for another item's card: the thumbnail and the citation follow.
  const visual = carded.getByLabel("Visual", { exact: true });
  const before = await visual.inputValue();
  const cardValues = await visual.locator("optgroup[label='Research cards'] option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const other = cardValues.find((v) => v !== before);
  expect(other, "the run has more than one card to choose from").toBeTruthy();
  const srcBefore = await thumb.getAttribute("src");
  await visual.selectOption(other!);
  await expect(visual).toHaveValue(other!);
  await expect.poll(() => carded.getByTestId("scene-thumbnail").locator("img[src*='card-preview']").getAttribute("src")).not.toBe(srcBefore);

  // Reorder with the keyboard: Alt+↓ on the first scene's "move down" moves it to position 2.
  const firstLine = await scenes.first().getByRole("textbox").inputValue();
  await scenes.first().getByRole("button", { name: "Move scene 1 down" }).click();
  await expect(scenes.nth(1).getByRole("textbox")).toHaveValue(firstLine);
  await page.keyboard.press("Alt+ArrowUp");
  await expect(scenes.first().getByRole("textbox")).toHaveValue(firstLine);

  // Three formats from one job.
  await editor.getByRole("checkbox", { name: /16:9 landscape/ }).check();
  await editor.getByRole("checkbox", { name: /1:1 square/ }).check();

  await page.setViewportSize({ width: 1440, height: 1000 });
  await editor.scrollIntoViewIfNeeded();
  await shot(page, "storyboard-01-editor-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await editor.scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "no sideways scrolling at 390 px").toBeLessThanOrEqual(0);
  await shot(page, "storyboard-02-editor-390");
  await page.setViewportSize({ width: 1440, height: 1000 });

  await page.getByRole("button", { name: "Generate video" }).click();
  await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const id = page.url().split("/").pop()!;

  // The render: poll the API (the page updates itself too) until the job completes.
  let video: { status: string; renditions: string[]; error?: string | null } = { status: "queued", renditions: [] };
  await expect
    .poll(
      async () => {
        video = await (await page.request.get(`/api/v1/videos/${id}`)).json();
        return video.status;
      },
      { timeout: 12 * 60_000, intervals: [5_000] },
    )
    .toMatch(/completed|failed|timeout|cancelled/);
  expect(video.status, `render ended with: ${video.error ?? ""}`).toBe("completed");
  expect(video.renditions).toEqual(expect.arrayContaining(["9:16", "16:9", "1:1"]));

  // Each rendition downloads as an MP4 of its own shape (laid out per aspect, not one file thrice).
  const shapes: Record<string, number> = { "9:16": 9 / 16, "16:9": 16 / 9, "1:1": 1 };
  const sizes: string[] = [];
  for (const [aspect, ratio] of Object.entries(shapes)) {
    const res = await page.request.get(`/api/media/videos/${id}?rendition=${encodeURIComponent(aspect)}&download=1`);
    expect(res.status(), aspect).toBe(200);
    expect(res.headers()["content-disposition"] ?? "", aspect).toContain("attachment");
    const { width, height } = mp4Size(await res.body());
    expect(Math.min(width, height), `${aspect} is a real video frame`).toBeGreaterThanOrEqual(360);
    expect(Math.abs(width / height - ratio), `${aspect} is ${width}x${height}`).toBeLessThan(0.02);
    sizes.push(`${width}x${height}`);
  }
  expect(new Set(sizes).size).toBe(3);

  // The video page shows one player and one download per format.
  await page.reload();
  const formats = page.getByTestId("aspect-renditions");
  await expect(formats).toBeVisible();
  for (const label of ["Vertical 9:16", "Landscape 16:9", "Square 1:1"]) await expect(formats.getByRole("link", { name: `Download ${label}` })).toBeVisible();
  await shot(page, "storyboard-03-video-formats");
});
