import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default function SignInPage() {
  const oauth = [
    ...(process.env.GITHUB_ID ? [{ id: "github", name: "GitHub" }] : []),
    ...(process.env.GOOGLE_ID ? [{ id: "google", name: "Google" }] : []),
  ];
  return (
    <div className="w-full max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome back</h1>
      <p className="mb-8 mt-2 text-sm text-slate-500">Sign in to your studio.</p>
      <Suspense>
        <SignInForm oauth={oauth} />
      </Suspense>
    </div>
  );
}
