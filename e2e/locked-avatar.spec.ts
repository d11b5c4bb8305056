import { test, expect, type Page } from "@playwright/test";
import { signUp, uniqueEmail, shot } from "./helpers";

/** Full-page shot with the viewport as tall as the page, so the fixed shell is drawn once, in place. */
async function snap(page: Page, name: string) {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 5000) });
  await page.waitForTimeout(150);
  await shot(page, name);
  await page.setViewportSize(size);
}

test("a free workspace sees Enterprise presenters locked and the API refuses them (403)", async ({ page }) => {
  await signUp(page, "Frida Free", uniqueEmail("locked"));
  await page.goto("/create");
  const presenters = page.getByRole("radiogroup", { name: "Presenter" });
  const sophia = presenters.getByRole("radio", { name: /^Sophia, enterprise presenter/ });
  const sarah = presenters.getByRole("radio", { name: /^Sarah, free presenter/ });
  await expect(sophia).toBeVisible();
  await expect(sophia).toHaveAttribute("aria-disabled", "true");
  await expect(sophia).toHaveAccessibleName(/locked: needs the Enterprise plan/);
  await expect(sophia.getByText("Enterprise needed")).toBeVisible();
  await expect(sarah).toHaveAttribute("aria-checked", "true");

  // Neither a click nor the keyboard selects it; the page says why.
  // aria-disabled makes Playwright wait for it to become enabled; force a real click instead.
  await sophia.click({ force: true });
  await expect(sophia).toHaveAttribute("aria-checked", "false");
  await expect(sarah).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText(/Sophia is an Enterprise presenter\. Your workspace is on the Free plan/)).toBeVisible();
  await sophia.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press(" ");
  await expect(sophia).toHaveAttribute("aria-checked", "false");
  await sophia.scrollIntoViewIfNeeded();
  await snap(page, "locked-01-sophia");

  // The server enforces it too, naming the plan.
  const res = await page.request.post("/api/v1/videos", {
    data: { title: "Hola", script: "Hola a todos. Esto es una prueba.", avatarProfileId: "sophia" },
  });
  expect(res.status()).toBe(403);
  const body = await res.json();
  expect(body.error.code).toBe("forbidden");
  expect(body.error.message).toMatch(/Enterprise/);
  expect(body.error.message).toMatch(/Free plan/);

  // And nothing was created.
  const list = await (await page.request.get("/api/v1/videos")).json();
  expect(list.total).toBe(0);
});
