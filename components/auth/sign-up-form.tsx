"use client";
import Link from "next/link";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { signUpAction } from "@/app/(auth)/actions";
import { Button, Field, Input } from "@/components/ui/primitives";
import type { FieldErrors } from "@/lib/auth/validation";

export function SignUpForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const input = { name: String(fd.get("name") ?? ""), email: String(fd.get("email") ?? ""), password: String(fd.get("password") ?? "") };
    setPending(true);
    setErrors({});
    try {
      const r = await signUpAction(input);
      if (!r.ok) {
        setErrors(r.errors ?? { form: "Could not create the account." });
        return;
      }
      const res = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (res?.error) {
        setErrors({ form: "Your account was created, but signing in failed. Try signing in." });
        return;
      }
      router.push("/");
      router.refresh();
    } catch {
      setErrors({ form: "We could not reach the server. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <Field label="Name" id="name" error={errors.name}>
        <Input id="name" name="name" autoComplete="name" invalid={!!errors.name} placeholder="Ada Lovelace" />
      </Field>
      <Field label="Email" id="email" error={errors.email}>
        <Input id="email" name="email" type="email" autoComplete="email" invalid={!!errors.email} placeholder="you@company.com" />
      </Field>
      <Field label="Password" id="password" error={errors.password} hint="At least 8 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" invalid={!!errors.password} />
      </Field>
      {errors.form ? <p role="alert" className="text-sm text-red-600">{errors.form}</p> : null}
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending ? "Creating your workspace…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-500">
        Already have an account? <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">Sign in</Link>
      </p>
    </form>
  );
}
