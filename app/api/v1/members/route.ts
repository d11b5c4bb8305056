import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/route";
import { inviteMember, membersOf } from "@/lib/workspaces";

export const GET = authedRoute(async (_req, ctx) => membersOf(ctx));
export const POST = authedRoute(async (req, ctx) => NextResponse.json(await inviteMember(ctx, await readJson(req)), { status: 201 }));
