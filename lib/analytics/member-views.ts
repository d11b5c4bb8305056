/**
 * Views by the workspace's own people are not audience: a share-page load by a signed-in member
 * of the video's workspace is not recorded as a share view (issue 15, "numbers you can trust").
 * Anyone else (signed out, or signed in to other workspaces only) counts as before.
 */
import { getServerSession } from "next-auth";
import { getDb } from "@/db/client";
import { findMembership } from "@/db/queries/accounts";
import { authOptions } from "@/lib/auth/options";

/** Whether `userId` (null = signed out) belongs to `workspaceId`. */
export async function isWorkspaceMember(workspaceId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  return !!(await findMembership(getDb(), userId, workspaceId));
}

/** The signed-in user of the current request, if any (session cookie; never throws for a visitor). */
export async function sessionUserId(): Promise<string | null> {
  try {
    const s = await getServerSession(authOptions());
    return (s?.user as { id?: string } | undefined)?.id ?? null;
  } catch {
    return null;
  }
}

/** Whether a share-page view of a `workspaceId` video by the current request should be counted. */
export async function countsAsAudienceView(workspaceId: string): Promise<boolean> {
  return !(await isWorkspaceMember(workspaceId, await sessionUserId()));
}
