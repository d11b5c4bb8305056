"use server";
/**
 * The auth forms post here (plain form posts that work before hydration): parse, call
 * lib/auth, start the session, redirect to a same-site path.
 */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authenticate, clientAddressFrom } from "@/lib/auth/credentials";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { startSession } from "@/lib/auth/session-cookie";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { signUp } from "@/lib/auth/signup";
import type { FieldErrors } from "@/lib/auth/validation";

export interface AuthFormState {
  errors: FieldErrors;
  /** What the user typed (never the password), to refill the form after an error. */
  values?: { name?: string; email?: string };
}

const field = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === "string" ? v : "";
};

export async function signInAction(_prev: AuthFormState, fd: FormData): Promise<AuthFormState> {
  const email = field(fd, "email").trim();
  const password = field(fd, "password");
  const errors: FieldErrors = {};
  if (!email) errors.email = "Enter your email address.";
  if (!password) errors.password = "Enter your password.";
  if (errors.email || errors.password) return { errors, values: { email } };
  const r = await authenticate({ email, password, clientAddress: clientAddressFrom(await headers()) });
  if (!r.ok) return { errors: r.reason === "throttled" ? { form: r.message } : { password: r.message }, values: { email } };
  await startSession(r.user);
  redirect(safeCallbackPath(field(fd, "callbackUrl")));
}

export async function signUpAction(_prev: AuthFormState, fd: FormData): Promise<AuthFormState> {
  const input = { name: field(fd, "name"), email: field(fd, "email"), password: field(fd, "password"), inviteToken: field(fd, "inviteToken") || undefined };
  const r = await signUp(input);
  if (!r.ok) return { errors: r.errors, values: { name: input.name, email: input.email } };
  await startSession({ id: r.userId, email: input.email.trim().toLowerCase(), name: input.name.trim() });
  redirect(input.inviteToken ? "/?joined=1" : "/?welcome=1");
}

export interface ResetFormState {
  errors: FieldErrors;
  values?: { email?: string };
  /** Set once the request was accepted: the same words whether or not the account exists. */
  done?: string;
}

export async function requestResetAction(_prev: ResetFormState, fd: FormData): Promise<ResetFormState> {
  const email = field(fd, "email").trim();
  const r = await requestPasswordReset({ email, clientAddress: clientAddressFrom(await headers()) });
  if (!r.ok) return { errors: { [r.field]: r.message }, values: { email } };
  // The mail is not awaited (see password-reset.ts); its failure is logged there.
  return { errors: {}, values: { email }, done: r.message };
}

export async function resetPasswordAction(_prev: ResetFormState, fd: FormData): Promise<ResetFormState> {
  // An unticked checkbox is not submitted at all: absent means "keep the keys".
  const r = await resetPassword({ token: field(fd, "token"), password: field(fd, "password"), confirm: field(fd, "confirm"), revokeApiKeys: field(fd, "revokeApiKeys") === "on" });
  if (!r.ok) return { errors: { [r.field]: r.message } };
  redirect("/sign-in?reset=1");
}
