import fs from "node:fs";
import path from "node:path";
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

/** The reset link mailed to `to`, read from the app's outbox (no SMTP_URL in e2e). */
function mailedResetLink(to: string): string | null {
  const dir = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e", "outbox");
  let files: string[] = [];
  try {
    files = fs.readdirSync(dir).sort();
  } catch {
    return null;
  }
  for (const f of files.reverse()) {
    const raw = fs.readFileSync(path.join(dir, f), "utf8");
    if (!raw.includes(`To: ${to}`)) continue;
    const m = /https?:\/\/\S+?(\/reset-password\/[A-Za-z0-9_-]+)/.exec(raw);
    if (m) return m[1];
  }
  return null;
}

test("forgot password: mailed single-use link, new password, old sessions signed out", async ({ browser }) => {
  const email = uniqueEmail("forgot");
  const old = await browser.newContext();
  const oldPage = await old.newPage();
  await signUp(oldPage, "Fay Forgetful", email, "old-password-1");

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await page.waitForURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill("nope");
  await page.getByRole("button", { name: "Mail me a reset link" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Mail me a reset link" }).click();
  const done = page.getByRole("status").filter({ hasText: "If an account uses that address" });
  await expect(done).toBeVisible();
  await shot(page, "auth-forgot-sent");

  // The mail is handed off without being awaited (no timing oracle): wait for it to land.
  await expect.poll(() => mailedResetLink(email), { timeout: 30_000 }).not.toBeNull();
  const link = mailedResetLink(email)!;
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("new-password-2");
  await page.getByLabel("New password again").fill("new-password-2");
  await shot(page, "auth-reset-form");
  await page.getByRole("button", { name: "Save new password" }).click();
  await page.waitForURL(/\/sign-in\?reset=1/);
  await expect(page.getByText("Your password is changed")).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("new-password-2");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/");

  // The session from before the reset is signed out.
  await oldPage.goto("/");
  await oldPage.waitForURL(/\/sign-in/);
  // The link works once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Link unavailable" })).toBeVisible();
  await expect(page.getByText("already used")).toBeVisible();
  await old.close();
  await ctx.close();
});
