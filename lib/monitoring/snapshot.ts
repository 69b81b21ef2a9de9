import "server-only";
import type { Db } from "@/db/client";
import { failuresByCode, processingDurations, queueDepth, type TextSource } from "@/db/queries/monitoring";
import { ocrPoolState } from "@/lib/documents/ocr";
import { CHECKS, runDoctor, type DoctorReport } from "@/lib/doctor";
import { checkOcr } from "@/lib/doctor/checks/ocr";
import type { DocumentStatus } from "@/lib/enums";
import { summarize } from "./percentile";

export const WINDOW_MS = 24 * 3_600_000;

export type MonitoringSnapshot = {
  at: string;
  since: string;
  queue: Record<DocumentStatus, number>;
  times: Record<TextSource, { count: number; p50: number | null; p95: number | null }>;
  failures: { code: string; count: number }[];
  memory: NodeJS.MemoryUsage;
  uptimeS: number;
  ocr: ReturnType<typeof ocrPoolState>;
};

/** What the admin monitoring page shows, for the whole instance; reads only (never starts the OCR pool). */
export async function monitoringSnapshot(db: Db, now = new Date()): Promise<MonitoringSnapshot> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [queue, durations, failures] = await Promise.all([
    queueDepth(db),
    processingDurations(db, { since }),
    failuresByCode(db, { since }),
  ]);
  return {
    at: now.toISOString(),
    since: since.toISOString(),
    queue,
    times: {
      pdf_text: summarize(durations.pdf_text),
      ocr: summarize(durations.ocr),
      einvoice: summarize(durations.einvoice),
    },
    failures,
    memory: process.memoryUsage(),
    uptimeS: Math.round(process.uptime()),
    ocr: ocrPoolState(),
  };
}

/**
 * The doctor's checks for the monitoring page: all but the OCR smoke run, which would start the OCR pool and take
 * seconds of CPU from the documents being processed (`npm run doctor` still runs it).
 */
export const PAGE_DOCTOR_CHECKS = CHECKS.filter((c) => c !== checkOcr);

/** The doctor's report on the environment this process runs with, without the OCR smoke run. */
export function runPageDoctor(): Promise<DoctorReport> {
  return runDoctor({}, PAGE_DOCTOR_CHECKS);
}
