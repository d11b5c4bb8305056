/**
 * A minimal streaming ZIP writer: stored (uncompressed) entries, as MP4s do not compress.
 *
 * Format per PKWARE APPNOTE.TXT 6.3.10 (§4.3.7 local file header, §4.3.9 data descriptor,
 * §4.3.12 central directory header, §4.3.16 end of central directory), retrieved 2026-11-30.
 * Each entry's size is known up front (storage stat), its CRC-32 only after streaming it, so
 * the local header carries the sizes and general-purpose bit 3 (CRC in a data descriptor after
 * the data), and the central directory carries everything. Bit 11 marks names as UTF-8.
 * No ZIP64: the caller keeps archives under 4 GiB and 65 535 entries (checked here too).
 */
import { Readable } from "node:stream";
import { crc32 } from "node:zlib";

export interface ZipEntry {
  name: string;
  size: number;
  mtime: Date;
  open: () => Promise<AsyncIterable<Buffer | Uint8Array>>;
}

const FLAGS = 0x0008 | 0x0800;
const LIMIT = 0xffffffff;

function dosTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** Total archive size for these entries (for Content-Length), without reading any data. */
export function zipSize(entries: Pick<ZipEntry, "name" | "size">[]): number {
  let n = 22;
  for (const e of entries) {
    const name = Buffer.byteLength(e.name, "utf8");
    n += 30 + name + e.size + 16 + 46 + name;
  }
  return n;
}

export async function* zipStream(entries: ZipEntry[]): AsyncGenerator<Buffer> {
  if (entries.length > 0xffff) throw new Error("Too many files for one archive.");
  if (zipSize(entries) > LIMIT) throw new Error("The archive would exceed 4 GiB; select fewer videos.");
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const { time, date } = dosTime(e.mtime);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(0, 14); // CRC follows in the data descriptor
    local.writeUInt32LE(e.size, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    yield local;
    yield name;

    let crc = 0;
    let written = 0;
    for await (const chunk of await e.open()) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      crc = crc32(b, crc);
      written += b.length;
      yield b;
    }
    // A short or long read would corrupt every later offset: fail loudly instead.
    if (written !== e.size) throw new Error(`${e.name}: expected ${e.size} bytes, read ${written}.`);

    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc >>> 0, 4);
    desc.writeUInt32LE(e.size, 8);
    desc.writeUInt32LE(e.size, 12);
    yield desc;

    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(FLAGS, 8);
    cd.writeUInt16LE(0, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(e.size, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal attrs, external attrs stay 0
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.size + 16;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  for (const b of central) yield b;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  yield end;
}

/** Distinct, readable file names: identical titles get their short id appended. */
export function uniqueNames(items: { id: string; base: string }[], ext = "mp4"): Map<string, string> {
  const count = new Map<string, number>();
  for (const i of items) count.set(i.base, (count.get(i.base) ?? 0) + 1);
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const i of items) {
    let name = count.get(i.base)! > 1 ? `${i.base}-${i.id.slice(0, 8)}.${ext}` : `${i.base}.${ext}`;
    for (let n = 2; used.has(name); n++) name = `${i.base}-${i.id.slice(0, 8)}-${n}.${ext}`;
    used.add(name);
    out.set(i.id, name);
  }
  return out;
}

/** A streamed ZIP as an HTTP download (library bulk download, post kit): never cached, exact length. */
export function zipResponse(z: { stream: AsyncIterable<Buffer>; size: number; filename: string }): Response {
  return new Response(Readable.toWeb(Readable.from(z.stream)) as ReadableStream, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(z.size),
      "content-disposition": `attachment; filename="${z.filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
