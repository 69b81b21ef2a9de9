import { describe, expect, it } from "vitest";
import { formatBytes, formatIsoDate, sourceLabel, STATUS_LABELS } from "./status";
import { DOCUMENT_STATUSES } from "@/lib/enums";

describe("inbox formatting", () => {
  it.each([
    ["2026-03-15", "15/03/2026"],
    ["2026-12-01", "01/12/2026"],
    [null, "—"],
  ])("formats %s as %s", (iso, out) => expect(formatIsoDate(iso)).toBe(out));

  it("formats sizes with es-ES decimals", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1,5 KB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
  });

  it("has a Spanish label for every status", () => {
    for (const s of DOCUMENT_STATUSES) expect(STATUS_LABELS[s]).toMatch(/\S/);
  });

  it("says where a document came from", () => {
    expect(sourceLabel({ source: "upload", sourceDetail: null, einvoice: false })).toBe("Subido");
    expect(sourceLabel({ source: "upload", sourceDetail: null, einvoice: true })).toBe("Subido · factura electrónica");
    expect(sourceLabel({ source: "email", sourceDetail: "ana@proveedor.es", einvoice: false })).toBe("Correo de ana@proveedor.es");
  });
});
