/**
 * The Next.js side of the tenancy guard: reads the bearer key or the next-auth session from
 * the current request and hands it to contextForUser / contextForApiKey (lib/auth/context).
 */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";
import { bearerToken, contextForApiKey, contextForUser, unauthorized, WORKSPACE_COOKIE, type AuthContext } from "./context";

export async function getContext(): Promise<AuthContext | null> {
  const h = await headers();
  const key = bearerToken(h.get("authorization"));
  if (key) return contextForApiKey(key);
  const session = await getServerSession(authOptions());
  const su = session?.user as { id?: string; sv?: number } | undefined;
  if (!su?.id) return null;
  const requested = h.get("x-workspace-id") ?? (await cookies()).get(WORKSPACE_COOKIE)?.value;
  return contextForUser(su.id, requested, { version: su.sv ?? 0 });
}

export async function requireContext(): Promise<AuthContext> {
  const ctx = await getContext();
  if (!ctx) throw unauthorized();
  return ctx;
}

/**
 * For pages: signed-out visitors go to sign-in. (Next renders a layout and its page in
 * parallel, so the layout's redirect alone would still let the page throw.)
 */
export async function requirePageContext(): Promise<AuthContext> {
  const ctx = await getContext();
  if (!ctx) redirect("/sign-in");
  return ctx;
}
