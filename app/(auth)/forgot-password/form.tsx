"use client";
import { useActionState } from "react";
import { requestResetAction, type ResetFormState } from "../actions";
import { Button, Field, Input } from "@/components/ui/primitives";

/** A plain POST form bound to a server action, so it works before hydration. */
export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ResetFormState, FormData>(requestResetAction, { errors: {} });
  if (state.done) {
    return (
      <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-700 dark:bg-slate-800 dark:text-slate-200">
        {state.done}
      </p>
    );
  }
  return (
    <form action={action} method="POST" noValidate className="space-y-5">
      <Field label="Email" id="email" error={state.errors.email}>
        <Input id="email" name="email" type="email" autoComplete="email" invalid={!!state.errors.email} placeholder="you@company.com" defaultValue={state.values?.email ?? ""} />
      </Field>
      {state.errors.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{state.errors.form}</p> : null}
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending ? "Sending…" : "Mail me a reset link"}
      </Button>
    </form>
  );
}
