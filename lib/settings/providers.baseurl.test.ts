/**
 * Provider base URLs at save time (issue 10, hole 1's second half): `file:` and `javascript:`
 * are refused with a field error (400 through the action), and so are credentials in the URL
 * and private/metadata literals; public https URLs are kept.
 */
import { describe, expect, it } from "vitest";
import { baseUrlProblem, parseProviderForm } from "./providers";

describe("provider base URL at save time", () => {
  it.each(["file:///etc/passwd", "javascript:alert(1)", "ftp://example.com", "data:text/html,x", "https://u:p@api.example.com", "http://169.254.169.254/", "http://[::1]:8080", "http://012.0.0.1/", "http://0xa9fea9fe/"])(
    "refuses %s",
    (url) => {
      // Mutation tried: baseUrlProblem returning null after the regex → the metadata/loopback rows pass.
      const r = parseProviderForm("heygen", { priority: "10", baseUrl: url });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.baseUrl).toBeTruthy();
    },
  );

  it("keeps a public https URL", () => {
    expect(baseUrlProblem("https://api.heygen.com")).toBeNull();
    const r = parseProviderForm("runway", { priority: "10", baseUrl: "https://api.dev.runwayml.com" });
    expect(r.ok && r.input.baseUrl).toBe("https://api.dev.runwayml.com");
  });
});
