import { describe, expect, it } from "vitest";
import { REDDIT_USER_AGENT, isCompliantRedditUserAgent, redditUserAgent } from "./index";

describe("Reddit User-Agent", () => {
  // Mutation tried: falling back to ctx.userAgent / the old "+https://…" default → not compliant, fails here.
  it("defaults to Reddit's required <platform>:<app id>:<version> (by /u/<user>) form", () => {
    expect(isCompliantRedditUserAgent(REDDIT_USER_AGENT)).toBe(true);
    expect(redditUserAgent(undefined, {})).toBe(REDDIT_USER_AGENT);
  });

  // Mutation tried: ignoring env.REDDIT_USER_AGENT → the default comes back instead.
  it("takes REDDIT_USER_AGENT from the environment, and per-source credentials over it", () => {
    const env = { REDDIT_USER_AGENT: "server:acme-studio:v2.3 (by /u/acme_ops)" };
    expect(redditUserAgent(undefined, env)).toBe("server:acme-studio:v2.3 (by /u/acme_ops)");
    expect(redditUserAgent("web:other:1 (by /u/x)", env)).toBe("web:other:1 (by /u/x)");
  });

  it("refuses a non-compliant agent with a message saying what to fix", () => {
    expect(() => redditUserAgent(undefined, { REDDIT_USER_AGENT: "Mozilla/5.0" })).toThrow(/required form <platform>:<app id>:<version> \(by \/u\/<username>\).*REDDIT_USER_AGENT/);
    expect(isCompliantRedditUserAgent("server:app:v1 (+https://x)")).toBe(false);
  });
});
