import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/route";
import { handleProviderCallback } from "@/lib/videos/callbacks";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** Provider callbacks: matched to our attempt (signed ones verified), then the worker polls the provider for real. */
export async function POST(req: Request, { params }: { params: Promise<{ provider: string }> }) {
  try {
    const { provider } = await params;
    // Only a real PostgreSQL has separate worker processes to reach.
    const r = await handleProviderCallback(provider, req, { crossProcess: !!env().DATABASE_URL && !process.env.AVS_EMBEDDED_DB });
    return NextResponse.json(r, { status: r.accepted ? 200 : 202 });
  } catch (err) {
    return errorResponse(err);
  }
}
