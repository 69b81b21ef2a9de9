import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { outcomeLabel, parseSenderList } from "./settings";

describe("allow-list as typed in settings", () => {
  it("accepts addresses and domains separated by lines, commas or spaces, normalised and without repeats", () => {
    expect(parseSenderList("Ana@Proveedor.es, @luz.es\nproveedor.es; ana@proveedor.es")).toEqual(["ana@proveedor.es", "@luz.es", "@proveedor.es"]);
    expect(parseSenderList("  \n ")).toEqual([]);
  });

  it("refuses an entry that is neither, naming the code", () => {
    try {
      parseSenderList("ana@proveedor.es, no-es-nada");
      throw new Error("accepted");
    } catch (e) {
      expect(isAppError(e) && e.code).toBe("intake:invalid_sender");
    }
  });

  it("labels each outcome in Spanish", () => {
    expect([outcomeLabel("ingested"), outcomeLabel("sender_refused"), outcomeLabel(null)]).toEqual([
      "Añadido a la bandeja",
      "Remitente no permitido",
      "En curso",
    ]);
  });
});
