import { NextResponse } from "next/server";
import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const h = await health();
  const headers: Record<string, string> = h.retryAfterSeconds ? { "Retry-After": String(h.retryAfterSeconds) } : {};
  return NextResponse.json(h, { status: h.status === "ok" ? 200 : 503, headers });
}
