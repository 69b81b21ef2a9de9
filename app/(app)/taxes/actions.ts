"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addOtherExpense, deleteOtherExpense, markFiled, unmarkFiled, updateTaxSettings } from "@/db/queries/tax";
import { IRPF_REGIMES, VAT_REGIMES } from "@/db/schema";
import { bookAction, formAction } from "@/lib/auth/action";
import { parseAmount } from "@/lib/money";
import { getTaxYear } from "@/lib/tax/service";

/** An amount typed the Spanish way ("1.234,56") → cents; empty → null (or an error when required). */
const euros = (required: boolean) =>
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      if (!s) {
        if (required) ctx.addIssue({ code: "custom", message: "Obligatorio." });
        return null;
      }
      const c = parseAmount(s);
      if (c === null) {
        ctx.addIssue({ code: "custom", message: "Importe no válido (p. ej. 1.234,56)." });
        return z.NEVER;
      }
      return c;
    });

const quarterSchema = z.object({ year: z.coerce.number().int().min(2000).max(2999), quarter: z.coerce.number().int().min(1).max(4) });

/** Marks the quarter filed by the caller, keeping the boxes as they are now (to warn when an invoice changes). */
export const markFiledAction = formAction(
  bookAction("taxes.mark_filed", quarterSchema, async ({ user, book, db, input: { year, quarter } }) => {
    const data = await getTaxYear(db, { bookId: book.id, year });
    const q = data.printable.quarters[quarter - 1];
    await markFiled(db, { bookId: book.id, userId: user.id, year, quarter, snapshot: { m303: q.m303, m130: q.m130, m111: q.m111, m115: q.m115 } });
    revalidatePath("/taxes");
  }),
);

export const unmarkFiledAction = formAction(
  bookAction("taxes.unmark_filed", quarterSchema, async ({ book, db, input }) => {
    await unmarkFiled(db, { bookId: book.id, ...input });
    revalidatePath("/taxes");
  }),
);

export const saveTaxSettingsAction = formAction(
  bookAction(
    "taxes.save_settings",
    z.object({
      carryForward303: euros(false).refine((c) => c === null || c >= 0, "No puede ser negativo."),
      lastYearNetIncome: euros(false),
      q4Refund: z.literal("on").optional(),
      irpfRegime: z.enum(IRPF_REGIMES),
      vatRegime: z.enum(VAT_REGIMES),
    }),
    async ({ book, db, input }) => {
      await updateTaxSettings(db, {
        bookId: book.id,
        carryForward303Cents: input.carryForward303 ?? 0,
        lastYearNetIncomeCents: input.lastYearNetIncome,
        q4Refund: input.q4Refund === "on",
        irpfRegime: input.irpfRegime,
        vatRegime: input.vatRegime,
      });
      revalidatePath("/taxes");
    },
  ),
);

export const addExpenseAction = formAction(
  bookAction(
    "taxes.add_expense",
    z.object({
      date: z.iso.date("Fecha no válida."),
      concept: z.string().trim().min(1, "Escribe un concepto.").max(200),
      amount: euros(true),
      repeat: z.literal("monthly").optional(),
    }),
    async ({ user, book, db, input }) => {
      await addOtherExpense(db, { bookId: book.id, userId: user.id, date: input.date, concept: input.concept, amountCents: input.amount!, repeat: input.repeat ?? null });
      revalidatePath("/taxes");
    },
  ),
);

export const deleteExpenseAction = formAction(
  bookAction("taxes.delete_expense", z.object({ id: z.uuid() }), async ({ book, db, input }) => {
    await deleteOtherExpense(db, { bookId: book.id, id: input.id });
    revalidatePath("/taxes");
  }),
);
