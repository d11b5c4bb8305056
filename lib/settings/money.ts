/**
 * Dollar amounts typed by people → integer cents, without floating point: "12.50" → 1250,
 * "$1,200" → 120000, "" → null (no cap). Anything else is refused with a message that says
 * what to type instead.
 */
export const MAX_CAP_CENTS = 100_000_000; // $1,000,000: far above any real cap, far below int4.

export type DollarParse = { ok: true; cents: number | null } | { ok: false; error: string };

export function parseDollarsToCents(raw: string | null | undefined): DollarParse {
  const trimmed = (raw ?? "").trim();
  if (trimmed === "") return { ok: true, cents: null };
  const s = trimmed.replace(/^\$\s*/, "").replace(/\s+/g, "");
  if (s.startsWith("-")) return { ok: false, error: "Enter an amount of zero or more, or leave it empty for no cap." };
  // Thousands separators only in their proper places: 1,234.56 yes, 12,34 no.
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === undefined && !m[2])) return { ok: false, error: "Enter a dollar amount like 12.50, or leave it empty for no cap." };
  const frac = m[2] ?? "";
  if (frac.length > 2) return { ok: false, error: "Use at most two decimals (whole cents), like 12.50." };
  const whole = (m[1] ?? "0").replace(/,/g, "");
  if (whole.length > 7) return { ok: false, error: "Enter at most $1,000,000." };
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (cents > MAX_CAP_CENTS) return { ok: false, error: "Enter at most $1,000,000." };
  return { ok: true, cents };
}

/** Integer cents → the plain form value ("12.50"); null → "". */
export function centsToDollarInput(cents: number | null | undefined): string {
  if (cents == null) return "";
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}
