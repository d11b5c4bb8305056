import { describe, it, expect } from "vitest";
import fs from "node:fs";
import { ENV_DOCS, parseEnv } from "./env";

describe("configuration", () => {
  it("README's configuration table lists exactly the variables lib/env.ts documents", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const table = readme.split("<!-- env-table:start -->")[1].split("<!-- env-table:end -->")[0];
    const inReadme = [...table.matchAll(/^\| `([A-Z0-9_]+)` \| (.*) \|$/gm)].map((m) => [m[1], m[2].replace(/\\\|/g, "|")]);
    expect(Object.fromEntries(inReadme)).toEqual(ENV_DOCS);
  });

  it("explains each bad value on its own line", () => {
    let message = "";
    try {
      parseEnv({ PORT: "abc", DATABASE_URL: "mysql://x", APP_SECRET: "short" });
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split("\n");
    expect(lines.some((l) => /^ {2}PORT: /.test(l))).toBe(true);
    expect(lines).toContain("  DATABASE_URL: must start with postgres:// or postgresql://");
    expect(lines).toContain("  APP_SECRET: must be at least 32 characters (try: openssl rand -hex 32)");
    expect(() => parseEnv({ STORAGE_DRIVER: "s3" })).toThrow(/S3_BUCKET: required when STORAGE_DRIVER=s3/);
  });

  it("defaults to the embedded database, the local worker and disk storage", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.WORKER).toBe("on");
    expect(e.STORAGE_DRIVER).toBe("disk");
  });
});
