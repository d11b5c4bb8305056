import { describe, it, expect } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { workspaceMembers } from "@/db/schema";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createApiKey, revokeApiKey } from "./api-keys";
import { bearerToken, contextForApiKey } from "./context";

describe("API keys", () => {
  it("resolve to the key's workspace and user, and stop working when revoked or the member leaves", async () => {
    const ctx = await newWorkspace();
    const a = await createApiKey(ctx.workspace.id, ctx.user.id, "CI");
    expect(a.key).toMatch(/^avs_/);
    expect(bearerToken(`Bearer ${a.key}`)).toBe(a.key);
    expect(await contextForApiKey(a.key)).toMatchObject({ user: { id: ctx.user.id }, workspace: { id: ctx.workspace.id }, role: "owner", via: "api_key" });
    expect(await contextForApiKey(`${a.key}x`)).toBeNull();

    await revokeApiKey(ctx.workspace.id, a.id);
    expect(await contextForApiKey(a.key)).toBeNull();

    const b = await createApiKey(ctx.workspace.id, ctx.user.id, "other");
    await getDb().delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, ctx.workspace.id), eq(workspaceMembers.userId, ctx.user.id)));
    expect(await contextForApiKey(b.key)).toBeNull();
  });
});
