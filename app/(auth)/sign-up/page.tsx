import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <div className="w-full max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Create your account</h1>
      <p className="mb-8 mt-2 text-sm text-slate-600 dark:text-slate-400">Free plan includes three presenters and the local studio. We mail you a link to confirm your address.</p>
      <SignUpForm />
    </div>
  );
}
