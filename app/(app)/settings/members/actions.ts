"use server";
/** Member and invite mutations for Settings → Members: parse, call lib/settings/members, return field errors. */
import { requireContext } from "@/lib/auth/session";
import { toActionResult } from "@/lib/settings/result";
import { changeMemberRole, inviteMember, removeMember, resendInvite, revokeInvite } from "@/lib/settings/members";

export async function inviteMemberAction(input: { email: string; role: string }) {
  return toActionResult(async () => inviteMember(await requireContext(), input));
}

export async function resendInviteAction(inviteId: string) {
  return toActionResult(async () => resendInvite(await requireContext(), inviteId));
}

export async function revokeInviteAction(inviteId: string) {
  return toActionResult(async () => revokeInvite(await requireContext(), inviteId));
}

export async function changeMemberRoleAction(userId: string, role: string) {
  return toActionResult(async () => changeMemberRole(await requireContext(), userId, { role }));
}

export async function removeMemberAction(userId: string) {
  return toActionResult(async () => removeMember(await requireContext(), userId));
}
