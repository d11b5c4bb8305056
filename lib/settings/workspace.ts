/** The workspace's own settings: name, time zone (budgets and schedules roll over in it), media retention. */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";

export interface WorkspaceSettings {
  id: string;
  name: string;
  plan: "free" | "pro" | "enterprise";
  timezone: string;
  retentionDays: number;
}

let zones: string[] | undefined;

/** Every IANA zone this runtime knows, UTC first. */
export function timeZones(): string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return zones;
}

export function isTimeZone(tz: string): boolean {
  if (timeZones().includes(tz)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const workspaceSettingsInput = z.object({
  name: z.string().trim().min(1, "Enter a name for the workspace.").max(80, "Use at most 80 characters for the name."),
  timezone: z.string().trim().refine(isTimeZone, "Pick a time zone from the list, like Europe/Berlin."),
  retentionDays: z.coerce
    .number({ error: "Enter a number of days, like 90." })
    .int("Enter a whole number of days, like 90.")
    .min(1, "Keep media for at least 1 day.")
    .max(3650, "Keep media for at most 3650 days (10 years)."),
});

export async function getWorkspaceSettings(workspaceId: string): Promise<WorkspaceSettings> {
  const [w] = await getDb()
    .select({ id: workspaces.id, name: workspaces.name, plan: workspaces.plan, timezone: workspaces.timezone, retentionDays: workspaces.retentionDays })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!w) throw new AppError("not_found", "Workspace not found.");
  return w;
}

export async function updateWorkspaceSettings(ctx: AuthContext, input: unknown): Promise<WorkspaceSettings> {
  requireRole(ctx, ["owner", "admin"]);
  const v = workspaceSettingsInput.parse(input);
  const [w] = await getDb()
    .update(workspaces)
    .set({ name: v.name, timezone: v.timezone, retentionDays: v.retentionDays })
    .where(eq(workspaces.id, ctx.workspace.id))
    .returning({ id: workspaces.id, name: workspaces.name, plan: workspaces.plan, timezone: workspaces.timezone, retentionDays: workspaces.retentionDays });
  if (!w) throw new AppError("not_found", "Workspace not found.");
  return w;
}
