import { expect, test, type Page } from "@playwright/test";
import { shot, signUp, uniqueEmail } from "./helpers";

const NOTES = `AI coding assistants are changing how small teams ship software. Teams using AI pair programmers report shipping features faster, but they also spend more time reviewing generated code. https://example.com/ai-pair-programming

Remote work is settling into a hybrid rhythm. Remote teams that move standups to async video updates report less meeting fatigue and more focused time for deep work. https://example.com/async-standups

AI meeting tools now summarise calls automatically. Remote teams use AI summaries so people in other time zones can catch up without another meeting. https://example.com/ai-meeting-notes

Security reviews of AI tools are becoming a hiring topic. Companies adopting AI coding tools are adding review checklists and training for remote developers. https://example.com/ai-security-reviews`;

async function setTheme(page: Page, dark: boolean) {
  await page.evaluate((d) => {
    document.documentElement.classList.toggle("dark", d);
    document.documentElement.style.colorScheme = d ? "dark" : "light";
  }, dark);
}

test("research: pasted notes → run → analysis → a video with the script filled from the insights", async ({ page }) => {
  await signUp(page, "Riley Research", uniqueEmail("research"));
  await page.goto("/research");
  await expect(page.getByRole("heading", { name: "Research", level: 1 })).toBeVisible();
  await shot(page, "research-01-empty");

  // The form opens by itself when there is no configuration yet; "Pasted notes" is preselected.
  const form = page.getByRole("form", { name: "New research configuration" });
  await expect(form).toBeVisible();
  // Validation says what to do, next to the field.
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form.getByText("Give the configuration a name")).toBeVisible();

  await form.getByLabel("Name").fill("AI tools & remote work");
  await form.getByRole("textbox", { name: "Pasted notes" }).fill(NOTES);
  await shot(page, "research-02-form");
  await form.getByRole("button", { name: "Save and run" }).click();

  const runs = page.getByRole("list", { name: "Research runs" });
  const run = runs.getByRole("listitem").filter({ hasText: "AI tools & remote work" }).first();
  await expect(run.getByText("Completed")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("list", { name: "Configurations" }).getByText("AI tools & remote work")).toBeVisible();
  await shot(page, "research-03-run-completed");

  await run.getByRole("link", { name: "AI tools & remote work" }).click();
  await page.waitForURL(/\/research\/jobs\/[0-9a-f-]{36}$/);
  const insights = page.getByRole("list", { name: "Key insights" });
  await expect(insights.getByRole("listitem").first()).toBeVisible();
  const firstInsight = (await insights.getByRole("listitem").first().locator("p").first().innerText()).trim();
  expect(firstInsight.length).toBeGreaterThan(10);
  await expect(page.getByRole("list", { name: "Trending topics" }).getByRole("listitem").first()).toBeVisible();
  // Insights link to the items they came from.
  await expect(insights.getByRole("link").first()).toHaveAttribute("href", /^https:\/\/example\.com\//);
  await expect(page.getByRole("link", { name: "Make a video" })).toHaveAttribute("href", /\/create\?researchJob=/);

  // The direct form is filled with a spoken short written from the research items (hook,
  // points, takeaway, call to action), each line shown with its source.
  const gen = page.getByRole("form", { name: "Generate a video from this research" });
  const title = gen.getByLabel("Title");
  await expect(title).toHaveValue(/\S/, { timeout: 20_000 });
  const script = gen.getByLabel("Script");
  await expect(script).toHaveValue(/\S/);
  const lines = gen.getByRole("list", { name: "Sources of each line" });
  await expect(lines).toBeVisible();
  await expect(lines.getByRole("listitem").first()).toContainText("Hook:");
  await expect(lines.getByText(/^Source:/).first()).toBeVisible();
  const scriptText = await script.inputValue();
  // None of the analysis' internal wording reaches the presenter's mouth.
  expect(scriptText).not.toMatch(/\bitems\b|Manual input|\d+ of \d+|^\d+\. /m);
  expect(scriptText.split("\n\n").length).toBeGreaterThanOrEqual(4);
  // The create form's cost card (same /estimate endpoint, same component) shows before Generate.
  const estimate = gen.getByTestId("estimate");
  await expect(estimate.getByRole("list", { name: "Providers in the order they will be tried" }).getByRole("listitem").first()).toBeVisible({ timeout: 20_000 });
  await expect(estimate.getByTestId("reserve-amount")).toHaveText(/\$\d/);
  await shot(page, "research-04-analysis");
  await estimate.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/research-04b-estimate.png" });

  // Pick one insight and rewrite the script from it.
  await insights.getByRole("checkbox").first().check();
  await gen.getByRole("button", { name: "Rewrite from 1 selected" }).click();
  await expect(lines).toBeVisible();
  await expect(script).toHaveValue(/\S/);

  const jobUrl = page.url();
  await gen.getByRole("button", { name: /^Generate with / }).click();
  // Issue 17: like the create flow, generating opens the new video's page.
  await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await page.goto(jobUrl);
  const made = page.getByRole("list", { name: "Videos from this research" }).getByRole("link").first();
  await expect(made).toHaveAttribute("href", /\/videos\/[0-9a-f-]{36}$/);

  // Dark mode and phone width.
  await setTheme(page, true);
  await shot(page, "research-05-analysis-dark");
  await page.setViewportSize({ width: 390, height: 844 });
  await setTheme(page, false);
  await shot(page, "research-06-analysis-phone");
  await page.goto("/research");
  await shot(page, "research-07-list-phone");
  await setTheme(page, true);
  await shot(page, "research-08-list-phone-dark");
});

