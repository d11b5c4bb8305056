import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { verifyEmail } from "@/lib/auth/verify-email";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Confirm email", robots: { index: false } };
export const dynamic = "force-dynamic";

/** The mailed verification link. Opening it is the proof, so it is used on GET. */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let result: { email: string } | null = null;
  let problem: string | null = null;
  try {
    result = await verifyEmail(token);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    problem = isAppError(err) ? err.message : "This link could not be used.";
  }
  return (
    <div className="w-full max-w-sm space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">{result ? "Email confirmed" : "Link unavailable"}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">{result ? `${result.email} is confirmed. Thank you.` : problem}</p>
      <Link className="font-medium text-brand-700 hover:underline dark:text-brand-300" href="/">Open the studio</Link>
    </div>
  );
}
