import { z } from "zod";

/** GET /api/taxes/export query: a libro (E/R, XLSX or CSV, a year or one quarter) or the quarter pack (ZIP). */
export const exportQuerySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("libro"),
    letter: z.enum(["E", "R"]),
    format: z.enum(["xlsx", "csv"]).default("xlsx"),
    year: z.coerce.number().int().min(2000).max(2999),
    quarter: z.coerce.number().int().min(1).max(4).optional(),
    pendientes: z.literal("1").optional(),
  }),
  z.object({
    kind: z.literal("pack"),
    year: z.coerce.number().int().min(2000).max(2999),
    quarter: z.coerce.number().int().min(1).max(4),
    pendientes: z.literal("1").optional(),
  }),
]);
