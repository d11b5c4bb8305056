import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { manualConnector, parseCsv, parseManualCsv, parseManualJson, parseManualText } from ".";

const NOW = Date.UTC(2025, 5, 10, 12, 0, 0);

function fails(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("bad_request");
    return err as AppError;
  }
  throw new Error("expected an error");
}

describe("manual CSV", () => {
  it("parses quoted fields, escaped quotes, CRLF, BOM and aliases", () => {
    const csv =
      '\uFEFFTitle,Link,Description,Points,Tags,Date\r\n' +
      '"AI tools, ranked",https://example.com/a,"He said ""wow"".\nSecond line",120,ai;tools,2025-06-09T10:00:00Z\r\n' +
      "Remote work handbook,,Our notes,,remote work,\r\n";
    const items = parseManualCsv(csv, NOW);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      source: "manual",
      title: "AI tools, ranked",
      url: "https://example.com/a",
      summary: 'He said "wow". Second line',
      score: 120,
      tags: ["ai", "tools"],
      publishedAt: "2025-06-09T10:00:00.000Z",
    });
    expect(items[1]).toMatchObject({ url: null, score: null, publishedAt: new Date(NOW).toISOString() });
    expect(items[0].id).toMatch(/^manual:[0-9a-f]{16}$/);
    // Stable ids across parses.
    expect(parseManualCsv(csv, NOW).map((i) => i.id)).toEqual(items.map((i) => i.id));
  });

  it("rejects bad CSV with the row and reason", () => {
    expect(fails(() => parseManualCsv("url,notes\nhttps://x.y,hi\n", NOW)).message).toMatch(/header row with a "title" column/);
    expect(fails(() => parseManualCsv("title,url\n", NOW)).message).toMatch(/no rows/);
    expect(fails(() => parseManualCsv("title,url\nA,https://a.b,extra\n", NOW)).message).toMatch(/CSV row 2: expected 2 columns, found 3/);
    expect(fails(() => parseManualCsv("title,url\nA,ftp://a.b\n", NOW)).message).toMatch(/CSV row 2: url: url must start with http/);
    expect(fails(() => parseManualCsv("title,score\nA,lots\n", NOW)).message).toMatch(/CSV row 2: score/);
    expect(fails(() => parseManualCsv('title\n"unclosed\n', NOW)).message).toMatch(/not closed/);
    expect(fails(() => parseManualCsv("title,date\nA,someday\n", NOW)).message).toMatch(/"someday" is not a date/);
    expect(fails(() => parseManualCsv("", NOW)).message).toMatch(/empty/);
  });

  it("parseCsv handles empty trailing lines", () => {
    expect(parseCsv("a,b\n1,2\n\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

describe("manual JSON", () => {
  it("accepts an array, { items }, strings, and aliases", () => {
    const items = parseManualJson(
      JSON.stringify({ items: [{ headline: "AI agents in support", link: "https://e.x/1", upvotes: 5, tags: ["AI"] }, "Just a note"] }),
      NOW,
    );
    expect(items.map((i) => [i.title, i.url, i.score, i.tags])).toEqual([
      ["AI agents in support", "https://e.x/1", 5, ["ai"]],
      ["Just a note", null, null, []],
    ]);
    expect(parseManualJson([{ id: 7, title: "x" }], NOW)[0].id).toBe("manual:7");
  });

  it("rejects bad JSON with the item and reason", () => {
    expect(fails(() => parseManualJson("{not json", NOW)).message).toMatch(/does not parse/);
    expect(fails(() => parseManualJson('{"title":"x"}', NOW)).message).toMatch(/array of objects/);
    expect(fails(() => parseManualJson("[]", NOW)).message).toMatch(/no items/);
    expect(fails(() => parseManualJson([{ url: "https://a.b" }], NOW)).message).toMatch(/JSON item 1: title: title is required/);
    expect(fails(() => parseManualJson([{ title: "ok" }, 42], NOW)).message).toMatch(/JSON item 2/);
    expect(fails(() => parseManualJson([{ title: "ok", score: "high" }], NOW)).message).toMatch(/JSON item 1: score/);
  });
});

describe("manual text", () => {
  it("one item per paragraph; first sentence is the title; URLs become links", () => {
    const items = parseManualText(
      "AI automation tools showing 300% growth. Teams adopt them fastest in ops.\n\n" +
        "ChatGPT discussions dominate productivity subreddits https://reddit.com/r/productivity.\n\n\n" +
        "Remote work tools gaining massive traction",
      NOW,
    );
    expect(items.map((i) => [i.title, i.summary, i.url])).toEqual([
      ["AI automation tools showing 300% growth.", "Teams adopt them fastest in ops.", null],
      ["ChatGPT discussions dominate productivity subreddits.", null, "https://reddit.com/r/productivity"],
      ["Remote work tools gaining massive traction", null, null],
    ]);
  });

  it("bullet lists: one item per bullet", () => {
    const items = parseManualText("Notes:\n- AI agents for support\n- Async standups\n* Local LLMs on laptops\n1. Four-day weeks", NOW);
    expect(items.map((i) => i.title)).toEqual(["AI agents for support", "Async standups", "Local LLMs on laptops", "Four-day weeks"]);
  });

  it("empty text is refused", () => {
    expect(fails(() => parseManualText("   \n\n ", NOW)).message).toMatch(/empty/);
  });

  it("the connector combines text, csv and json", async () => {
    const items = await manualConnector.fetch(
      { source: "manual", text: "One note.", csv: "title\nCSV row", json: [{ title: "JSON row" }] },
      { now: () => new Date(NOW) },
    );
    expect(items.map((i) => i.title)).toEqual(["One note.", "CSV row", "JSON row"]);
  });
});
