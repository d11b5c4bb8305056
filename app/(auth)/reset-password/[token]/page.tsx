import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { checkResetToken } from "@/lib/auth/password-reset";
import { isAppError } from "@/lib/errors";
import { ResetPasswordForm } from "./form";

export const metadata: Metadata = { title: "Choose a new password", robots: { index: false }, referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** Opening the link only checks it (mail scanners prefetch links); the POST uses it. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let email: string | null = null;
  let problem: string | null = null;
  try {
    ({ email } = await checkResetToken(token));
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    problem = isAppError(err) ? err.message : "This link could not be used.";
  }
  return (
    <div className="w-full max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">{email ? "Choose a new password" : "Link unavailable"}</h1>
      {email ? (
        <>
          <p className="mb-8 mt-2 text-sm text-slate-600 dark:text-slate-300">For {email}. Saving it signs you out on every device.</p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{problem}</p>
          <Link className="mt-4 inline-block font-medium text-brand-700 hover:underline dark:text-brand-300" href="/forgot-password">Mail me a new link</Link>
        </>
      )}
    </div>
  );
}
