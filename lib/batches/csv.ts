/**
 * A small RFC 4180 CSV reader for batch manifests (https://www.rfc-editor.org/rfc/rfc4180,
 * read 2026-11-30): fields separated by commas, quoted with `"`, a quote inside a quoted field
 * doubled (`""`), CRLF or LF line ends, line breaks allowed inside quotes (scripts have them).
 * The first line is the header; columns are matched by name, case-insensitively, in any order.
 */
export class CsvError extends Error {}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const s = text.startsWith("\uFEFF") ? text.slice(1) : text; // Excel writes a BOM
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"') {
      if (field !== "") throw new CsvError(`Line ${rows.length + 1}: a quote may only open a field; double it ("") inside a quoted field.`);
      quoted = true; i++; continue;
    }
    if (c === ",") { row.push(field); field = ""; i++; continue; }
    if (c === "\r" || c === "\n") {
      row.push(field); field = "";
      rows.push(row); row = [];
      i += c === "\r" && s[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += c; i++;
  }
  if (quoted) throw new CsvError("The CSV ends inside a quoted field; close the quote.");
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  // Blank lines (a trailing newline, spacing) are not rows.
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ""));
}

/** Header + data lines → one object per data line, keyed by lower-cased header names. */
export function csvRecords(text: string, known: readonly string[]): Record<string, string>[] {
  const rows = parseCsv(text);
  if (!rows.length) throw new CsvError("The CSV is empty; the first line must name the columns, e.g. script,title,presenter,aspect,platforms,schedule.");
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !known.includes(h));
  if (unknown.length) throw new CsvError(`Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; the columns are ${known.join(", ")}.`);
  return rows.slice(1).map((cells, n) => {
    if (cells.length > header.length) throw new CsvError(`Data row ${n + 1} has ${cells.length} fields but the header has ${header.length}; quote fields that contain commas.`);
    const o: Record<string, string> = {};
    header.forEach((h, j) => {
      const v = cells[j];
      if (v !== undefined && v.trim() !== "") o[h] = v;
    });
    return o;
  });
}
