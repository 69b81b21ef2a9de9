/**
 * E-invoice reader: Facturae 3.2 / 3.2.1 / 3.2.2, UBL 2.1 Invoice and CreditNote, CII (Factur-X / ZUGFeRD 2.x),
 * and PDF/A-3 files carrying a CII or UBL attachment. Pure with respect to the app: it knows nothing of storage,
 * queues or the database; it reads bytes and returns what the invoice says (`EInvoiceRead`), which
 * `einvoiceFields` turns into the extractor's record.
 */
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isCii, readCii } from "@/lib/documents/einvoice/cii";
import { isFacturae, readFacturae } from "@/lib/documents/einvoice/facturae";
import { requireReadable, type EInvoice, type EInvoiceRead } from "@/lib/documents/einvoice/model";
import { isUbl, readUbl } from "@/lib/documents/einvoice/ubl";
import { decodeXml, parseXml, rootTag, type XmlDocument } from "@/lib/documents/einvoice/xml";

export type { EInvoice, EInvoiceRead, EInvoiceFormat, EInvoiceSignature } from "@/lib/documents/einvoice/model";
export { describeEInvoice, einvoiceExtraFields, einvoiceFields, formatLabel } from "@/lib/documents/einvoice/fields";

/** Root elements of the e-invoices we read (local names). */
const ROOTS = new Set(["Facturae", "Invoice", "CreditNote", "CrossIndustryInvoice"]);

/**
 * Whether bytes look like an e-invoice XML by content (never by filename): an XML prolog or a root element
 * whose local name is one we read. Cheap (reads the head only); `readEInvoiceXml` does the real check.
 */
export function looksLikeEInvoiceXml(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 20) return false;
  let head: string;
  try {
    head = decodeXml(bytes.subarray(0, Math.min(bytes.byteLength, 4096)));
  } catch {
    return false;
  }
  if (!/^\s*</.test(head)) return false;
  const tag = rootTag(head);
  return tag !== null && ROOTS.has(tag.name);
}

/**
 * Whether an upload is XML at all (an XML declaration, or an e-invoice root): such a file is accepted only if
 * it reads as an e-invoice, and refused with the reader's code otherwise (DTD, malformed, unknown format…).
 */
export function looksLikeXml(bytes: Uint8Array): boolean {
  if (looksLikeEInvoiceXml(bytes)) return true;
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 64));
  return /^(?:\uFEFF|ï»¿)?\s*<\?xml[\s?]/.test(head) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function readDocument(doc: XmlDocument): EInvoice {
  if (isFacturae(doc)) return readFacturae(doc);
  if (isUbl(doc)) return readUbl(doc);
  if (isCii(doc)) return readCii(doc);
  throw new AppError("einvoice:unknown_format", `${doc.rootName} ${doc.rootNamespace ?? ""}`.trim());
}

/**
 * Reads an e-invoice XML. Errors: `einvoice:too_large`, `einvoice:dtd_forbidden`, `einvoice:malformed`,
 * `einvoice:too_deep` (see `parseXml`), `einvoice:unknown_format`, `einvoice:invalid`.
 */
export function readEInvoiceXml(bytes: Uint8Array): EInvoiceRead {
  const e = requireReadable(readDocument(parseXml(bytes)));
  return { ...e, container: "xml" };
}

/** Names Factur-X, ZUGFeRD and XRechnung give the embedded XML, tried first. */
const KNOWN_ATTACHMENTS = ["factur-x.xml", "zugferd-invoice.xml", "zugferd_invoice.xml", "xrechnung.xml", "order-x.xml"];

/**
 * The e-invoice attached to a PDF (PDF/A-3 with Factur-X/ZUGFeRD CII or a UBL), or null when it has none that
 * reads. A hostile or broken attachment is logged and ignored: the PDF is then read like any other.
 */
export async function readEInvoiceFromPdf(bytes: Uint8Array): Promise<EInvoiceRead | null> {
  // pdf.js runs in the sandbox (time and memory budgets), never on the event loop.
  const { runPdfJob } = await import("@/lib/documents/sandbox");
  const { files: found } = await runPdfJob<{ files: { filename: string; content: Uint8Array }[] }>("attachments", bytes, "processing");
  const files = found.sort((a, b) => rank(a.filename) - rank(b.filename));
  for (const file of files) {
    if (!looksLikeEInvoiceXml(file.content)) continue;
    try {
      const e = readEInvoiceXml(file.content);
      return { ...e, container: "pdf", attachment: file.filename };
    } catch (err) {
      if (!isAppError(err)) throw err;
      log.warn("einvoice.attachment_unreadable", { attachment: file.filename, code: err.code });
    }
  }
  return null;
}

function rank(name: string): number {
  const i = KNOWN_ATTACHMENTS.indexOf(name.toLowerCase());
  return i === -1 ? KNOWN_ATTACHMENTS.length : i;
}
