/**
 * Provider HTTP goes through the egress guard: a workspace-chosen base URL on a private address
 * gets nothing (not even the request), an operator-configured env host is trusted.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadToFile, providerEgress, requestJson } from "@/lib/providers/http";
import { ProviderError } from "@/lib/providers/types";
import os from "node:os";
import path from "node:path";

const STRICT = { policy: { allowPrivate: false, allowHosts: [] } };

describe("provider http egress", () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  let lastKey: string | undefined;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      lastKey = req.headers["x-api-key"] as string | undefined;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it("refuses a private workspace base URL before sending the key", async () => {
    // Mutation tried: requestJson calling plain fetch again → the fake sees the key and answers 200.
    const before = hits;
    const err = await requestJson({ provider: "heygen", url: `http://127.0.0.1:${port}/v2/user/remaining_quota`, headers: { "x-api-key": "sk_operator_secret" }, secrets: ["sk_operator_secret"], what: "test connection", egress: STRICT }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/address is not allowed/);
    expect(err.message).not.toContain("sk_operator_secret");
    expect(hits).toBe(before);
    expect(lastKey).toBeUndefined();
  });

  it("refuses a result download from a metadata address", async () => {
    const err = await downloadToFile({ provider: "runway", url: "http://169.254.169.254/latest/meta-data/iam", destPath: path.join(os.tmpdir(), `egress-${process.pid}.mp4`), secrets: [], egress: STRICT }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toMatch(/address is not allowed/);
  });

  it("trusts the operator's env base URL host even when private", async () => {
    const prev = process.env.HEYGEN_BASE_URL;
    const prevAllow = process.env.EGRESS_ALLOW_HOSTS;
    process.env.HEYGEN_BASE_URL = `http://127.0.0.1:${port}`;
    try {
      const eg = providerEgress();
      expect(eg.policy!.allowHosts).toContainEqual({ host: "127.0.0.1", port: String(port) });
      const res = await requestJson({ provider: "heygen", url: `http://127.0.0.1:${port}/v2/user/remaining_quota`, secrets: [], what: "quota", egress: { policy: { allowPrivate: false, allowHosts: eg.policy!.allowHosts.filter((h) => h.port !== null) } } });
      expect(res.status).toBe(200);
    } finally {
      if (prev === undefined) delete process.env.HEYGEN_BASE_URL;
      else process.env.HEYGEN_BASE_URL = prev;
      if (prevAllow !== undefined) process.env.EGRESS_ALLOW_HOSTS = prevAllow;
    }
  });
});
