/**
 * Issue 12: presenters imported from a connected HeyGen account (the fake, which follows HeyGen's
 * v3 spec — see e2e/fakes/providers/heygen.ts) appear in the create page carousel next to the
 * built-in ones. The fake runs in this process on an ephemeral port; e2e/start-server.sh lets the
 * app reach 127.0.0.1 (EGRESS_ALLOW_HOSTS) for exactly these fakes.
 */
import { test, expect } from "@playwright/test";
import { startHeygenFake, type HeygenFake } from "./fakes/providers/heygen";
import { shot, signUp, uniqueEmail } from "./helpers";

let fake: HeygenFake;
test.beforeAll(async () => {
  fake = await startHeygenFake();
});
test.afterAll(async () => {
  await fake?.close();
});

test("connect HeyGen, import its presenters, see them in the carousel next to the built-ins", async ({ page }) => {
  await signUp(page, "Cat Catalog", uniqueEmail("catalog"));
  await page.goto("/settings/providers");
  const heygen = page.getByRole("region", { name: "HeyGen" });
  await heygen.getByLabel("API key").fill(fake.apiKey);
  await heygen.getByText("Advanced: cost model and base URL").click();
  await heygen.getByLabel("Base URL").fill(fake.baseUrl);
  await heygen.getByRole("button", { name: "Save HeyGen" }).click();
  await expect(page.getByText("HeyGen settings saved.")).toBeVisible();

  // The check runs against the fake: key accepted (GET /v3/users/me, no spend).
  await heygen.getByRole("button", { name: "Check", exact: true }).click();
  await expect(heygen.getByRole("status")).toContainText("Connected.", { timeout: 30_000 });

  await heygen.getByRole("button", { name: "Import presenters" }).click();
  // The fake account has two ready looks and a photo avatar; the one still training is skipped.
  await expect(page.getByText(/Imported 3 HeyGen presenters/)).toBeVisible({ timeout: 30_000 });
  expect(fake.requests.some((r) => r.method === "GET" && r.path === "/v3/avatars/looks")).toBe(true);
  expect(fake.requests.some((r) => r.method === "GET" && r.path === "/v3/voices")).toBe(true);

  await page.goto("/create");
  const carousel = page.getByRole("radiogroup", { name: "Presenter" });
  // Built-in presenters and the imported looks side by side (imported ones are Pro, so locked on Free).
  await expect(carousel.getByRole("radio", { name: /^Sarah, free presenter/ })).toBeVisible();
  await expect(carousel.getByRole("radio", { name: /^Angela in T-shirt, pro presenter/ })).toBeAttached();
  await expect(carousel.getByRole("radio", { name: /^Tyler in Casual Suit, pro presenter/ })).toBeAttached();
  await expect(carousel.getByRole("radio", { name: /^Lisa \(photo\), pro presenter/ })).toBeAttached();
  await expect(carousel.getByRole("radio", { name: /Still training/ })).toHaveCount(0);
  const imported = carousel.getByRole("radio", { name: /^Angela in T-shirt/ });
  await imported.scrollIntoViewIfNeeded();
  await shot(page, "providers-catalog-carousel");
});