test("campaigns: create with a schedule preview, run now, pause and resume", async ({ page }) => {
  await signUp(page, "Casey Campaign", uniqueEmail("campaign"));
  await page.goto("/campaigns");
  await expect(page.getByText("No campaigns yet")).toBeVisible();
  await shot(page, "research-09-campaigns-empty");
  await page.getByRole("button", { name: "Create a campaign" }).click();

  const form = page.getByRole("form", { name: "New campaign" });
  await form.getByLabel("Campaign name").fill("Remote work daily");
  await form.getByLabel("Research configuration").selectOption({ label: "Paste notes instead…" });
  await form.getByLabel("Notes for this campaign").fill(NOTES);
  await form.getByLabel("Frequency").selectOption("weekly");
  await form.getByLabel(/Run at/).selectOption("8");
  // Issue 13: the campaign picks its own aspect, with the create form's labels.
  await form.getByLabel("Aspect ratio").selectOption({ label: "Feed · 4:5" });
  const preview = form.getByRole("list", { name: "Schedule preview" });
  await expect(preview.getByRole("listitem")).toHaveCount(3);
  await expect(preview.getByRole("listitem").first()).toContainText("8:00");
  await shot(page, "research-10-campaign-form");
  await form.getByRole("button", { name: "Create campaign" }).click();

  await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Remote work daily" })).toBeVisible();
  await expect(page.getByTestId("campaign-aspect")).toHaveText("Feed · 4:5");
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByText(/Run finished: \d+ videos? queued/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("list", { name: "Campaign videos" }).getByRole("listitem").first()).toBeVisible();
  // The run's status is derived from its videos (rendering, then completed).
  await expect(page.getByRole("list", { name: "Run history" }).getByText(/Rendering · \d+ of \d+ ready|Completed/).first()).toBeVisible();
  await shot(page, "research-11-campaign-detail");

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Campaign paused.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText("Campaign resumed.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();

  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, "research-11b-campaign-detail-1440");
  await setTheme(page, true);
  await shot(page, "research-12-campaign-detail-dark");
  await page.setViewportSize({ width: 390, height: 844 });
  await setTheme(page, false);
  await expect(page.getByTestId("campaign-aspect")).toHaveText("Feed · 4:5");
  await shot(page, "research-12b-campaign-detail-390");
  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByRole("form", { name: "Edit campaign" }).getByLabel("Aspect ratio")).toHaveValue("portrait_4x5");
  await shot(page, "research-12c-campaign-edit-390");
  await page.goto("/campaigns");
  await shot(page, "research-13-campaigns-phone");
});
