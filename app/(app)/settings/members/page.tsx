import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { membersOf } from "@/lib/settings/members";
import { MembersPanel } from "@/components/settings/members-panel";

export const metadata: Metadata = { title: "Members · Settings" };

export default async function MembersSettingsPage() {
  const ctx = await requirePageContext();
  const { members, invites } = await membersOf(ctx);
  return (
    <MembersPanel
      initial={{ members, invites: invites.map((i) => ({ id: i.id, email: i.email, role: i.role, createdAt: i.createdAt })) }}
      canEdit={ctx.role !== "member"}
      currentUserId={ctx.user.id}
      currentRole={ctx.role}
    />
  );
}
