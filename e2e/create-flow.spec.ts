import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { signUp, uniqueEmail, shot } from "./helpers";

/** Full-page shot with the viewport as tall as the page, so the fixed shell is drawn once, in place. */
async function snap(page: Page, name: string) {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  for (let i = 0; i < 3; i++) {
    const height = Math.min(Math.max(await page.evaluate(() => document.documentElement.scrollHeight), size.height), 5000);
    if (page.viewportSize()?.height === height) break;
    await page.setViewportSize({ width: size.width, height });
    await page.waitForTimeout(200);
  }
  await shot(page, name);
  await page.setViewportSize(size);
}

async function setTheme(page: Page, theme: "light" | "dark") {
  await page.evaluate((t) => {
    localStorage.setItem("theme", t);
    document.documentElement.classList.toggle("dark", t === "dark");
  }, theme);
}

test("create a video, watch it render live, play, download and share it", async ({ page, browser, context }) => {
  test.setTimeout(420_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page, "Casey Creator", uniqueEmail("create"));
  await setTheme(page, "light");

  await page.goto("/create");
  const presenters = page.getByRole("radiogroup", { name: "Presenter" });
  await expect(presenters).toBeVisible();
  const sarah = presenters.getByRole("radio", { name: /^Sarah, free presenter/ });
  const mike = presenters.getByRole("radio", { name: /^Mike, free presenter/ });
  const sophia = presenters.getByRole("radio", { name: /^Sophia, enterprise presenter/ });
  await expect(sophia).toHaveAttribute("aria-disabled", "true");
  // Keyboard: arrows move focus, Enter selects.
  await sarah.focus();
  await page.keyboard.press("ArrowRight");
  await expect(mike).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(mike).toHaveAttribute("aria-checked", "true");
  await sarah.click();
  await expect(sarah).toHaveAttribute("aria-checked", "true");
  await expect(mike).toHaveAttribute("aria-checked", "false");
  await snap(page, "create-01-editor");

  const title = `Launch day ${Date.now() % 100000}`;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page
    .getByLabel("Script", { exact: true })
    .fill("Welcome to our launch day. Today we show you three quick wins for your team. Stay to the end for the best one!");
  await page.getByRole("checkbox", { name: /Instagram Reels/ }).check();

  // A new workspace has no finished research: the picker says where to get some.
  await page.getByRole("button", { name: "Insert from research" }).click();
  const research = page.getByRole("dialog", { name: "Insert from research" });
  await expect(research.getByText("No research yet — run one in Research")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(research).toBeHidden();

  // The estimate arrives on its own: providers in order with prices, the reservation, the budget left.
  const estimate = page.getByTestId("estimate");
  await expect(estimate.getByText("Local studio")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("reserve-amount")).toHaveText(/^\$\d+\.\d{2}$/);
  await expect(estimate.getByText("Left today")).toBeVisible();
  await snap(page, "create-02-script-and-estimate");

  // The draft survives a reload.
  await page.waitForTimeout(700);
  await page.reload();
  await expect(page.getByText("Draft restored")).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByRole("checkbox", { name: /Instagram Reels/ })).toBeChecked();
  await expect(sarah).toHaveAttribute("aria-checked", "true");
  await snap(page, "create-03-draft-restored");

  await page.getByRole("button", { name: "Generate video" }).click();
  await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const videoUrl = page.url();

  // Live: record every stage the page shows, without reloading it.
  await page.evaluate(() => {
    const w = window as unknown as { __stages: string[]; __sameDocument: boolean };
    w.__sameDocument = true;
    w.__stages = [];
    const seen = () => {
      const t = document.querySelector('[data-testid="video-stage"]')?.textContent?.trim();
      if (t && w.__stages[w.__stages.length - 1] !== t) w.__stages.push(t);
    };
    seen();
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const bar = page.getByRole("progressbar", { name: "Rendering progress" });
  await expect(bar).toBeVisible();
  await expect
    .poll(async () => Number(await bar.getAttribute("aria-valuenow").catch(() => "100")), { timeout: 120_000, intervals: [200] })
    .toBeGreaterThan(5);
  await snap(page, "create-04-rendering-live");

  await expect(page.getByTestId("video-status")).toHaveText("Ready", { timeout: 240_000 });
  const live = await page.evaluate(() => {
    const w = window as unknown as { __stages: string[]; __sameDocument?: boolean };
    return { stages: w.__stages, same: w.__sameDocument === true };
  });
  expect(live.same).toBe(true);
  expect(page.url()).toBe(videoUrl);
  const intermediate = live.stages.filter((s) => !/^Queued/.test(s) && s !== "Ready");
  expect(intermediate.length, `stages seen: ${live.stages.join(" → ")}`).toBeGreaterThan(0);

  const player = page.getByTestId("video-player");
  await expect(player).toBeVisible();
  await page.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="video-player"]');
      return !!v && v.readyState >= 2 && v.duration > 0;
    },
    undefined,
    { timeout: 60_000 },
  );
  await expect(page.getByTestId("attempts")).toContainText("Local studio");
  await expect(page.getByTestId("attempts")).toContainText("succeeded");
  await expect(page.getByRole("link", { name: "Download for Instagram Reels" })).toBeVisible();
  await snap(page, "create-05-ready");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download", exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.mp4$/);
  const saved = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  expect(fs.statSync(saved).size).toBeGreaterThan(10 * 1024);

  await page.getByLabel("Link expires after").selectOption({ label: "24 hours" });
  await page.getByRole("button", { name: "Copy share link" }).click();
  const shareField = page.getByTestId("share-url");
  await expect(shareField).toHaveValue(/\/s\/[\w-]+\.[\w-]+$/);
  const shareUrl = await shareField.inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareUrl);
  await expect(page.getByRole("list", { name: "Share links" }).getByText(/Expires in 2[34] h/)).toBeVisible();
  await snap(page, "create-06-shared");

  const anon = await browser.newContext();
  const viewer = await anon.newPage();
  await viewer.goto(new URL(new URL(shareUrl).pathname, page.url()).toString());
  await expect(viewer.getByTestId("share-player")).toBeVisible();
  await viewer.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="share-player"]');
      return !!v && v.readyState >= 2;
    },
    undefined,
    { timeout: 60_000 },
  );
  await snap(viewer, "create-07-share-page");
  await anon.close();

  // The library lists it, live and filterable.
  await page.goto("/videos");
  const card = page.getByTestId("video-card").filter({ hasText: title });
  await expect(card).toBeVisible();
  await expect(card.getByText("Ready")).toBeVisible();
  await snap(page, "create-08-library");
  await page.getByLabel("Status").selectOption({ label: "Failed" });
  await expect(page.getByText("No videos match")).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "All statuses" });
  await expect(card).toBeVisible();

  // "Re-generate with changes" opens the editor filled from this video.
  await page.goto(videoUrl);
  await page.getByRole("link", { name: "Re-generate with changes" }).click();
  await page.waitForURL(/\/create\?from=/);
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByRole("radio", { name: /^Sarah, free presenter/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("checkbox", { name: /Instagram Reels/ })).toBeChecked();
  await page.goto("/videos");

  // Dark mode and phone width.
  await setTheme(page, "dark");
  await snap(page, "create-09-library-dark");
  await page.goto(videoUrl);
  await snap(page, "create-10-video-dark");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "create-11-video-dark-phone");
  await page.goto("/create");
  await snap(page, "create-12-create-dark-phone");
  await setTheme(page, "light");
  await snap(page, "create-13-create-light-phone");
  await page.goto("/videos");
  await snap(page, "create-14-library-light-phone");

  // Bulk delete with confirmation: the card leaves at once and stays gone.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("checkbox", { name: `Select ${title}` }).check();
  await page.getByRole("button", { name: "Delete selected" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete 1 video?" });
  await expect(confirm).toBeVisible();
  await snap(page, "create-15-confirm-delete");
  await confirm.getByRole("button", { name: "Delete video" }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByText("No videos yet")).toBeVisible();
  await page.reload();
  await expect(page.getByText("No videos yet")).toBeVisible();
  expect((await page.request.get(videoUrl.replace(/\/videos\//, "/api/v1/videos/"))).status()).toBe(404);
});

test("cancel a video while it renders; the failed view explains failures", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, "Cass Cancel", uniqueEmail("cancel"));
  const script = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i + 1} of a longer script that takes a while to render.`).join(" ");
  const res = await page.request.post("/api/v1/videos", { data: { title: "To be cancelled", script, avatarProfileId: "mike" } });
  expect(res.status()).toBe(201);
  const { id } = await res.json();
  await page.goto(`/videos/${id}`);
  await expect(page.getByRole("progressbar", { name: "Rendering progress" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(page.getByTestId("video-status")).toHaveText("Cancelled", { timeout: 60_000 });
  await expect(page.getByText(/cancelled and its reserved budget released/)).toBeVisible();
  await snap(page, "create-16-cancelled");

  await page.goto("/videos?status=cancelled");
  await expect(page.getByLabel("Status")).toHaveValue("cancelled");
  await expect(page.getByTestId("video-card").filter({ hasText: "To be cancelled" })).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Failed" });
  await expect(page.getByText("Videos every provider gave up on, with the reason.")).toBeVisible();
  await expect(page.getByText("No videos match")).toBeVisible();
  await expect(page).toHaveURL(/status=failed/);
});

test("create page performance", async ({ browser }) => {
  const setup = await browser.newContext();
  const p = await setup.newPage();
  await signUp(p, "Perry Perf", uniqueEmail("perf"));
  const state = await setup.storageState();
  await setup.close();

  // A cold cache, signed in: what a returning user's first visit to /create costs.
  const ctx = await browser.newContext({ storageState: state });
  const page = await ctx.newPage();
  await page.goto("/create", { waitUntil: "load" });
  await expect(page.getByRole("radiogroup", { name: "Presenter" })).toBeVisible();
  const m = await page.evaluate(async () => {
    const lcp = await new Promise<number>((resolve) => {
      let last = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) last = e.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
      setTimeout(() => resolve(last), 1500);
    });
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) => r.initiatorType === "script" || /\.js(\?|$)/.test(r.name));
    return {
      lcpMs: Math.round(lcp),
      scriptCount: scripts.length,
      transferKB: Math.round(scripts.reduce((s, r) => s + r.transferSize, 0) / 1024),
      encodedKB: Math.round(scripts.reduce((s, r) => s + r.encodedBodySize, 0) / 1024),
      decodedKB: Math.round(scripts.reduce((s, r) => s + r.decodedBodySize, 0) / 1024),
    };
  });
  console.log(`/create first load: LCP ${m.lcpMs} ms; ${m.scriptCount} scripts, ${m.transferKB} KB transferred, ${m.encodedKB} KB encoded, ${m.decodedKB} KB decoded`);
  await ctx.close();
});
