import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { uniqueNames, zipSize, zipStream, type ZipEntry } from "./zip";

async function collect(entries: ZipEntry[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of zipStream(entries)) parts.push(b);
  return Buffer.concat(parts);
}

const entry = (name: string, data: Buffer, chunk = 7): ZipEntry => ({
  name,
  size: data.length,
  mtime: new Date("2026-11-30T12:34:56Z"),
  open: async () =>
    (async function* () {
      for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
    })(),
});

describe("zipStream", () => {
  // Checked by Info-ZIP's own `unzip -t` (CRCs, offsets, central directory) and byte-compared.
  // Mutation tried: writing the CRC without `>>> 0` / dropping crc32 chaining (crc32(b) per chunk)
  // → unzip reports "bad CRC" and this fails. Mutation tried: offset += without the 16-byte
  // descriptor → unzip reports a wrong offset for the second file and fails.
  it("produces an archive unzip accepts, with exact contents and UTF-8 names", async () => {
    const a = Buffer.from("first file ".repeat(1000));
    const b = Buffer.alloc(70_001, 0xab);
    const entries = [entry("a.mp4", a), entry("ünïcode title.mp4", b, 4096), entry("empty.mp4", Buffer.alloc(0))];
    const zip = await collect(entries);
    expect(zip.length).toBe(zipSize(entries));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zip-test-"));
    const file = path.join(dir, "x.zip");
    fs.writeFileSync(file, zip);
    const test = execFileSync("unzip", ["-t", file], { encoding: "utf8" });
    expect(test).toMatch(/No errors detected/);
    expect(execFileSync("unzip", ["-p", file, "a.mp4"])).toEqual(a);
    // Python's zipfile decodes names as UTF-8 only when bit 11 is set: checks the flag too.
    const py = `import zipfile,sys,hashlib\nz=zipfile.ZipFile(sys.argv[1])\nprint(z.namelist()[1], hashlib.sha256(z.read(z.namelist()[1])).hexdigest(), len(z.read("empty.mp4")))`;
    const out = execFileSync("python3", ["-c", py, file], { encoding: "utf8", env: { ...process.env, PYTHONIOENCODING: "utf-8" } }).trim();
    const { createHash } = await import("node:crypto");
    expect(out).toBe(`ünïcode title.mp4 ${createHash("sha256").update(b).digest("hex")} 0`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Mutation tried: removing the written !== size check → a truncated source yields a corrupt
  // archive silently and this fails.
  it("fails loudly when a file is shorter than its stat said", async () => {
    const e = { ...entry("short.mp4", Buffer.from("abc")), size: 10 };
    await expect(collect([e])).rejects.toThrow(/expected 10 bytes, read 3/);
  });
});

describe("uniqueNames", () => {
  // Mutation tried: always `${base}.mp4` → two "weekly-update.mp4" entries, the second one
  // overwriting the first on extraction; this fails.
  it("tells identical titles apart by short id", () => {
    const m = uniqueNames([
      { id: "11111111-aaaa", base: "weekly-update" },
      { id: "22222222-bbbb", base: "weekly-update" },
      { id: "33333333-cccc", base: "other" },
    ]);
    expect([...m.values()]).toEqual(["weekly-update-11111111.mp4", "weekly-update-22222222.mp4", "other.mp4"]);
  });
});
