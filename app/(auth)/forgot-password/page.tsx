import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "./form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="w-full max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Forgot your password?</h1>
      <p className="mb-8 mt-2 text-sm text-slate-600 dark:text-slate-300">Enter the address you sign in with; we mail you a link to choose a new password.</p>
      <ForgotPasswordForm />
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-300">
        Remembered it? <Link href="/sign-in" className="font-medium text-brand-700 hover:underline dark:text-brand-300">Sign in</Link>
      </p>
    </div>
  );
}
