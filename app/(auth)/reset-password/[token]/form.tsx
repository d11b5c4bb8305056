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
      <div className="flex items-start gap-2 text-sm">
        <input id="revokeApiKeys" name="revokeApiKeys" type="checkbox" defaultChecked className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600" aria-describedby="revokeApiKeys-hint" />
        <div>
          <label htmlFor="revokeApiKeys" className="font-medium">Also revoke all API keys</label>
          <p id="revokeApiKeys-hint" className="text-slate-600 dark:text-slate-400">
            Keys you created stop working at once. Untick to keep integrations running if you only forgot your password.
          </p>
        </div>
      </div>
      {state.errors.form ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{state.errors.form}</p> : null}
      <Button type="submit" className="w-full" size="lg" disabled={pending}>
        {pending ? "Saving…" : "Save new password"}
      </Button>
    </form>
  );
}
