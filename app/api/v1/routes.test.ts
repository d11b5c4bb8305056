/**
 * The API's description cannot drift: every route file under app/api/v1 is indexed in
 * routes.ts, guarded by defineRoute (its `.spec`), declares the path its file lives at, and is
 * in the OpenAPI document, which a real OpenAPI 3.1 validator accepts.
 */
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { buildOpenApi } from "@/lib/api/openapi";
import { openApiPathOf, routeFilesOnDisk } from "@/lib/api/route-files";
import { METHODS, specsOf } from "@/lib/api/specs";
import type { GuardedRoute } from "@/lib/http/handler";
import { ROUTE_MODULES } from "./routes";
import { GET as openapiRoute } from "./openapi.json/route";

/** Routes that are not part of the workspace API's index (the document describes itself). */
const INDEPENDENT = new Set(["openapi.json/route.ts"]);

describe("route index and OpenAPI document", () => {
  it("every route file on disk is indexed and every exported method is a guarded route at its file's path", () => {
    // Mutation tried: deleting one line of routes.ts → "missing from routes.ts" fails here.
    const files = routeFilesOnDisk().filter((f) => !INDEPENDENT.has(f));
    expect(files.filter((f) => !(f in ROUTE_MODULES))).toEqual([]);
    for (const [file, mod] of Object.entries(ROUTE_MODULES)) {
      const methods = METHODS.filter((m) => m in mod);
      expect(methods.length, file).toBeGreaterThan(0);
      for (const m of methods) {
        const h = mod[m] as GuardedRoute;
        expect(h.spec, `${m} ${file} must use defineRoute`).toBeDefined();
        expect(h.spec.method, `${m} ${file}`).toBe(m);
        expect(h.spec.path, `${m} ${file}`).toBe(openApiPathOf(file));
        // Every `{id}` path is validated by a params schema (bad ids → 404, never a DB error).
        if (h.spec.path.includes("{")) expect(h.spec.params, `${m} ${file} needs params`).toBeDefined();
      }
    }
  });

  it("describes every route and passes a real OpenAPI 3.1 validator", async () => {
    const doc = buildOpenApi(specsOf(ROUTE_MODULES)) as { paths: Record<string, Record<string, unknown>> };
    for (const file of routeFilesOnDisk()) {
      const p = `/api/v1${openApiPathOf(file)}`;
      expect(doc.paths[p], `${file} is not in the OpenAPI document`).toBeDefined();
    }
    // Conventions the document promises: Idempotency-Key on creates, Retry-After on 429/503.
    const create = doc.paths["/api/v1/videos"].post as { parameters: { name: string }[]; responses: Record<string, { headers?: object }> };
    expect(create.parameters.map((p) => p.name)).toContain("Idempotency-Key");
    expect(create.responses["429"].headers).toHaveProperty("Retry-After");
    expect(create.responses["503"].headers).toHaveProperty("Retry-After");
    const res = await new Validator().validate(doc as never);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    // The validator is real: a document with a broken operation is refused.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const broken = structuredClone(doc) as any;
    broken.paths["/api/v1/videos"].post.responses = "nope";
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("is served at /api/v1/openapi.json without signing in", async () => {
    const res = await openapiRoute(new Request("http://studio.test/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/videos/{id}");
  });
});
