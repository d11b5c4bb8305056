"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { WORKSPACE_COOKIE } from "@/lib/auth/context";
import { acceptInvite } from "@/lib/settings/members";
import { isAppError } from "@/lib/errors";
import { sessionVersionOf } from "@/lib/auth/session-version";

/** Accepts the invite for the signed-in user and opens the workspace they joined. */
export async function acceptInviteAction(_prev: { error?: string }, fd: FormData): Promise<{ error?: string }> {
  const token = String(fd.get("token") ?? "");
  const session = await getServerSession(authOptions());
  const su = session?.user as { id?: string; sv?: number } | undefined;
  // A session issued before a password reset is signed out here too (lib/auth/session-version).
  const uid = su?.id && (su.sv ?? 0) === (await sessionVersionOf(su.id)) ? su.id : undefined;
  if (!uid) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`);
  let workspaceId: string;
  try {
    ({ workspaceId } = await acceptInvite(uid, token));
  } catch (err) {
    if (isAppError(err)) return { error: err.message };
    throw err;
  }
  (await cookies()).set(WORKSPACE_COOKIE, workspaceId, { path: "/", sameSite: "lax", httpOnly: false });
  redirect("/?joined=1");
}
