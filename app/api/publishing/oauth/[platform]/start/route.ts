/** Starts connecting a platform account: redirects to the platform's consent page. */
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/route";
import { requireRole } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { isPlatform } from "@/lib/publishing/config";
import { startConnect } from "@/lib/publishing/accounts";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_req, ctx, p) => {
  if (!isPlatform(p.platform)) throw new AppError("not_found", "Unknown platform; use tiktok, instagram or youtube.");
  requireRole(ctx, ["owner", "admin"]);
  return NextResponse.redirect(await startConnect({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, p.platform));
});
