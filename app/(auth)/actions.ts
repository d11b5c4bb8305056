"use server";
import { signUp } from "@/lib/auth/signup";
import type { FieldErrors } from "@/lib/auth/validation";

export async function signUpAction(input: { name: string; email: string; password: string }): Promise<{ ok: boolean; errors?: FieldErrors }> {
  const r = await signUp(input);
  return r.ok ? { ok: true } : { ok: false, errors: r.errors };
}
