import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { signUp, uniqueEmail, shot as sharedShot } from "./helpers";

/** test-results/ is emptied by every Playwright run; keep a copy of these shots for review too. */
async function shot(page: Page, name: string) {
  await sharedShot(page, name);
  const dir = path.join(os.tmpdir(), "avs-e2e-shots");
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(`test-results/screenshots/${name}.png`, path.join(dir, `${name}.png`));
}

/**
 * Issue 15, done-when: connect a fake TikTok and a fake YouTube account (OAuth against
 * e2e/fakes/platforms, started by playwright.config.ts), publish a finished video to both, see
 * each post reach "published", pull the metrics (the same function the 6-hourly job runs, via
 * Analytics → "Refresh platform numbers") and see cost per 1,000 views in Analytics.
 * Every wait is on what the page shows; nothing sleeps.
 */

const SCRIPT = "Welcome back. Here are three quick wins for your team this week. Stay to the end for the best one!";

async function connect(page: Page, label: "TikTok" | "YouTube", expectName: string) {
  await page.goto("/settings/accounts");
  await page.getByRole("link", { name: `Connect ${label}` }).click();
  // start → the platform's consent (the fake consents at once) → our callback → back here.
  await page.waitForURL((u) => u.pathname === "/settings/accounts" && u.searchParams.has("connected"), { timeout: 60_000 });
  await expect(page.getByRole("status")).toHaveText(`Connected ${expectName}.`);
  await expect(page.getByRole("list", { name: "Connected accounts" }).getByText(`${label} · ${expectName}`)).toBeVisible();
}

function postRow(page: Page, platform: "TikTok" | "YouTube") {
  return page.getByRole("list", { name: "Posts of this video" }).getByRole("listitem").filter({ hasText: `${platform} ·` });
}

test("connect TikTok and YouTube, publish a finished video to both, pull metrics, see cost per 1,000 views", async ({ page }) => {
  test.setTimeout(420_000);
  await signUp(page, "Pat Publisher", uniqueEmail("publish"));

  // A finished video (the free local studio renders it for real).
  const r = await page.request.post("/api/v1/videos", { data: { title: "Three quick wins", script: SCRIPT, avatarProfileId: "sarah" } });
  expect(r.status(), await r.text()).toBeLessThan(300);
  const videoId = (await r.json()).id as string;

  await connect(page, "TikTok", "Fake Creator");
  await connect(page, "YouTube", "Fake Channel");
  await shot(page, "publishing-01-accounts");

  await page.goto(`/videos/${videoId}`);
  await expect(page.getByTestId("video-status")).toHaveText("Ready", { timeout: 300_000 });
  // The publish panel is part of a finished video's page (server-rendered once it is completed).
  await page.reload();
  const account = page.getByLabel("Account");
  await expect(account).toBeVisible();

  // TikTok: privacy comes from creator_info, with no default; the button waits for a choice.
  await account.selectOption({ label: "TikTok · Fake Creator" });
  await expect(page.getByText("Choose who can see the post first.")).toBeVisible();
  await page.getByRole("radio", { name: "Everyone" }).check();
  await expect(page.getByLabel("Caption")).not.toHaveValue("");
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(postRow(page, "TikTok").getByText("published", { exact: true })).toBeVisible({ timeout: 90_000 });

  // YouTube: verified project, so Public is the default; disclosures are stated on the form.
  await account.selectOption({ label: "YouTube · Fake Channel" });
  await expect(page.getByRole("radio", { name: "Public" })).toBeChecked();
  await expect(page.getByText(/altered or synthetic content/)).toBeVisible();
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(postRow(page, "YouTube").getByText("published", { exact: true })).toBeVisible({ timeout: 90_000 });
  await shot(page, "publishing-02-posted");

  // Publishing the same video to the same account again does not post twice.
  await account.selectOption({ label: "TikTok · Fake Creator" });
  await page.getByRole("radio", { name: "Everyone" }).check();
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByText("This video is already posted (or queued) to that account.")).toBeVisible();
  await expect(postRow(page, "TikTok")).toHaveCount(1);

  // Analytics: before the metrics pull there are posts but no views yet.
  await page.goto("/analytics");
  const cpm = page.getByTestId("roi-cpm");
  await expect(cpm).toHaveText("—");
  await page.getByRole("button", { name: "Refresh platform numbers" }).click();
  await expect(page.getByText("Updated 2 posts.")).toBeVisible({ timeout: 60_000 });
  // The fakes report 1,000 TikTok views and 2,000 YouTube views on the first pull; the local
  // studio is free, so the cost per 1,000 views is a real $0.00, not a dash.
  await expect(cpm).toHaveText("$0.00");
  await expect(page.getByText("3,000 views on 2 posts")).toBeVisible();
  const table = page.getByRole("table", { name: "Cost per result by platform" });
  await expect(table.getByRole("row", { name: /TikTok/ })).toContainText("1,000");
  await expect(table.getByRole("row", { name: /YouTube/ })).toContainText("2,000");
  await expect(page.getByRole("list", { name: "Best performers" })).toContainText("Three quick wins");
  await page.getByLabel("Break down by").selectOption({ label: "Provider" });
  await expect(page.getByRole("table", { name: "Cost per result by provider" })).toContainText("3,000");
  await shot(page, "publishing-03-analytics-roi");

  const csv = await page.request.get("/api/v1/analytics/export?days=30");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain("platform,tiktok,1,0.00,1000,");
  expect(text).toContain("platform,youtube,1,0.00,2000,");
});
