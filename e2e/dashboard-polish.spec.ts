import { test, expect, request as playwrightRequest, type Page } from "@playwright/test";
import { signUp, uniqueEmail, shot } from "./helpers";

/**
 * Issue 17, dashboard polish: the behaviours a paying user tripped over in the first hour.
 * Each test names the regression it guards (and the change that makes it fail).
 */

const LONG_TITLE = "Why every remote team should try async standups: a long and detailed walkthrough of the rituals that actually stick";
const SCRIPT = "Welcome back. Here are three quick wins for your team this week. Stay to the end for the best one!";

async function createVideo(page: Page, title: string): Promise<string> {
  const r = await page.request.post("/api/v1/videos", { data: { title, script: SCRIPT, avatarProfileId: "sarah" } });
  expect(r.status(), await r.text()).toBeLessThan(300);
  return (await r.json()).id;
}

async function waitForStatus(page: Page, id: string, ok: (s: string) => boolean, timeout = 240_000): Promise<string> {
  let status = "";
  await expect
    .poll(async () => ok((status = (await (await page.request.get(`/api/v1/videos/${id}`)).json()).status)), { timeout, intervals: [1000, 2000, 3000] })
    .toBe(true);
  return status;
}

async function noHorizontalOverflow(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(390);
}

test("at 390 px the overview, library and video page do not scroll sideways, light and dark", async ({ page }) => {
  // Guards: the Recent videos grid track growing to a long title's width (page was 530 px).
  // Mutation tried: removing grid-cols-[minmax(0,1fr)] / min-w-0 on the overview cards → fails.
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, "Pat Phone", uniqueEmail("phone"));
  const id = await createVideo(page, LONG_TITLE);
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => localStorage.setItem("theme", t), theme);
    for (const path of ["/", "/videos", `/videos/${id}`, "/campaigns"]) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      if (path === "/") await expect(page.getByRole("link", { name: LONG_TITLE })).toBeVisible();
      await noHorizontalOverflow(page);
    }
  }
  await page.goto("/");
  await shot(page, "polish-01-overview-390");
});

test("skip link jumps to the content", async ({ page }) => {
  await signUp(page, "Kim Keyboard", uniqueEmail("skip"));
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("presenter picker is a radio group: arrow keys select, locked presenters are skipped", async ({ page }) => {
  // Guards: arrows only moved focus (the bug). Mutation tried: removing `choose(avatars[next])`
  // from the arrow-key branch in avatar-picker.tsx → the first aria-checked expectation fails.
  await signUp(page, "Riley Radio", uniqueEmail("radio"));
  await page.goto("/create");
  const group = page.getByRole("radiogroup", { name: "Presenter" });
  const radios = group.getByRole("radio");
  await expect(radios.first()).toBeVisible();
  const sarah = group.getByRole("radio", { name: /^Sarah, free presenter/ });
  const mike = group.getByRole("radio", { name: /^Mike, free presenter/ });
  await expect(sarah).toHaveAttribute("aria-checked", "true");
  await sarah.focus();

  await page.keyboard.press("ArrowRight");
  await expect(mike).toBeFocused();
  await expect(mike).toHaveAttribute("aria-checked", "true");
  await expect(sarah).toHaveAttribute("aria-checked", "false");
  await expect(group.locator('[role="radio"][aria-checked="true"]')).toHaveCount(1);

  await page.keyboard.press("ArrowLeft");
  await expect(sarah).toBeFocused();
  await expect(sarah).toHaveAttribute("aria-checked", "true");

  // Left from the first wraps to the last presenter this plan may use, never a locked one.
  await page.keyboard.press("ArrowLeft");
  const checked = group.locator('[role="radio"][aria-checked="true"]');
  await expect(checked).toHaveCount(1);
  await expect(checked).not.toHaveAttribute("aria-disabled", "true");
  await expect(checked).toBeFocused();
  // The roving tab stop follows the selection: one radio in the tab order.
  await expect(group.locator('[role="radio"][tabindex="0"]')).toHaveCount(1);
  await expect(checked).toHaveAttribute("tabindex", "0");
});

test("cancel while offline keeps the page, says why, and can be retried after reconnecting", async ({ page, context }) => {
  // Guards: an unreachable server action inside a transition replaced the whole app with
  // "This page couldn't load". Mutation tried: removing `.catch(() => null)` on
  // cancelVideoAction in video-detail.tsx → the heading disappears and the alert never shows.
  await signUp(page, "Olly Offline", uniqueEmail("offline"));
  // Several videos, so the last one is still waiting while we cancel it.
  for (let i = 0; i < 3; i++) await createVideo(page, `Filler ${i}`);
  const id = await createVideo(page, "Cancel me offline");
  await page.goto(`/videos/${id}`);
  const cancel = page.getByRole("button", { name: "Cancel", exact: true });
  await expect(cancel).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "offline");
  await cancel.click();
  await expect(page.getByTestId("cancel-error")).toContainText(/offline|reach the server/i);
  await expect(page.getByRole("heading", { name: "Cancel me offline" })).toBeVisible();
  await expect(page.getByText("This page couldn't load")).toHaveCount(0);
  await shot(page, "polish-02-offline-cancel");

  await context.setOffline(false);
  await expect(page.getByTestId("connection-status")).toHaveCount(0, { timeout: 60_000 });
  await page.getByTestId("cancel-error").getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("cancel-error")).toHaveCount(0);
  await expect(page.getByTestId("video-status")).toContainText(/Cancelled|Ready/, { timeout: 120_000 });
  expect(await waitForStatus(page, id, (s) => s === "cancelled" || s === "completed")).toBeTruthy();
});

