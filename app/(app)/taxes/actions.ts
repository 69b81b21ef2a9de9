"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addOtherExpense, deleteOtherExpense, markFiled, unmarkFiled, updateTaxSettings } from "@/db/queries/tax";
import { IRPF_REGIMES, VAT_REGIMES } from "@/db/schema";
import { bookContextOrThrow } from "@/lib/auth/session";
import { isAppError, messageFor } from "@/lib/errors";
import { log } from "@/lib/log";
import { parseAmount } from "@/lib/money";
import { getTaxYear } from "@/lib/tax/service";

export type TaxActionState = { error?: string; ok?: boolean };

function failure(e: unknown): TaxActionState {
  if (isAppError(e)) return { error: e.userMessage };
  log.error("taxes.action_failed", { err: e });
  return { error: messageFor("internal:unexpected") };
}

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

export async function markFiledAction(_prev: TaxActionState, form: FormData): Promise<TaxActionState> {
  const parsed = quarterSchema.safeParse({ year: form.get("year"), quarter: form.get("quarter") });
  if (!parsed.success) return { error: messageFor("validation:invalid") };
  try {
    const ctx = await bookContextOrThrow();
    const { year, quarter } = parsed.data;
    const data = await getTaxYear(ctx.db, { bookId: ctx.book.id, year });
    const q = data.printable.quarters[quarter - 1];
    await markFiled(ctx.db, { bookId: ctx.book.id, userId: ctx.user.id, year, quarter, snapshot: { m303: q.m303, m130: q.m130, m111: q.m111, m115: q.m115 } });
    revalidatePath("/taxes");
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

export async function unmarkFiledAction(_prev: TaxActionState, form: FormData): Promise<TaxActionState> {
  const parsed = quarterSchema.safeParse({ year: form.get("year"), quarter: form.get("quarter") });
  if (!parsed.success) return { error: messageFor("validation:invalid") };
  try {
    const ctx = await bookContextOrThrow();
    await unmarkFiled(ctx.db, { bookId: ctx.book.id, ...parsed.data });
    revalidatePath("/taxes");
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

const settingsSchema = z.object({
  carryForward303: euros(false),
  lastYearNetIncome: euros(false),
  q4Refund: z.enum(["on"]).nullish(),
  irpfRegime: z.enum(IRPF_REGIMES),
  vatRegime: z.enum(VAT_REGIMES),
});

export async function saveTaxSettingsAction(_prev: TaxActionState, form: FormData): Promise<TaxActionState> {
  const parsed = settingsSchema.safeParse({
    carryForward303: form.get("carryForward303") ?? "",
    lastYearNetIncome: form.get("lastYearNetIncome") ?? "",
    q4Refund: form.get("q4Refund"),
    irpfRegime: form.get("irpfRegime"),
    vatRegime: form.get("vatRegime"),
  });
  if (!parsed.success) return { error: `${messageFor("validation:invalid")} ${parsed.error.issues[0]?.message ?? ""}`.trim() };
  if ((parsed.data.carryForward303 ?? 0) < 0) return { error: "El importe pendiente de compensar no puede ser negativo." };
  try {
    const ctx = await bookContextOrThrow();
    await updateTaxSettings(ctx.db, {
      bookId: ctx.book.id,
      carryForward303Cents: parsed.data.carryForward303 ?? 0,
      lastYearNetIncomeCents: parsed.data.lastYearNetIncome,
      q4Refund: parsed.data.q4Refund === "on",
      irpfRegime: parsed.data.irpfRegime,
      vatRegime: parsed.data.vatRegime,
    });
    revalidatePath("/taxes");
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

const expenseSchema = z.object({
  date: z.iso.date("Fecha no válida."),
  concept: z.string().trim().min(1, "Escribe un concepto.").max(200),
  amount: euros(true),
  repeat: z.enum(["monthly"]).nullish(),
});

export async function addExpenseAction(_prev: TaxActionState, form: FormData): Promise<TaxActionState> {
  const parsed = expenseSchema.safeParse({ date: form.get("date"), concept: form.get("concept") ?? "", amount: form.get("amount") ?? "", repeat: form.get("repeat") || null });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? messageFor("validation:invalid") };
  try {
    const ctx = await bookContextOrThrow();
    await addOtherExpense(ctx.db, { bookId: ctx.book.id, userId: ctx.user.id, date: parsed.data.date, concept: parsed.data.concept, amountCents: parsed.data.amount!, repeat: parsed.data.repeat ?? null });
    revalidatePath("/taxes");
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

export async function deleteExpenseAction(_prev: TaxActionState, form: FormData): Promise<TaxActionState> {
  const id = z.uuid().safeParse(form.get("id"));
  if (!id.success) return { error: messageFor("validation:invalid") };
  try {
    const ctx = await bookContextOrThrow();
    await deleteOtherExpense(ctx.db, { bookId: ctx.book.id, id: id.data });
    revalidatePath("/taxes");
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}
