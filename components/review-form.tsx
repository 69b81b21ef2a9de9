"use client";

import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState, useTransition } from "react";
import {
  rejectAction,
  reopenAction,
  reprocessAction,
  saveReviewAction,
  type ReviewActionResult,
} from "@/app/(app)/documents/[id]/actions";
import { announceFieldFocus } from "@/components/field-focus";
import { ShortcutsHelp } from "@/components/shortcuts-help";
import { useShortcuts } from "@/components/use-shortcuts";
import { checkInvoice, hasErrors, taxHints, type CheckIssue, type HintContext } from "@/lib/invoices/checks";
import { expectedTotal } from "@/lib/tax/vat";
import { CATEGORY_OPTIONS, readAmount, readReverseChargeRate, toCheckInput, type InvoiceFormValues, type LineValues } from "@/lib/invoices/form";
import { messageFor } from "@/lib/errors";
import { formatEuros } from "@/lib/money";
import { CONFIDENCE_KEYS, doubtfulConfidence } from "@/lib/review/reasons";

const HELP: [string, string][] = [
  ["j", "Siguiente documento de la cola"],
  ["k", "Documento anterior"],
  ["e", "Editar: ir al primer campo"],
  ["t", "Ir al total"],
  ["s", "Guardar"],
  ["a", "Aprobar (si no hay errores)"],
  ["r", "Rechazar"],
  ["Esc", "Salir del campo"],
  ["?", "Esta ayuda"],
];

const EMPTY_LINE: LineValues = { rate: "21", base: "", vat: "", recargo: "" };

type Props = {
  documentId: string;
  initial: InvoiceFormValues;
  confidence: Record<string, number>;
  today: string;
  status: string;
  readOnly: boolean;
  canReprocess: boolean;
  canReject: boolean;
  nextId: string | null;
  prevId: string | null;
  /** For the informational hints (reverse charge, non-deductible IVA, IRPF to pay in). */
  hintContext: HintContext;
};

/**
 * The review form. `formKey` names the saved state it shows (the record's last update and the status): when it
 * changes the fields start again from the server's values, while the message of the last action stays, so
 * "Cambios guardados." survives the re-render its own save causes.
 */
export function ReviewForm({ formKey, ...props }: Props & { formKey: string }) {
  const [result, setResult] = useState<ReviewActionResult | null>(null);
  return <ReviewFormFields key={formKey} {...props} result={result} setResult={setResult} />;
}

