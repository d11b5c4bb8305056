import { XMLParser, XMLValidator } from "fast-xml-parser";
import { malformed } from "./http";
import type { SourceId } from "./types";

/**
 * XML → plain objects for feeds. Namespaces are matched by local name (Google Trends' `ht`
 * URI differs between feeds), attributes are kept under "@_", and entity expansion stays on
 * the library's protective limits.
 */

export type XNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: false,
  processEntities: true,
  htmlEntities: true,
});

export function parseXml(source: SourceId, xml: string): XNode {
  const text = xml.replace(/^\uFEFF/, "").trimStart();
  if (!text.startsWith("<")) throw malformed(source, "the body is not XML");
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw malformed(source, `invalid XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  try {
    return parser.parse(text) as XNode;
  } catch (err) {
    throw malformed(source, `invalid XML (${(err as Error).message})`);
  }
}

function localName(key: string): string {
  const i = key.indexOf(":");
  return i === -1 ? key : key.slice(i + 1);
}

/** All values under children whose local name is `name` (prefix-insensitive), flattened to an array. */
export function children(node: unknown, name: string): unknown[] {
  if (!node || typeof node !== "object" || Array.isArray(node)) return [];
  const out: unknown[] = [];
  for (const [k, v] of Object.entries(node as XNode)) {
    if (k.startsWith("@_") || localName(k) !== name) continue;
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

/** Like `children` but only the un-prefixed element (e.g. RSS `comments`, not `slash:comments`). */
export function childExact(node: unknown, key: string): unknown[] {
  if (!node || typeof node !== "object" || Array.isArray(node)) return [];
  const v = (node as XNode)[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function child(node: unknown, name: string): unknown {
  return children(node, name)[0];
}

/** Text content of a node (string, number, or {#text}). */
export function textOf(node: unknown): string | null {
  if (node == null) return null;
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (typeof node === "object" && !Array.isArray(node)) {
    const t = (node as XNode)["#text"];
    if (t != null) return String(t);
    // xhtml content (<title type="xhtml"><div>…</div></title>): gather nested text.
    const parts = Object.entries(node as XNode)
      .filter(([k]) => !k.startsWith("@_"))
      .flatMap(([, v]) => (Array.isArray(v) ? v : [v]))
      .map(textOf)
      .filter((x): x is string => !!x);
    return parts.length ? parts.join(" ") : null;
  }
  return null;
}

export function childText(node: unknown, name: string): string | null {
  const t = textOf(child(node, name));
  return t == null ? null : t.trim() || null;
}

export function attr(node: unknown, name: string): string | null {
  if (!node || typeof node !== "object" || Array.isArray(node)) return null;
  const v = (node as XNode)[`@_${name}`];
  return v == null ? null : String(v);
}
