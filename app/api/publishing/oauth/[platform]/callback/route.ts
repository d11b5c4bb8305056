/** The platform sends the user back here; errors go back to Settings → Connected accounts in words. */
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/route";
import { isAppError } from "@/lib/errors";
import { appUrl } from "@/lib/env";
import { isPlatform } from "@/lib/publishing/config";
import { completeConnect } from "@/lib/publishing/accounts";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (req, ctx, p) => {
  const back = new URL("/settings/accounts", appUrl());
  if (!isPlatform(p.platform)) {
    back.searchParams.set("error", "Unknown platform.");
    return NextResponse.redirect(back);
  }
  const q = new URL(req.url).searchParams;
  try {
    const a = await completeConnect({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, p.platform, {
      code: q.get("code"), state: q.get("state"), error: q.get("error"), errorDescription: q.get("error_description"),
    });
    back.searchParams.set("connected", a.displayName);
  } catch (e) {
    if (!isAppError(e)) throw e;
    back.searchParams.set("error", e.message);
  }
  return NextResponse.redirect(back);
});
