import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/**
 * Storage keys are made by the server only (see `documentKey`); a user's filename never becomes a key.
 * Validation is strict on purpose so that no key can escape the local root or name an odd object:
 *  - one or more `/`-separated segments, each `[A-Za-z0-9][A-Za-z0-9._-]*` (so no empty, `.` or hidden segments);
 *  - no `..` anywhere, no leading or trailing slash, no backslash, ASCII only, at most 512 characters.
 */
const SEGMENT = "[A-Za-z0-9][A-Za-z0-9._-]*";
const KEY_RE = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);
export const MAX_KEY_LENGTH = 512;

export function isValidStorageKey(key: string): boolean {
  return typeof key === "string" && key.length <= MAX_KEY_LENGTH && KEY_RE.test(key) && !key.includes("..");
}

/** A key that did not come from `documentKey` (or another server-side key maker): a programming error. */
export class InvalidStorageKeyError extends AppError {
  constructor(key: unknown) {
    super("internal:unexpected", `invalid storage key ${JSON.stringify(String(key).slice(0, 80))}`);
    this.name = "InvalidStorageKeyError";
  }
}

export function assertValidStorageKey(key: string): void {
  if (!isValidStorageKey(key)) throw new InvalidStorageKeyError(key);
}

export const DOCUMENT_EXTENSIONS = ["pdf", "jpg", "png", "webp", "xml"] as const;
export type DocumentExtension = (typeof DOCUMENT_EXTENSIONS)[number];

/**
 * `${bookId}/${yyyy}/${mm}/${documentId}.${ext}` — year and month in UTC (stable whatever the server's zone).
 * Ids must be UUIDs and the extension one the upload pipeline sniffs; anything else throws.
 */
export function documentKey(args: { bookId: string; documentId: string; ext: DocumentExtension; date: Date }): string {
  const { bookId, documentId, ext, date } = args;
  if (!isUuid(bookId)) throw new InvalidStorageKeyError(`bookId ${bookId}`);
  if (!isUuid(documentId)) throw new InvalidStorageKeyError(`documentId ${documentId}`);
  if (!(DOCUMENT_EXTENSIONS as readonly string[]).includes(ext)) throw new InvalidStorageKeyError(`ext ${ext}`);
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new InvalidStorageKeyError("invalid date");
  const yyyy = String(date.getUTCFullYear()).padStart(4, "0");
  const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
  const key = `${bookId.toLowerCase()}/${yyyy}/${mm}/${documentId.toLowerCase()}.${ext}`;
  assertValidStorageKey(key);
  return key;
}