function ReviewFormFields(props: Props & { result: ReviewActionResult | null; setResult: (r: ReviewActionResult | null) => void }) {
  const { documentId, initial, confidence, today, status, readOnly, nextId, prevId, result, setResult } = props;
  const router = useRouter();
  const [v, setV] = useState<InvoiceFormValues>(initial);
  const [pending, start] = useTransition();
  const [help, setHelp] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const formRef = useRef<HTMLFormElement>(null);

  const issues = useMemo(() => checkInvoice(toCheckInput(v), { today }), [v, today]);
  const hints = useMemo(() => taxHints(toCheckInput(v), props.hintContext), [v, props.hintContext]);
  const blocked = hasErrors(issues);
  const byField = (f: string) => issues.filter((i) => i.field === f);
  // Low-confidence marks ask a person to look; once approved, a person has.
  const lowConf = (f: string) => status !== "approved" && doubtfulConfidence(f, confidence) !== null;
  const invalid = (s: string) => readAmount(s) === undefined;
  // Percentages: IRPF may be empty (no retention); deductible % is required, a whole number 0–100.
  const rate = readAmount(v.irpfRate);
  const badIrpfRate = v.irpfRate.trim() !== "" && (rate === undefined || rate === null || rate < 0 || rate > 10_000);
  const badDeductible = !/^\s*(100|[1-9]?\d)\s*$/.test(v.deductiblePct);
  const badReverseRate = v.reverseCharge && readReverseChargeRate(v.reverseChargeRate) === undefined;
  const errorCount = issues.filter((i) => i.severity === "error").length;
  const warningCount = issues.length - errorCount;
  const sum = useMemo(() => {
    const c = toCheckInput(v);
    return c.lines.every((l) => l.baseCents !== null && l.vatCents !== null) ? expectedTotal(c) : null;
  }, [v]);

  const set = <K extends keyof InvoiceFormValues>(k: K, value: InvoiceFormValues[K]) => setV((p) => ({ ...p, [k]: value }));
  // An issued invoice is never self-assessed: switching to issued clears the reverse-charge mark.
  const setDirection = (x: string) =>
    setV((p) => ({ ...p, direction: x as InvoiceFormValues["direction"], ...(x === "issued" ? { reverseCharge: false, reverseChargeRate: "" } : {}) }));
  const setLine = (i: number, k: keyof LineValues, value: string) =>
    setV((p) => ({ ...p, lines: p.lines.map((l, j) => (j === i ? { ...l, [k]: value } : l)) }));

  const submit = (intent: "save" | "approve") => {
    if (readOnly || pending) return;
    if (intent === "approve" && blocked) {
      setResult({ ok: false, code: "review:checks_failed", error: messageFor("review:checks_failed") });
      return;
    }
    start(async () => {
      const r = await saveReviewAction({ documentId, values: v, intent });
      setResult(r);
      if (r.ok && r.data.nextId) router.push(`/documents/${r.data.nextId}?aprobado=${documentId}`);
      else if (r.ok) router.refresh();
    });
  };
  const act = (fn: () => Promise<ReviewActionResult>) =>
    start(async () => {
      const r = await fn();
      setResult(r);
      if (r.ok) {
        setRejecting(false);
        router.refresh();
      }
    });

  useShortcuts({
    j: () => (nextId ? router.push(`/documents/${nextId}`) : false),
    k: () => (prevId ? router.push(`/documents/${prevId}`) : false),
    e: () => formRef.current?.querySelector<HTMLElement>("input:not([type=hidden])")?.focus(),
    t: () => document.getElementById(`${documentId}-total`)?.focus(),
    s: () => submit("save"),
    a: () => submit("approve"),
    r: () => (props.canReject ? setRejecting(true) : false),
    "?": () => setHelp((h) => !h),
    Escape: () => setHelp(false),
  });

  const fieldClass = (bad: boolean, low: boolean) =>
    `block w-full rounded-md border px-2 py-1.5 text-sm shadow-sm disabled:bg-slate-50 ${
      bad ? "border-red-500" : low ? "border-amber-400 bg-amber-50" : "border-slate-300"
    }`;

  return (
    <div className="space-y-4">
      <form
        ref={formRef}
        onSubmit={(e) => {
          e.preventDefault();
          submit("save");
        }}
        onFocus={(e) => {
          // Tell the viewer which source boxes to show (components/field-focus.ts).
          const field = (e.target as HTMLElement).closest("[data-field]")?.getAttribute("data-field");
          if (field) announceFieldFocus(CONFIDENCE_KEYS[field] ?? []);
        }}
        className="space-y-4"
        noValidate
        aria-label="Registro fiscal"
      >
        <fieldset disabled={readOnly} className="space-y-4">
          <div className="grid grid-cols-2 gap-3">
            <Select label="Tipo de operación" value={v.direction} onChange={setDirection}
              options={[["received", "Gasto (recibida)"], ["issued", "Ingreso (emitida)"]]} />
            <Select label="Tipo de documento" value={v.docType} onChange={(x) => set("docType", x as InvoiceFormValues["docType"])}
              options={[["invoice", "Factura completa"], ["simplified", "Factura simplificada"], ["credit_note", "Rectificativa"]]}
              issues={byField("docType")} low={lowConf("docType")} field="docType" />
          </div>
          <Text label="Contraparte (nombre)" name="counterpartyName" value={v.counterpartyName} onChange={(x) => set("counterpartyName", x)}
            issues={byField("counterpartyName")} low={lowConf("counterpartyName")} cls={fieldClass} />
          <div className="grid grid-cols-2 gap-3">
            <Text label="NIF / NIF-IVA" name="counterpartyTaxId" value={v.counterpartyTaxId} onChange={(x) => set("counterpartyTaxId", x)}
              issues={byField("counterpartyTaxId")} low={lowConf("counterpartyTaxId")} cls={fieldClass} />
            <Text label="Número de factura" name="number" value={v.number} onChange={(x) => set("number", x)}
              issues={byField("number")} low={lowConf("number")} cls={fieldClass} />
          </div>
          <Text label="Fecha de emisión" name="issueDate" type="date" value={v.issueDate} onChange={(x) => set("issueDate", x)}
            issues={byField("issueDate")} low={lowConf("issueDate")} cls={fieldClass} />

          <fieldset className="space-y-2 rounded-md border border-slate-200 p-3" data-field="lines">
            <legend className="px-1 text-sm font-medium text-slate-700">
              Líneas de IVA {lowConf("lines") ? <LowBadge /> : null}
            </legend>
            <div className="grid grid-cols-[4.5rem_1fr_1fr_1fr_auto] gap-2 text-xs text-slate-600">
              <span>Tipo %</span><span>Base (€)</span><span>Cuota IVA (€)</span><span>Recargo (€)</span><span />
            </div>
            {v.lines.map((l, i) => {
              const li = byField(`line.${i}`);
              return (
                <div key={i} className="space-y-1" data-testid="vat-line">
                  <div className="grid grid-cols-[4.5rem_1fr_1fr_1fr_auto] gap-2">
                    <input aria-label={`Tipo de IVA, línea ${i + 1}`} value={l.rate} inputMode="decimal" aria-invalid={invalid(l.rate) || li.length > 0 || undefined}
                      onChange={(e) => setLine(i, "rate", e.target.value)} className={fieldClass(invalid(l.rate) || li.length > 0, false)} />
                    <input aria-label={`Base, línea ${i + 1}`} value={l.base} inputMode="decimal" aria-invalid={invalid(l.base) || li.length > 0 || undefined}
                      onChange={(e) => setLine(i, "base", e.target.value)} className={fieldClass(invalid(l.base) || li.length > 0, lowConf("lines"))} />
                    <input aria-label={`Cuota de IVA, línea ${i + 1}`} value={l.vat} inputMode="decimal" aria-invalid={invalid(l.vat) || li.length > 0 || undefined}
                      onChange={(e) => setLine(i, "vat", e.target.value)} className={fieldClass(invalid(l.vat) || li.length > 0, lowConf("lines"))} />
                    <input aria-label={`Recargo, línea ${i + 1}`} value={l.recargo} inputMode="decimal" aria-invalid={invalid(l.recargo) || undefined}
                      onChange={(e) => setLine(i, "recargo", e.target.value)} className={fieldClass(invalid(l.recargo), false)} />
                    <button type="button" aria-label={`Quitar la línea ${i + 1}`} className="px-2 text-slate-500 hover:text-red-700"
                      onClick={() => setV((p) => ({ ...p, lines: p.lines.filter((_, j) => j !== i) }))}>
                      ×
                    </button>
                  </div>
                  <Issues issues={li} />
                </div>
              );
            })}
            <Issues issues={byField("lines")} />
            <button type="button" className="text-sm font-medium text-brand-700 hover:underline"
              onClick={() => setV((p) => ({ ...p, lines: [...p.lines, { ...EMPTY_LINE }] }))}>
              + Añadir tipo de IVA
            </button>
          </fieldset>

          <div className="grid grid-cols-2 gap-3">
            <Text label="Retención IRPF (%)" name="irpfRate" value={v.irpfRate} onChange={(x) => set("irpfRate", x)} inputMode="decimal"
              issues={[]} low={lowConf("irpfRate")} cls={fieldClass} invalid={badIrpfRate} invalidText="Tipo no válido (p. ej. 15)." />
            <Text label="Importe IRPF (€)" name="irpfAmount" value={v.irpfAmount} onChange={(x) => set("irpfAmount", x)} inputMode="decimal"
              issues={byField("irpf")} low={lowConf("irpfAmount")} cls={fieldClass} invalid={invalid(v.irpfAmount)} />
          </div>
          <Text label="Total (€)" name="total" id={`${documentId}-total`} value={v.total} onChange={(x) => set("total", x)} inputMode="decimal"
            issues={byField("total")} low={lowConf("total")} cls={fieldClass} invalid={invalid(v.total)}
            hint={sum !== null ? `Base + IVA − IRPF + recargo = ${formatEuros(sum)}` : undefined} />
          <div className="grid grid-cols-2 gap-3">
            <Select label="Categoría" value={v.category} onChange={(x) => set("category", x as InvoiceFormValues["category"])} field="category"
              options={[["", "Sin categoría"], ...CATEGORY_OPTIONS]} />
            <Text label="Deducible (%)" name="deductiblePct" value={v.deductiblePct} onChange={(x) => set("deductiblePct", x)} inputMode="numeric"
              issues={[]} low={false} cls={fieldClass} invalid={badDeductible} invalidText="Un número entero de 0 a 100." />
          </div>
          {v.direction === "received" ? (
            <fieldset className="space-y-2 rounded-md border border-slate-200 p-3" data-field="reverseCharge">
              <legend className="px-1 text-sm font-medium text-slate-700">Inversión del sujeto pasivo</legend>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="reverseCharge" checked={v.reverseCharge} className="mt-0.5"
                  onChange={(e) => setV((p) => ({ ...p, reverseCharge: e.target.checked, reverseChargeRate: e.target.checked ? p.reverseChargeRate : "" }))} />
                <span>Autoliquido el IVA de esta factura (proveedor de otro país de la UE, de fuera de la UE o inversión nacional)</span>
              </label>
              {v.reverseCharge ? (
                <Text label="Tipo de autoliquidación (%)" name="reverseChargeRate" value={v.reverseChargeRate} onChange={(x) => set("reverseChargeRate", x)}
                  inputMode="decimal" issues={[]} low={false} cls={fieldClass} invalid={badReverseRate}
                  invalidText="Tipo no válido (p. ej. 21 o 10)." hint="Vacío: 21 %, salvo que la factura indique otro tipo." />
              ) : null}
            </fieldset>
          ) : null}
        </fieldset>

        {/* Only the counts are announced (the full list would be re-read on every keystroke). */}
        <p className="sr-only" aria-live="polite">
          {errorCount === 0 && warningCount === 0
            ? "Todas las comprobaciones son correctas."
            : `${errorCount} ${errorCount === 1 ? "error" : "errores"}, ${warningCount} ${warningCount === 1 ? "aviso" : "avisos"}.`}
        </p>
        <div data-testid="checks" className="rounded-md border border-slate-200 p-3 text-sm">
          {issues.length === 0 ? (
            <p className="text-emerald-700">✓ Todas las comprobaciones son correctas.</p>
          ) : null}
          {issues.length > 0 ? (
            <ul className="space-y-1">
              {issues.map((i, n) => (
                <li key={n} data-code={i.code} className={i.severity === "error" ? "text-red-700" : "text-amber-800"}>
                  {i.severity === "error" ? "✗" : "⚠"} {i.message}
                </li>
              ))}
            </ul>
          ) : null}
          {hints.length > 0 ? (
            <ul className="mt-2 space-y-1 border-t border-slate-100 pt-2" aria-label="Indicaciones fiscales" data-testid="hints">
              {hints.map((h) => (
                <li key={h.code} data-code={h.code} className="text-sky-800">
                  ℹ {h.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>

        {result ? (
          <p role={result.ok ? "status" : "alert"} data-testid="review-result"
            className={`rounded-md px-3 py-2 text-sm ${result.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}>
            {result.ok ? result.data.message : result.error}
            {!result.ok && result.fieldErrors ? ` (${Object.values(result.fieldErrors).join(" ")})` : ""}
          </p>
        ) : null}

        <div className="flex flex-wrap gap-2">
          {readOnly ? (
            status === "approved" ? (
              <button type="button" disabled={pending} onClick={() => act(() => reopenAction({ documentId }))}
                className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
                Reabrir para corregir
              </button>
            ) : null
          ) : (
            <>
              <button type="submit" disabled={pending}
                className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:text-slate-400">
                Guardar
              </button>
              <button type="button" disabled={pending || blocked || badDeductible || badIrpfRate || badReverseRate} onClick={() => submit("approve")}
                title={blocked ? "Corrige los errores antes de aprobar" : undefined}
                className="rounded-md bg-emerald-600 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-700 disabled:bg-slate-300">
                Aprobar
              </button>
            </>
          )}
          {props.canReject ? (
            <button type="button" disabled={pending} onClick={() => setRejecting((r) => !r)}
              className="rounded-md border border-rose-300 px-4 py-2 text-sm font-medium text-rose-800 hover:bg-rose-50">
              Rechazar…
            </button>
          ) : null}
          {props.canReprocess ? (
            <button type="button" disabled={pending}
              onClick={() => window.confirm("Se volverá a extraer el documento y se sustituirá el borrador. ¿Continuar?") && act(() => reprocessAction({ documentId }))}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-100">
              Reprocesar
            </button>
          ) : null}
        </div>
      </form>
      {rejecting ? (
        <form className="space-y-2 rounded-md border border-rose-200 bg-rose-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            act(() => rejectAction({ documentId, reason }));
          }}>
          <label className="block text-sm font-medium text-rose-900">
            Motivo del rechazo
            <textarea required minLength={3} maxLength={500} autoFocus value={reason} onChange={(e) => setReason(e.target.value)}
              className="mt-1 block w-full rounded-md border border-rose-300 bg-white px-2 py-1.5 text-sm" rows={2} />
          </label>
          <button type="submit" disabled={pending || reason.trim().length < 3}
            className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white disabled:bg-slate-300">
            Confirmar rechazo
          </button>
        </form>
      ) : null}
      <p className="text-xs text-slate-500">
        Pulsa <kbd className="rounded border px-1 font-mono">?</kbd> para ver los atajos.{" "}
        {Object.keys(CONFIDENCE_KEYS).some(lowConf) ? (
          <span>Los campos en ámbar tienen confianza baja en la extracción.</span>
        ) : null}
      </p>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} items={HELP} />
    </div>
  );
}

function LowBadge() {
  return (
    <span className="ml-1 rounded bg-amber-100 px-1 text-xs font-normal text-amber-900" title="Confianza baja en la extracción" data-testid="low-confidence">
      revisar
    </span>
  );
}

function Issues({ issues }: { issues: CheckIssue[] }) {
  if (issues.length === 0) return null;
  // Rendered inside the field's description (aria-describedby) by <Text>, or under a VAT line.
  return (
    <>
      {issues.map((i) => (
        <p key={i.code} className={`text-xs ${i.severity === "error" ? "text-red-700" : "text-amber-800"}`}>
          {i.message}
        </p>
      ))}
    </>
  );
}

function Text(props: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  issues: CheckIssue[];
  low: boolean;
  cls: (bad: boolean, low: boolean) => string;
  type?: string;
  id?: string;
  inputMode?: "decimal" | "numeric";
  invalid?: boolean;
  invalidText?: string;
  hint?: string;
}) {
  const auto = useId();
  const id = props.id ?? auto;
  const descId = `${id}-desc`;
  const bad = Boolean(props.invalid) || props.issues.some((i) => i.severity === "error");
  const described = Boolean(props.invalid || props.issues.length || props.hint);
  return (
    <div className="space-y-1 text-sm" data-field={props.name}>
      <label htmlFor={id} className="font-medium text-slate-700">
        {props.label} {props.low ? <LowBadge /> : null}
      </label>
      <input id={id} name={props.name} type={props.type ?? "text"} inputMode={props.inputMode} value={props.value}
        aria-invalid={bad || undefined} aria-describedby={described ? descId : undefined}
        onChange={(e) => props.onChange(e.target.value)} className={props.cls(bad, props.low)} />
      <div id={descId}>
        {props.invalid ? <p className="text-xs text-red-700">{props.invalidText ?? "Importe no válido (p. ej. 1.234,56)."}</p> : null}
        <Issues issues={props.issues} />
        {props.hint ? <p className="text-xs text-slate-500">{props.hint}</p> : null}
      </div>
    </div>
  );
}

function Select(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: [string, string][];
  issues?: CheckIssue[];
  low?: boolean;
  field?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1 text-sm" data-field={props.field}>
      <label htmlFor={id} className="font-medium text-slate-700">
        {props.label} {props.low ? <LowBadge /> : null}
      </label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
        {props.options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      <Issues issues={props.issues ?? []} />
    </div>
  );
}
