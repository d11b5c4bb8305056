"use client";
import { useActionState } from "react";
import { acceptInviteAction } from "@/app/(auth)/invite/actions";
import { Button } from "@/components/ui/primitives";

export function AcceptInviteForm({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [state, action, pending] = useActionState<{ error?: string }, FormData>(acceptInviteAction, {});
  return (
    <form action={action} method="POST" className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state.error ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{state.error}</p> : null}
      <Button type="submit" size="lg" className="w-full" disabled={pending}>{pending ? "Joining…" : `Join ${workspaceName}`}</Button>
    </form>
  );
}
