/**
 * The webhooks section of the OpenAPI document pins the contract: the envelope fields
 * lib/webhooks builds, a schema per event, the headers, and a signature vector that the real
 * verifier accepts (so a receiver can test theirs against the document).
 *
 * Mutation tried: the documented vector's header changed by one hex digit → verifySignature
 * refuses it and the test fails.
 */
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { ROUTE_MODULES } from "@/app/api/v1/routes";
import { WEBHOOK_EVENTS } from "@/lib/webhooks";
import { verifySignature } from "@/lib/webhooks/sign";
import { WEBHOOK_SIGNATURE_VECTOR, buildOpenApi } from "./openapi";
import { specsOf } from "./specs";

describe("OpenAPI webhooks section", () => {
  it("documents every event with the envelope, headers and a verifiable signature vector", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walked field by field
    const doc = buildOpenApi(specsOf(ROUTE_MODULES)) as any;
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    for (const e of WEBHOOK_EVENTS) {
      const op = doc.webhooks[e].post;
      expect(op.requestBody.content["application/json"].schema.required).toEqual(["id", "type", "createdAt", "workspaceId", "data"]);
      expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(["X-Avs-Event", "X-Avs-Delivery", "X-Avs-Signature"]);
      const v = op["x-signature-test-vector"];
      expect(verifySignature(v.secret, v.body, v.header, 300, v.timestamp * 1000)).toBe(true);
    }
    expect(doc.webhooks["budget.alert"].post.requestBody.content["application/json"].schema.properties.data.required).toContain("capCents");
    const res = await new Validator().validate(doc);
    expect(res.errors ?? []).toEqual([]);
    expect(WEBHOOK_SIGNATURE_VECTOR.header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });
});
