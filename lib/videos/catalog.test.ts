/**
 * The one template lookup (db/queries/templates.ts findVisibleTemplate, behind resolveTemplate
 * for create/estimate/batches/campaigns and behind the templates API's ownership check):
 * built-ins and the workspace's own, by id or slug; another workspace's never. Real PostgreSQL.
 *
 * Mutations tried (each made this test fail, then was undone):
 * - templates.ts visibleTo: `eq(videoTemplates.workspaceId, workspaceId)` → `sql\`true\`` →
 *   B resolves A's template by id.
 * - findVisibleTemplate: the `orderBy(... is null)` removed → a built-in slug shadowed by the
 *   workspace's own template resolves to the built-in (on this server's row order).
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { insertTemplate } from "@/db/queries/templates";
import { SEED_TEMPLATES } from "@/db/seed-data";
import { newWorkspace } from "@/lib/testing/fixtures";
import { listTemplates, resolveTemplate } from "./catalog";

const own = (name: string, slug: string) => ({ slug, name, description: "", aspectRatio: "portrait" as const, background: { type: "color" as const, value: "#112233" } });

describe("resolveTemplate / listTemplates", () => {
  it("finds built-ins and the workspace's own by id or slug, never another workspace's", { timeout: 60_000 }, async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const builtin = SEED_TEMPLATES[0].slug;
    const mine = await insertTemplate(getDb(), a.workspace.id, own("Mine", "mine"));
    // A's own template with a built-in's slug wins over the built-in, for A only.
    const shadow = await insertTemplate(getDb(), a.workspace.id, own("Shadow", builtin));

    expect((await resolveTemplate(a.workspace.id, mine.id)).id).toBe(mine.id);
    expect((await resolveTemplate(a.workspace.id, "mine")).id).toBe(mine.id);
    expect((await resolveTemplate(a.workspace.id, builtin)).id).toBe(shadow.id);
    const seen = await resolveTemplate(b.workspace.id, builtin);
    expect(seen.workspaceId).toBeNull();
    expect((await resolveTemplate(b.workspace.id, seen.id)).id).toBe(seen.id);

    await expect(resolveTemplate(b.workspace.id, mine.id)).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("GET /api/v1/templates") });
    await expect(resolveTemplate(b.workspace.id, "mine")).rejects.toMatchObject({ code: "bad_request" });
    const listed = (await listTemplates(b.workspace.id)).map((t) => t.id);
    expect(listed).toContain(seen.id);
    expect(listed).not.toContain(mine.id);
  });
});
