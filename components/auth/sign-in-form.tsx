"use client";
import Link from "next/link";
import { useActionState } from "react";
import { signIn } from "next-auth/react";
import { signInAction, type AuthFormState } from "@/app/(auth)/actions";
import { Button, Field, Input } from "@/components/ui/primitives";

/**
 * A plain POST form bound to a server action: it works before hydration (and without JS),
 * and the password never lands in a URL. `callbackUrl` is re-checked on the server.
 */
export function SignInForm({ oauth, callbackUrl, notice }: { oauth: { id: string; name: string }[]; callbackUrl: string; notice?: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, { errors: {} });
  const errors = state.errors;
  return (
    <div className="space-y-5">
      {notice ? <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700 dark:bg-slate-800 dark:text-slate-200">{notice}</p> : null}
      <form action={action} method="POST" noValidate className="space-y-5">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field label="Email" id="email" error={errors.email}>
          <Input id="email" name="email" type="email" autoComplete="email" invalid={!!errors.email} placeholder="you@company.com" defaultValue={state.values?.email ?? ""} />
        </Field>
        <Field label="Password" id="password" error={errors.password}>
          <Input id="password" name="password" type="password" autoComplete="current-password" invalid={!!errors.password} />
        </Field>
        {errors.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p> : null}
        <Button type="submit" className="w-full" size="lg" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oauth.length ? (
        <div className="space-y-2">
          <div className="relative text-center text-xs uppercase text-slate-600 dark:text-slate-400"><span className="bg-slate-50 px-2 dark:bg-slate-950">or</span></div>
          {oauth.map((p) => (
            <Button key={p.id} type="button" variant="secondary" className="w-full" onClick={() => signIn(p.id, { callbackUrl })}>
              Continue with {p.name}
            </Button>
          ))}
        </div>
      ) : null}
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        New here? <Link href="/sign-up" className="font-medium text-brand-700 hover:underline dark:text-brand-300">Create an account</Link>
      </p>
    </div>
  );
}
