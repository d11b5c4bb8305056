import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/route";
import { runResearchJob } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const POST = authedRoute(async (_req, ctx, p) => {
  const job = await runResearchJob(ctx, p.id, { trigger: "manual" });
  return NextResponse.json({ id: job.id, name: job.name, status: job.status, createdAt: job.createdAt }, { status: 202 });
});
