/**
 * Money as integer cents. `parseAmount` reads amounts written the Spanish way (`1.234,56`) or the English way
 * (`1,234.56`), with or without a currency sign; `formatEuros` prints cents for Spanish readers.
 */

const CURRENCY = /(?:€|EUROS?|EUR|\$|USD|US\$|£|GBP|CHF)/gi;
const MINUS = /[-\u2212\u2012\u2013]/;

/**
 * Parses an amount and returns integer cents, or `null` when `s` is not an amount.
 *
 * Decimal separator: when both `.` and `,` appear, the last one is the decimal mark; when only one kind appears,
 * it is a decimal mark if followed by 1–2 digits at the end and a thousands separator if it groups by three
 * (`1.234` and `1,234` are both 1234 — invoices do not print three decimals). Negative: a leading or trailing
 * minus, or parentheses.
 */
export function parseAmount(s: string): number | null {
  if (typeof s !== "string") return null;
  let t = s.replace(/[\s\u00a0\u202f\u2009]+/g, " ").trim();
  if (!t) return null;

  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  t = t.replace(CURRENCY, " ").trim();
  if (/^\(.*\)$/.test(t)) {
    negative = !negative;
    t = t.slice(1, -1).trim();
  }
  if (new RegExp(`^${MINUS.source}`).test(t)) {
    negative = !negative;
    t = t.slice(1).trim();
  } else if (new RegExp(`${MINUS.source}$`).test(t)) {
    negative = !negative;
    t = t.slice(0, -1).trim();
  } else if (t.startsWith("+")) {
    t = t.slice(1).trim();
  }
  // A currency sign between the minus and the digits ("-€12,50") was removed above; spaces inside a number
  // ("1 234,56") are thousands separators.
  t = t.replace(/(\d)[ '’](?=\d{3}(?:\D|$))/g, "$1");
  if (!/^[\d.,]+$/.test(t) || !/\d/.test(t)) return null;

  let intPart: string;
  let fracPart = "";
  const lastDot = t.lastIndexOf(".");
  const lastComma = t.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? "." : ",";
    const group = dec === "." ? "," : ".";
    const i = t.lastIndexOf(dec);
    intPart = t.slice(0, i);
    fracPart = t.slice(i + 1);
    if (intPart.includes(dec) || !isGrouped(intPart, group)) return null;
    intPart = intPart.split(group).join("");
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? "." : ",";
    const parts = t.split(sep);
    const tail = parts[parts.length - 1];
    if (parts.length === 2 && tail.length >= 1 && tail.length <= 2) {
      intPart = parts[0];
      fracPart = tail;
    } else if (isGrouped(t, sep)) {
      intPart = parts.join("");
    } else if (parts.length === 2 && tail.length > 3) {
      intPart = parts[0]; // e.g. "12.3456" — more decimals than cents; round below
      fracPart = tail;
    } else {
      return null;
    }
  } else {
    intPart = t;
  }
  if (intPart === "") intPart = "0";
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return null;

  const frac = (fracPart + "000").slice(0, 3);
  let cents = Number(intPart) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) return null;
  return negative && cents !== 0 ? -cents : cents;
}

/** True when `s` is digits grouped by three with `sep` ("1.234.567"), or plain digits. */
function isGrouped(s: string, sep: string): boolean {
  if (!s.includes(sep)) return /^\d+$/.test(s);
  const parts = s.split(sep);
  return /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

const EUR = new Intl.NumberFormat("es-ES", {
  style: "currency",
  currency: "EUR",
  // es-ES leaves 4-digit numbers ungrouped by default ("1234,56 €"); accounting wants "1.234,56 €".
  useGrouping: "always",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Integer cents → es-ES euros, e.g. 123456 → "1.234,56 €" (a no-break space before the sign, as Intl prints). */
export function formatEuros(cents: number): string {
  if (!Number.isFinite(cents)) throw new TypeError(`formatEuros: not a number: ${cents}`);
  const whole = Math.round(cents);
  // Integer arithmetic first, then one division: 1.005 € style float drift cannot appear.
  return EUR.format(whole / 100);
}

const percentFormat = new Intl.NumberFormat("es-ES", { maximumFractionDigits: 2 });
/** A percentage es-ES style: 5.2 → "5,2 %" (no-break space, as Spanish typography writes it). */
export function formatPercent(value: number | string): string {
  return `${percentFormat.format(Number(value))}\u00a0%`;
}
