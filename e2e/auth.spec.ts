import { test, expect } from "@playwright/test";
import { signUp, uniqueEmail, shot } from "./helpers";

test("sign up, land on the dashboard, sign out, sign in again", async ({ page }) => {
  const email = uniqueEmail("ada");
  await page.goto("/sign-up");
  await shot(page, "01-sign-up");
  // Bad input is explained beside the field and creates nothing.
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();

  await signUp(page, "Ada Lovelace", email);
  await expect(page.getByRole("heading", { name: "Welcome, Ada" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Create" })).toBeVisible();
  await page.evaluate(() => {
    localStorage.setItem("theme", "light");
    document.documentElement.classList.remove("dark");
  });
  await shot(page, "02-dashboard-light");
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await shot(page, "03-dashboard-dark");
  await page.getByRole("button", { name: "Switch to light theme" }).click();

  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match")).toBeVisible();
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await expect(page.getByRole("heading", { name: "Welcome, Ada" })).toBeVisible();
});

test("a second user cannot see or fetch the first user's workspace (404)", async ({ browser }) => {
  const a = await browser.newContext();
  const pa = await a.newPage();
  await signUp(pa, "Alice Owner", uniqueEmail("alice"));
  const me = await (await pa.request.get("/api/v1/me")).json();
  const wsA = me.workspace.id as string;
  expect((await pa.request.get(`/api/v1/workspaces/${wsA}`)).status()).toBe(200);

  const b = await browser.newContext();
  const pb = await b.newPage();
  await signUp(pb, "Bob Other", uniqueEmail("bob"));
  const res = await pb.request.get(`/api/v1/workspaces/${wsA}`);
  expect(res.status()).toBe(404);
  expect(await res.text()).not.toContain("Alice");
  // Unauthenticated callers are told how to authenticate.
  const anonCtx = await browser.newContext();
  const anon = await anonCtx.request.get(`/api/v1/workspaces/${wsA}`);
  expect(anon.status()).toBe(401);
  await a.close();
  await b.close();
});
