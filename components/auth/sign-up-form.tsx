"use client";
import Link from "next/link";
import { useActionState } from "react";
import { signUpAction, type AuthFormState } from "@/app/(auth)/actions";
import { Button, Field, Input } from "@/components/ui/primitives";

/**
 * A plain POST form bound to a server action (works before hydration; the password stays
 * in the body). From an invitation link it carries the invite token and the invited address.
 */
export function SignUpForm({ invite }: { invite?: { token: string; email: string } }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, { errors: {} });
  const errors = state.errors;
  return (
    <form action={action} method="POST" noValidate className="space-y-5">
      {invite ? <input type="hidden" name="inviteToken" value={invite.token} /> : null}
      <Field label="Name" id="name" error={errors.name}>
        <Input id="name" name="name" autoComplete="name" invalid={!!errors.name} placeholder="Ada Lovelace" defaultValue={state.values?.name ?? ""} />
      </Field>
      <Field label="Email" id="email" error={errors.email}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          invalid={!!errors.email}
          placeholder="you@company.com"
          defaultValue={invite?.email ?? state.values?.email ?? ""}
          readOnly={!!invite}
        />
      </Field>
      <Field label="Password" id="password" error={errors.password} hint="At least 8 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" invalid={!!errors.password} />
      </Field>
      {errors.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.form}</p> : null}
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending ? "Creating your workspace…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        Already have an account? <Link href="/sign-in" className="font-medium text-brand-700 hover:underline dark:text-brand-300">Sign in</Link>
      </p>
    </form>
  );
}
