/** Text helpers shared by connectors and analysis. Pure, browser-safe (no node: imports). */

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", hellip: "…", mdash: "—", ndash: "–",
  lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", copy: "©", reg: "®", trade: "™", middot: "·", bull: "•",
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return m;
      try {
        return String.fromCodePoint(code);
      } catch {
        return m;
      }
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? m;
  });
}

/** HTML → plain text: drops scripts/styles/tags, decodes entities, collapses whitespace. */
export function stripHtml(s: string): string {
  return collapse(
    decodeEntities(
      s
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
        .replace(/<br\s*\/?>|<\/p>|<\/li>|<\/h\d>/gi, " ")
        .replace(/<[^>]+>/g, " "),
    ),
  );
}

/** Markdown → plain text, good enough for summaries. */
export function stripMarkdown(s: string): string {
  return collapse(
    decodeEntities(s)
      .replace(/```[\s\S]*?```/g, " ")
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
      .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
      .replace(/[*_~`]+/g, ""),
  );
}

/** "1 note", "3 notes": a count with its noun in the right number (`many` defaults to one + "s"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** Truncate at a word boundary with an ellipsis. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const sp = cut.lastIndexOf(" ");
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:.-]+$/, "") + "…";
}

export function summaryOf(s: string | null | undefined, kind: "html" | "markdown" | "text" = "text"): string | null {
  if (s == null) return null;
  const plain = kind === "html" ? stripHtml(s) : kind === "markdown" ? stripMarkdown(s) : collapse(decodeEntities(s));
  return plain ? truncate(plain, 500) : null;
}

/** Deterministic 64-bit FNV-1a as 16 hex chars (pure JS, same result everywhere). */
export function stableHash(s: string): string {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

export function toIso(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function parseDate(s: unknown): number | null {
  if (typeof s !== "string" && typeof s !== "number") return null;
  const t = typeof s === "number" ? s : Date.parse(String(s).trim());
  return Number.isFinite(t) ? t : null;
}

// ---------------------------------------------------------------------------------------------
// Stopwords and tokenisation

const EN = `a about above after again against all almost also although am an and another any anyone anything are aren't
around as at back be became because become been before being below between both but by can can't cannot could couldn't
did didn't do does doesn't doing don't done down during each either else enough even ever every everyone everything few
for from further get gets getting got had hadn't has hasn't have haven't having he her here hers herself him himself his
how however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let like likely made make makes
many may me might more most much must my myself need needs never new next no nor not nothing now of off often on once
one only or other others our ours ourselves out over own per perhaps please quite rather really same say says see seem
seems several shall she should shouldn't since so some something still such than that that's the their theirs them
themselves then there there's these they they'd they'll they're they've thing things this those though through thus to
too toward towards under until up upon us use used uses using very via want was wasn't way ways we we'd we'll we're
we've well were weren't what what's when where whether which while who whom whose why will with within without won't
would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves
ago today yesterday tomorrow week weeks day days year years month months time times first last lot lots much
anyone someone anybody everybody nobody best better good great big small little long old high low right left
know think thinks going go goes went come comes came take takes took give gives gave put puts find found look looks
tell told ask asks asked try tries tried keep keeps kept show shows showed help helps actually finally now
finds found here what's people
one two three four five six seven eight nine ten eleven twelve twenty hundred hundreds thousand thousands million
millions billion billions dozen half second third fourth fifth sixth seventh eighth ninth tenth single double
write writes wrote writing written read reads add adds added adding cut cuts cutting replace replaces replaced
replacing ship ships shipped shipping run runs ran running build builds built building start starts started stop stops
stopped share shares shared sharing say said tried trying beat beats killed kill kills worth feels feel felt
faster slower easier harder cheaper bigger smaller newer older calmer higher lower more fewer
study studies finds fixes fix fixed makes made stuck spend spends spent spending`;

/** Source/web noise that would otherwise dominate "trending" lists. */
const NOISE = `http https www com org net html amp reddit subreddit post posts thread comment comments upvote upvotes
hn hacker news ycombinator github repo repository repositories google trends trending rss feed via pdf video
show ask launch tell question questions anyone else edit update tldr imgur youtube link links`;

const ES = `el la los las un una unos unas de del y o que en es por para con sin sobre al lo se su sus como más pero
muy ya este esta estos estas ese esa eso son ser fue han hay le les me mi nos no sí también porque cuando donde`;
const FR = `le la les un une des de du et ou que qui en est pour par avec sans sur au aux ce cette ces son sa ses
comme plus mais très déjà il elle ils elles nous vous ne pas oui aussi parce quand où dans être sont été`;
const DE = `der die das ein eine einer eines und oder dass in ist für mit ohne auf im am zu den dem des sich nicht
auch wie mehr aber sehr schon er sie es wir ihr ich du von bei nach wenn wo sind war wurde werden`;
const PT = `o a os as um uma uns umas de do da dos das e ou que em é por para com sem sobre ao se seu sua seus
suas como mais mas muito já este esta isso são ser foi há não sim também porque quando onde`;
const IT = `il lo la i gli le un uno una di del della e o che in è per con senza su al si suo sua come più ma molto
già questo questa sono essere stato non sì anche perché quando dove`;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

export const STOPWORDS: Record<string, Set<string>> = {
  en: new Set(words(EN)),
  es: new Set(words(ES)),
  fr: new Set(words(FR)),
  de: new Set(words(DE)),
  pt: new Set(words(PT)),
  it: new Set(words(IT)),
};
const NOISE_SET = new Set(words(NOISE));
const ALL_STOP = new Set<string>([...Object.values(STOPWORDS).flatMap((s) => [...s]), ...NOISE_SET]);

/** Short tokens worth keeping as topics. */
const SHORT_KEEP = new Set(["ai", "ml", "ui", "ux", "vr", "ar", "js", "ts", "3d", "5g", "ev", "uk", "us", "eu", "ci", "os"]);

export function isStopword(token: string): boolean {
  return ALL_STOP.has(token);
}

/**
 * Words that name a topic only together with another ("remote teams", "AI tools", "Claude
 * Code") but say nothing alone: as a one-word trending topic "teams", "tools" or "code" is noise
 * (issue 17). Checked on the stemmed form, so plurals are covered.
 */
const GENERIC_ALONE = new Set(
  words(`team tool model app data code developer work remote user company business thing update system platform
feature product project example new report result way idea tip trick guide list post article story question answer
option alternative setup stack month hour minute week day year people person customer employee engineer manager
service solution approach process step time trial experiment case lesson problem review change rule world life
short quick simple`),
);

/** True when a (stemmed) single word may not be a trending topic on its own. */
export function isGenericAlone(stemmed: string): boolean {
  return GENERIC_ALONE.has(stemmed);
}

export interface Token {
  /** Lower-cased, normalised form. */
  norm: string;
  /** As written. */
  surface: string;
  /** True when the token can be part of a topic. */
  content: boolean;
}

/** Splits on anything that is not a letter, digit, +, # or an inner apostrophe/hyphen/dot. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}+#]*(?:['’.-][\p{L}\p{N}+#]+)*/gu;
  for (const m of text.matchAll(re)) {
    const surface = m[0].replace(/’/g, "'");
    const norm = surface.toLowerCase();
    const isNumber = /^[\d.,]+$/.test(norm);
    const content =
      !isNumber &&
      !isStopword(norm) &&
      !isStopword(norm.replace(/'s$/, "")) &&
      (norm.length >= 3 || SHORT_KEEP.has(norm)) &&
      norm.length <= 40;
    out.push({ norm: norm.replace(/'s$/, ""), surface: surface.replace(/'s$/i, ""), content });
  }
  return out;
}

/** Naive stem so "tools" and "tool" count as one topic. */
export function stem(token: string): string {
  if (token.length > 4 && token.endsWith("ies")) return token.slice(0, -3) + "y";
  if (token.length > 3 && token.endsWith("s") && !/(ss|us|is|os)$/.test(token)) return token.slice(0, -1);
  return token;
}

// ---------------------------------------------------------------------------------------------
// Best-effort language detection

const SCRIPT_LANGS: Array<[RegExp, string]> = [
  [/[\u3040-\u30ff]/u, "ja"],
  [/[\uac00-\ud7af]/u, "ko"],
  [/[\u4e00-\u9fff]/u, "zh"],
  [/[\u0400-\u04ff]/u, "ru"],
  [/[\u0600-\u06ff]/u, "ar"],
  [/[\u0590-\u05ff]/u, "he"],
  [/[\u0900-\u097f]/u, "hi"],
  [/[\u0e00-\u0e7f]/u, "th"],
  [/[\u0370-\u03ff]/u, "el"],
];

/** Returns an ISO 639-1 code, or null when the text is too short or ambiguous. */
export function detectLanguage(text: string): string | null {
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length < 3) return null;
  for (const [re, lang] of SCRIPT_LANGS) {
    const n = (text.match(new RegExp(re.source, "gu")) ?? []).length;
    if (n / letters.length > 0.3) return lang;
  }
  const toks = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  if (toks.length < 4) return null;
  let best: string | null = null;
  let bestN = 0;
  let second = 0;
  for (const [lang, set] of Object.entries(STOPWORDS)) {
    const n = toks.filter((t) => set.has(t)).length;
    if (n > bestN) {
      second = bestN;
      bestN = n;
      best = lang;
    } else if (n > second) second = n;
  }
  if (bestN < 2 || bestN === second) return null;
  return best;
}