test("a new share link shows in Links at once; Ready shows the poster, not an empty card", async ({ page, context }) => {
  // Guards: "Links: No links yet" until reload. Mutation tried: removing the setQueryData and
  // invalidate after createShareLinkAction in share-panel.tsx → the list expectation fails.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page, "Sam Share", uniqueEmail("share"));
  const id = await createVideo(page, "Share me now");
  await page.goto(`/videos/${id}`);
  // Watch it become Ready on this page (pushed status), then the player has a poster at once.
  await expect(page.getByTestId("video-player").or(page.getByTestId("video-poster"))).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId("video-player")).toHaveAttribute("poster", /thumbnail/);
  const links = page.getByRole("list", { name: "Share links" });
  await expect(page.getByText("No links yet.")).toBeVisible();
  await page.getByRole("button", { name: "Copy share link" }).click();
  await expect(page.getByTestId("share-url")).toHaveValue(/\/s\//);
  await expect(links.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("No links yet.")).toHaveCount(0);
  await page.getByRole("button", { name: "Copy share link" }).click();
  await expect(links.getByRole("listitem")).toHaveCount(2);

  // Open Graph / Twitter cards: a pasted link previews. Crawlers carry no cookie, so the image
  // and video URLs are absolute and work signed-out. Mutation tried: removing generateMetadata
  // from app/s/[token]/page.tsx → no og:image, this fails.
  const shareUrl = await page.getByTestId("share-url").inputValue();
  const anon = await playwrightRequest.newContext();
  const html = await (await anon.get(shareUrl)).text();
  const meta = (prop: string) => new RegExp(`<meta (?:property|name)="${prop}" content="([^"]*)"`).exec(html)?.[1] ?? null;
  expect(meta("og:title")).toBe("Share me now");
  expect(meta("twitter:card")).toBe("summary_large_image");
  const image = meta("og:image")!;
  expect(image).toMatch(/^https?:\/\/[^/]+\/api\/media\/share\/[^?]+\?thumbnail=1$/);
  expect(meta("og:video")).toMatch(/^https?:\/\/[^/]+\/api\/media\/share\//);
  const img = await anon.get(image);
  expect(img.status()).toBe(200);
  expect(img.headers()["content-type"]).toMatch(/^image\//);
  await anon.dispose();
});

test("campaign page: videos' status and the run's status update live", async ({ page }) => {
  // Guards: videos "queued" minutes after completing and the run "completed" while they were
  // queued. Mutation tried: returning the stored run status from runView → "Rendering · 0 of 1"
  // never shows; removing the realtime/poll refresh in campaign-detail.tsx → "Ready" never shows
  // without a reload.
  await signUp(page, "Cam Campaign", uniqueEmail("livecmp"));
  const notes =
    "Remote teams that move standups to async video updates report less meeting fatigue and more focused time for deep work. https://example.com/async-standups";
  const r = await page.request.post("/api/v1/campaigns", { data: { name: "Live campaign", sources: [{ source: "manual", text: notes }], avatarProfileId: "mike", maxVideosPerDay: 1 } });
  expect(r.status(), await r.text()).toBeLessThan(300);
  const { id } = await r.json();
  await page.goto(`/campaigns/${id}`);
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByText(/Run finished/)).toBeVisible({ timeout: 120_000 });
  const videos = page.getByRole("list", { name: "Campaign videos" });
  await expect(videos.getByRole("listitem")).toHaveCount(1, { timeout: 60_000 });
  const run = page.getByTestId("run-status").first();
  await expect(run).toContainText(/Rendering · 0 of 1 ready|Completed/);
  // No reload from here on.
  await expect(page.getByTestId("campaign-video-status").first()).toContainText("Ready", { timeout: 240_000 });
  await expect(run).toHaveText("Completed", { timeout: 30_000 });
  // Times carry the workspace zone's name.
  await expect(page.getByText(/times in UTC/)).toBeVisible();
});
