"use client";
import { useActionState } from "react";
import { resetPasswordAction, type ResetFormState } from "../../actions";
import { Button, Field, Input } from "@/components/ui/primitives";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ResetFormState, FormData>(resetPasswordAction, { errors: {} });
  return (
    <form action={action} method="POST" noValidate className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <Field label="New password" id="password" error={state.errors.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" invalid={!!state.errors.password} />
      </Field>
      <Field label="New password again" id="confirm">
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" />
      </Field>
      {state.errors.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{state.errors.form}</p> : null}
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending ? "Saving…" : "Save new password"}
      </Button>
    </form>
  );
}
