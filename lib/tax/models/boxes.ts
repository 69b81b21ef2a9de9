/**
 * A return's boxes: values keyed by the box number printed on the AEAT form ("01", "110"…), with the invoices
 * behind each figure. Amounts are integer cents, rates hundredths of a percent, counts plain integers; `kindOf`
 * tells which, so the CLI and the page print each one right.
 */
export type BoxKind = "amount" | "rate" | "count";

export type Boxes = {
  values: Record<string, number>;
  /** Box → ids of the invoices (or other expenses) that make it up. */
  sources: Record<string, string[]>;
};

export function emptyBoxes(keys: readonly string[]): Boxes {
  return { values: Object.fromEntries(keys.map((k) => [k, 0])), sources: {} };
}

/** Adds `cents` to a box and records where it came from. */
export function addTo(b: Boxes, box: string, cents: number, sourceId?: string) {
  b.values[box] = (b.values[box] ?? 0) + cents;
  if (sourceId !== undefined) {
    const list = (b.sources[box] ??= []);
    if (!list.includes(sourceId)) list.push(sourceId);
  }
}

/** A box's value as the form prints it: euros, a percentage, or a count. */
export function printable(value: number, kind: BoxKind): number {
  if (kind === "count") return value;
  return Number((value / 100).toFixed(2));
}
