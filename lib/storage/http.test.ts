import { describe, it, expect } from "vitest";
import { storage } from "./index";
import { parseRange, serveObject, contentDisposition, filenameFor } from "./http";

describe("media over HTTP", () => {
  it("parses byte ranges, including suffix and open-ended forms", () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=95-500", 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange("bytes=100-", 100)).toBe("invalid");
    expect(parseRange("bytes=5-2", 100)).toBe("invalid");
    expect(parseRange("items=0-1", 100)).toBe("invalid");
  });

  it("answers 206 with exactly the requested bytes, 200 for the whole file and 416 for a bad range", async () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    await storage().putBuffer("test/range.mp4", data, "video/mp4");
    const partial = await serveObject(new Request("http://x/", { headers: { range: "bytes=100-199" } }), "test/range.mp4");
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe("bytes 100-199/1000");
    expect(partial.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await partial.arrayBuffer())).toEqual(data.subarray(100, 200));

    const whole = await serveObject(new Request("http://x/"), "test/range.mp4", { filename: "a.mp4", download: true });
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-disposition")).toMatch(/^attachment; filename="a.mp4"/);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(data);

    const bad = await serveObject(new Request("http://x/", { headers: { range: "bytes=5000-" } }), "test/range.mp4");
    expect(bad.status).toBe(416);
    expect(bad.headers.get("content-range")).toBe("bytes */1000");
  });

  it("makes safe download names from any title", () => {
    expect(filenameFor('My "Great" video: 100% / done', "tiktok")).toBe("my-great-video-100-done-tiktok.mp4");
    expect(filenameFor("日本語")).toBe("video.mp4");
    expect(contentDisposition('we"ird\\名.mp4', false)).toBe(`inline; filename="we_ird__.mp4"; filename*=UTF-8''we%22ird%5C%E5%90%8D.mp4`);
  });
});
