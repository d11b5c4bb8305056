/**
 * Settings → Templates (issue 14): create a template with its music bed, volume and the brand
 * switch, edit it, delete it; built-ins are listed read-only. Settings → Brand: the logo picker
 * is a labelled drop zone that names the chosen file and previews it.
 * Screenshots at 1440 and 390 px wide go to test-results/screenshots (and /work/artifacts when present).
 */
import fs from "node:fs";
import path from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const ART = "/work/artifacts/s21/h14b";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function widths(page: Page, name: string) {
  for (const [w, h] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    const file = `test-results/screenshots/${name}-${w}.png`;
    await page.screenshot({ path: file, fullPage: true });
    if (fs.existsSync(path.dirname(ART))) {
      fs.mkdirSync(ART, { recursive: true });
      fs.copyFileSync(file, path.join(ART, `${name}-${w}.png`));
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("templates: add one with music and brand off, edit it, delete it; brand logo drop zone", async ({ page }) => {
  await signUp(page, "Tia Templates", uniqueEmail("templates"));
  await page.goto("/settings/brand");
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Templates" }).click();
  await page.waitForURL((u) => u.pathname === "/settings/templates");
  await expect(page.getByRole("region", { name: "Built-in" }).getByTestId("template-card").first()).toBeVisible();

  await page.getByRole("button", { name: "New template" }).click();
  const form = page.getByRole("form", { name: "New template" });
  await form.getByLabel("Name").fill("Weekly tech brief");
  await form.getByLabel("Aspect").selectOption("landscape");
  await form.getByLabel("Music bed").selectOption("upbeat");
  await form.getByLabel(/Music volume/).fill("-14");
  await form.getByRole("switch", { name: "Use brand kit" }).click();
  await widths(page, "templates-form");
  await form.getByRole("button", { name: "Add template" }).click();

  const mine = page.getByRole("region", { name: "Your templates" });
  const card = mine.getByTestId("template-card").filter({ hasText: "Weekly tech brief" });
  await expect(card).toContainText("Upbeat at -14 dB");
  await expect(card).toContainText("Brand kit off");
  await expect(card).toContainText("Landscape 16:9");
  await widths(page, "templates-list");

  await card.getByRole("button", { name: "Edit Weekly tech brief" }).click();
  const edit = page.getByRole("form", { name: "Edit template" });
  await edit.getByLabel("Music bed").selectOption("none");
  await edit.getByRole("button", { name: "Save template" }).click();
  await expect(card).toContainText("No music");

  page.once("dialog", (d) => void d.accept());
  await card.getByRole("button", { name: "Delete Weekly tech brief" }).click();
  await expect(mine.getByTestId("template-card")).toHaveCount(0);

  // Brand: the logo input is reachable by keyboard and its drop zone names the file.
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Brand" }).click();
  await page.waitForURL((u) => u.pathname === "/settings/brand");
  await expect(page.getByTestId("brand-logo-name")).toHaveText("Choose a logo");
  await page.locator("#brand-logo").setInputFiles({ name: "acme-logo.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("brand-logo-name")).toHaveText("acme-logo.png");
  await page.locator("#brand-logo").focus();
  await expect(page.locator("#brand-logo")).toBeFocused();
  await widths(page, "brand-logo");
});
