import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { previewInvite } from "@/lib/settings/members";
import { isAppError } from "@/lib/errors";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };
export const dynamic = "force-dynamic";

/** The mailed invitation link: shows what it is for; joining takes a POST (mail scanners only GET). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let invite: Awaited<ReturnType<typeof previewInvite>>;
  try {
    invite = await previewInvite(token);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    return (
      <div className="w-full max-w-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Invitation unavailable</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{isAppError(err) ? err.message : "This invitation could not be opened."}</p>
      </div>
    );
  }
  const session = await getServerSession(authOptions());
  const signedInAs = session?.user?.email?.toLowerCase();
  const here = `/invite/${token}`;
  return (
    <div className="w-full max-w-sm space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Join {invite.workspaceName}</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          {invite.inviterName ?? "A workspace admin"} invited <strong>{invite.email}</strong> as {invite.role === "admin" ? "an admin" : "a member"}.
        </p>
      </div>
      {signedInAs === invite.email ? (
        <AcceptInviteForm token={token} workspaceName={invite.workspaceName} />
      ) : signedInAs ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          You are signed in as {signedInAs}. This invitation is for {invite.email}:{" "}
          <Link className="font-medium text-brand-700 hover:underline dark:text-brand-300" href={`/api/auth/signout?callbackUrl=${encodeURIComponent(here)}`}>sign out</Link> and sign in with that address.
        </p>
      ) : invite.hasAccount ? (
        <Link className="brand-gradient flex h-12 items-center justify-center rounded-lg text-white" href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>
          Sign in as {invite.email} to join
        </Link>
      ) : (
        <SignUpForm invite={{ token, email: invite.email }} />
      )}
    </div>
  );
}
