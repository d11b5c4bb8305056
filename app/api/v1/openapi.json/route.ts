import { buildOpenApi, OPENAPI_ROUTE_SPEC } from "@/lib/api/openapi";
import { definePublicRoute } from "@/lib/http/handler";
import { specsOf } from "@/lib/api/specs";
import { ROUTE_MODULES } from "../routes";

export const dynamic = "force-dynamic";

export const GET = definePublicRoute(OPENAPI_ROUTE_SPEC, async () =>
  Response.json(buildOpenApi(specsOf(ROUTE_MODULES)), { headers: { "Cache-Control": "public, max-age=300" } }),
);
