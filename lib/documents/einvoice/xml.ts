/**
 * Safe XML reading for e-invoices. An e-invoice never needs a DTD, so any `<!DOCTYPE` or `<!ENTITY` is refused
 * before parsing (no XXE, no billion laughs, whatever the parser would do with them); only XML's predefined and
 * numeric character references are decoded. Size and element depth are bounded. Pure: no I/O.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "@/lib/errors";

/** Largest e-invoice XML read (a Facturae with hundreds of lines and a signature is well under 1 MB). */
export const MAX_XML_BYTES = 5 * 1024 * 1024;
/** Deepest element nesting accepted (Facturae with a XAdES signature is about 12 deep). */
export const MAX_XML_DEPTH = 64;

/** An element as fast-xml-parser gives it: text, or an object of children (arrays when repeated) and `@attrs`. */
export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] | string | undefined };

export type XmlDocument = {
  /** Local name of the root element (prefix removed). */
  rootName: string;
  /** The root element's own namespace URI, when declared on it. */
  rootNamespace: string | null;
  root: XmlNode;
};

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Predefined (&amp; …) and numeric (&#233;) references only: a DOCTYPE never reaches the parser.
  processEntities: true,
  htmlEntities: true,
  maxNestedTags: MAX_XML_DEPTH,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Decodes the bytes with the encoding the XML declares (UTF-8 by default; BOMs honoured). */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.replace(/^\uFEFF|^ï»¿/, ""))?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared?.toLowerCase() ?? "utf-8", { fatal: true });
  } catch {
    decoder = new TextDecoder("utf-8", { fatal: true }); // an encoding label we do not know: try UTF-8
  }
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, "");
  } catch (e) {
    throw new AppError("einvoice:malformed", "bytes do not match the declared encoding", { cause: e });
  }
}

/** The first start tag after the prolog (declaration, comments, PIs, DOCTYPE): `{ prefix, name, attrs }`, or null. */
export function rootTag(xml: string): { prefix: string | null; name: string; attrs: string } | null {
  let s = xml.replace(/^\uFEFF/, "").trimStart();
  for (;;) {
    if (s.startsWith("<?")) s = s.slice(s.indexOf("?>") + 2).trimStart();
    else if (s.startsWith("<!--")) s = s.slice(s.indexOf("-->") + 3).trimStart();
    else if (/^<!DOCTYPE/i.test(s)) {
      // Skipped only to name the root (parseXml refuses any DOCTYPE): `<!DOCTYPE r [ … ]>`.
      const m = /^<!DOCTYPE[^[>]*(?:\[[\s\S]*?\]\s*)?>/i.exec(s);
      if (!m) return null;
      s = s.slice(m[0].length).trimStart();
    } else break;
    if (s === "") return null;
  }
  const m = /^<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)((?:\s[^>]*)?)\/?>/.exec(s);
  return m ? { prefix: m[1] ?? null, name: m[2], attrs: m[3] ?? "" } : null;
}

function rootNamespaceOf(tag: { prefix: string | null; attrs: string }): string | null {
  const attr = tag.prefix ? `xmlns:${tag.prefix}` : "xmlns";
  const re = new RegExp(`\\s${attr.replace(".", "\\.")}\\s*=\\s*["']([^"']*)["']`);
  return re.exec(tag.attrs)?.[1] ?? null;
}

/**
 * Parses e-invoice XML. Errors (`AppError`): `einvoice:too_large`, `einvoice:dtd_forbidden` (any DOCTYPE or
 * entity declaration: XXE and entity expansion attacks), `einvoice:malformed` (not well-formed XML),
 * `einvoice:too_deep` (nesting beyond `MAX_XML_DEPTH`).
 */
export function parseXml(bytes: Uint8Array, opts: { maxBytes?: number } = {}): XmlDocument {
  const maxBytes = opts.maxBytes ?? MAX_XML_BYTES;
  if (bytes.byteLength > maxBytes) throw new AppError("einvoice:too_large", `${bytes.byteLength} > ${maxBytes} bytes`);
  const xml = decodeXml(bytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new AppError("einvoice:dtd_forbidden");
  const depth = maxDepth(xml);
  if (depth > MAX_XML_DEPTH) throw new AppError("einvoice:too_deep", `${depth} > ${MAX_XML_DEPTH}`);

  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new AppError("einvoice:malformed", `${valid.err.code} at line ${valid.err.line}`);
  const tag = rootTag(xml);
  if (!tag) throw new AppError("einvoice:malformed", "no root element");

  let tree: Record<string, XmlNode>;
  try {
    tree = parser.parse(xml) as Record<string, XmlNode>;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/nested/i.test(msg)) throw new AppError("einvoice:too_deep", msg, { cause: e });
    throw new AppError("einvoice:malformed", msg, { cause: e });
  }
  const root = tree[tag.name];
  if (root === undefined) throw new AppError("einvoice:malformed", "root element not found");
  return { rootName: tag.name, rootNamespace: rootNamespaceOf(tag), root: Array.isArray(root) ? root[0] : root };
}

/**
 * Element nesting depth, counted on the text before parsing (so a hostile document is refused without building
 * its tree). Comments, CDATA and PIs are skipped; the document is otherwise assumed plain XML.
 */
export function maxDepth(xml: string): number {
  let depth = 0;
  let max = 0;
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)[A-Za-z_](?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0].startsWith("<!") || m[0].startsWith("<?")) continue;
    if (m[1]) depth--;
    else if (!m[2]) {
      depth++;
      if (depth > max) max = depth;
    }
  }
  return max;
}

// ───────────────────────────── navigation over the parsed tree ─────────────────────────────

/** All children named `name` (local name) of an element. */
export function all(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node || typeof node === "string") return [];
  const v = node[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]) as XmlNode[];
}

/** The first element along a path of local names (`at(root, "Parties", "SellerParty")`). */
export function at(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let cur: XmlNode | undefined = node;
  for (const name of path) {
    cur = all(cur, name)[0];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** An element's text (trimmed; null when absent or empty). */
export function textOf(node: XmlNode | undefined): string | null {
  if (node === undefined || node === null) return null;
  const raw = typeof node === "string" ? node : typeof node["#text"] === "string" ? (node["#text"] as string) : "";
  const t = raw.trim();
  return t === "" ? null : t;
}

/** Text at a path. */
export function textAt(node: XmlNode | undefined, ...path: string[]): string | null {
  return textOf(at(node, ...path));
}

/** An attribute of an element. */
export function attrOf(node: XmlNode | undefined, name: string): string | null {
  if (!node || typeof node === "string") return null;
  const v = node[`@${name}`];
  return typeof v === "string" ? v : null;
}
