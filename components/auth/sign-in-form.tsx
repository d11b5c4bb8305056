"use client";
import Link from "next/link";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { Button, Field, Input } from "@/components/ui/primitives";

export function SignInForm({ oauth }: { oauth: { id: string; name: string }[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const [errors, setErrors] = useState<{ email?: string; password?: string; form?: string }>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const email = String(fd.get("email") ?? "").trim();
    const password = String(fd.get("password") ?? "");
    const next: typeof errors = {};
    if (!email) next.email = "Enter your email address.";
    if (!password) next.password = "Enter your password.";
    setErrors(next);
    if (next.email || next.password) return;
    setPending(true);
    const res = await signIn("credentials", { email, password, redirect: false });
    setPending(false);
    if (!res || res.error) {
      setErrors({ password: "That email and password do not match. Check both, or create an account." });
      return;
    }
    const target = params.get("callbackUrl");
    router.push(target && target.startsWith("/") ? target : "/");
    router.refresh();
  }

  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} noValidate className="space-y-5">
        <Field label="Email" id="email" error={errors.email}>
          <Input id="email" name="email" type="email" autoComplete="email" invalid={!!errors.email} placeholder="you@company.com" />
        </Field>
        <Field label="Password" id="password" error={errors.password}>
          <Input id="password" name="password" type="password" autoComplete="current-password" invalid={!!errors.password} />
        </Field>
        {errors.form ? <p role="alert" className="text-sm text-red-600">{errors.form}</p> : null}
        <Button type="submit" className="w-full" size="lg" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oauth.length ? (
        <div className="space-y-2">
          <div className="relative text-center text-xs uppercase text-slate-400"><span className="bg-slate-50 px-2 dark:bg-slate-950">or</span></div>
          {oauth.map((p) => (
            <Button key={p.id} variant="secondary" className="w-full" onClick={() => signIn(p.id, { callbackUrl: "/" })}>
              Continue with {p.name}
            </Button>
          ))}
        </div>
      ) : null}
      <p className="text-center text-sm text-slate-500">
        New here? <Link href="/sign-up" className="font-medium text-brand-600 hover:underline">Create an account</Link>
      </p>
    </div>
  );
}
