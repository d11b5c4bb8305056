import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

/**
 * Issue 17: every page, light and dark, has no serious or critical axe-core violation (WCAG 2.1
 * A/AA rules), and is photographed at 1440 and 390 px in both themes for the closing note
 * (SCREENS_DIR, default test-results/screens). The pages are filled first (a finished video, a
 * share link, a campaign, a research run, a webhook with a test delivery) so the checks see
 * real content, not empty states only.
 */

const SCREENS = process.env.SCREENS_DIR ?? "test-results/screens";
const THEMES = ["light", "dark"] as const;
const WIDTHS = [
  { name: "1440", width: 1440, height: 900 },
  { name: "390", width: 390, height: 844 },
];

interface Finding {
  page: string;
  theme: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

async function settle(page: Page) {
  await expect(page.locator("main").first()).toBeVisible();
  // Fonts and images decide contrast and layout; websockets are not counted by networkidle.
  await page.waitForLoadState("networkidle").catch(() => undefined);
}

async function check(page: Page, name: string, url: string, findings: Finding[]) {
  for (const theme of THEMES) {
    await page.evaluate((t) => localStorage.setItem("theme", t), theme);
    for (const w of WIDTHS) {
      await page.setViewportSize({ width: w.width, height: w.height });
      await page.goto(url);
      await settle(page);
      await page.screenshot({ path: path.join(SCREENS, `${name}-${w.name}-${theme}.png`), fullPage: true });
      if (w.name !== "1440") continue;
      const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      for (const v of r.violations) {
        if (v.impact !== "serious" && v.impact !== "critical") continue;
        findings.push({ page: name, theme, rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) });
      }
    }
  }
}

function mailedLink(to: string, prefix: string): string | null {
  const dir = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e", "outbox");
  let files: string[] = [];
  try {
    files = fs.readdirSync(dir).sort().reverse();
  } catch {
    return null;
  }
  for (const f of files) {
    const raw = fs.readFileSync(path.join(dir, f), "utf8");
    if (!raw.includes(`To: ${to}`)) continue;
    const m = new RegExp(`https?://\\S+?(/${prefix}/[A-Za-z0-9_-]+)`).exec(raw);
    if (m) return m[1];
  }
  return null;
}

async function signedOutPage(browser: Browser) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/sign-in");
  return { ctx, page };
}

test("every page, light and dark: no serious or critical axe violations; screenshots at 1440 and 390 px", async ({ page, browser }) => {
  test.setTimeout(900_000);
  fs.mkdirSync(SCREENS, { recursive: true });
  const email = uniqueEmail("a11y");
  await signUp(page, "Alex Access", email);

  // Content for the pages to show.
  const v = await page.request.post("/api/v1/videos", { data: { title: "Three habits of async teams", script: "Write things down. Default to async. Meet with purpose.", avatarProfileId: "sarah" } });
  expect(v.status(), await v.text()).toBeLessThan(300);
  const videoId = (await v.json()).id as string;
  const c = await page.request.post("/api/v1/campaigns", {
    data: { name: "Weekly async tips", sources: [{ source: "manual", text: "Async standups reduce meeting fatigue for remote teams. https://example.com/async" }], avatarProfileId: "mike", maxVideosPerDay: 1 },
  });
  expect(c.status(), await c.text()).toBeLessThan(300);
  const campaignId = (await c.json()).id as string;
  const rc = await page.request.post("/api/v1/research/configurations", {
    data: { name: "Remote work notes", sources: [{ source: "manual", text: "Remote teams that write things down ship faster. Async video updates replace status meetings. https://example.com/notes" }] },
  });
  expect(rc.status(), await rc.text()).toBeLessThan(300);
  const run = await page.request.post(`/api/v1/research/configurations/${(await rc.json()).id}/run`);
  expect(run.status(), await run.text()).toBe(202);
  const jobId = (await run.json()).id as string;

  // Webhooks: an endpoint and a "Send test event" through the real delivery path. Nothing
  // listens on the one loopback port e2e allows, so the test is logged as not delivered.
  await page.goto("/settings/webhooks");
  await page.getByLabel("Endpoint URL").fill("http://127.0.0.1:59999/hook");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByRole("button", { name: "Send test event to http://127.0.0.1:59999/hook" }).click();
  await expect(page.getByText(/Test event not delivered: Could not deliver/)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "test" }).filter({ hasText: "failed" })).toBeVisible();

  // The plan page answers the carousel's "upgrade".
  await page.goto("/settings/plan");
  await expect(page.getByRole("heading", { name: "You are on the Free plan" })).toBeVisible();
  await expect(page.getByText("David, Lisa, James")).toBeVisible();

  // Wait for the video to finish, then share it.
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/videos/${videoId}`)).json()).status, { timeout: 300_000, intervals: [2000, 3000, 5000] })
    .toBe("completed");
  const share = await page.request.post(`/api/v1/videos/${videoId}/share`, { data: {} });
  expect(share.status(), await share.text()).toBeLessThan(300);
  const shareUrl = new URL((await share.json()).url as string).pathname;

  const findings: Finding[] = [];
  const appPages: [string, string][] = [
    ["overview", "/"],
    ["create", "/create"],
    ["videos", "/videos"],
    ["video-detail", `/videos/${videoId}`],
    ["research", "/research"],
    ["research-job", `/research/jobs/${jobId}`],
    ["campaigns", "/campaigns"],
    ["campaign-detail", `/campaigns/${campaignId}`],
    ["analytics", "/analytics"],
    ["docs-api", "/docs/api"],
    ["settings-providers", "/settings/providers"],
    ["settings-budgets", "/settings/budgets"],
    ["settings-webhooks", "/settings/webhooks"],
    ["settings-accounts", "/settings/accounts"],
    ["settings-api-keys", "/settings/api-keys"],
    ["settings-members", "/settings/members"],
    ["settings-workspace", "/settings/workspace"],
    ["settings-plan", "/settings/plan"],
  ];
  for (const [name, url] of appPages) await check(page, name, url, findings);

  // Signed out: auth pages, the share page and a missing share link.
  const { ctx, page: anon } = await signedOutPage(browser);
  await anon.goto("/forgot-password");
  await anon.getByLabel("Email").fill(email);
  await anon.getByRole("button", { name: "Mail me a reset link" }).click();
  await expect(anon.getByRole("status")).toBeVisible();
  await expect.poll(() => mailedLink(email, "reset-password"), { timeout: 30_000 }).not.toBeNull();
  const anonPages: [string, string][] = [
    ["sign-in", "/sign-in"],
    ["sign-up", "/sign-up"],
    ["forgot-password", "/forgot-password"],
    ["reset-password", mailedLink(email, "reset-password")!],
    ["share", shareUrl],
    ["share-missing", "/s/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"],
  ];
  for (const [name, url] of anonPages) await check(anon, name, url, findings);
  await ctx.close();

  fs.writeFileSync(path.join(SCREENS, "axe-findings.json"), JSON.stringify(findings, null, 2));
  expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
});
