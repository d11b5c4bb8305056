import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/redirect";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** next-auth's error codes (from OAuth redirects) in words a user can act on. */
const NOTICES: Record<string, string> = {
  OAuthAccountNotLinked: "That address already has an account; sign in with its password first.",
  AccessDenied: "Access was denied. Try again, or use your email and password.",
  SessionRequired: "Sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const callbackUrl = safeCallbackPath(one(sp.callbackUrl));
  const error = one(sp.error);
  const notice = error
    ? (NOTICES[error] ?? "Signing in did not work; try again.")
    : one(sp.verified)
      ? "Your email is confirmed. Sign in to continue."
      : one(sp.reset)
        ? "Your password is changed and every other session is signed out. Sign in with the new password."
        : undefined;
  const oauth = [
    ...(process.env.GITHUB_ID ? [{ id: "github", name: "GitHub" }] : []),
    ...(process.env.GOOGLE_ID ? [{ id: "google", name: "Google" }] : []),
  ];
  return (
    <div className="w-full max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome back</h1>
      <p className="mb-8 mt-2 text-sm text-slate-600 dark:text-slate-400">Sign in to your studio.</p>
      <SignInForm oauth={oauth} callbackUrl={callbackUrl} notice={notice} />
      <p className="mt-4 text-center text-sm text-slate-600 dark:text-slate-300">
        <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline dark:text-brand-300">Forgot password?</Link>
      </p>
    </div>
  );
}
