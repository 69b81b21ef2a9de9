/** Structured logs: one JSON object per line on stdout/stderr. */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function threshold(): number {
  const l = (process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info")) as Level | "silent";
  return ORDER[l] ?? ORDER.info;
}

function serialiseError(e: unknown) {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, ...(code ? { code } : {}), stack: e.stack };
  }
  if (e && typeof e === "object") {
    // Errors that crossed a serialisation boundary (Inngest, workers) arrive as plain objects.
    const o = e as { name?: unknown; message?: unknown; code?: unknown };
    return { name: String(o.name ?? "Error"), message: String(o.message ?? JSON.stringify(e)), ...(o.code ? { code: o.code } : {}) };
  }
  return { message: String(e) };
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (ORDER[level] < threshold()) return;
  const entry: Record<string, unknown> = { level, time: new Date().toISOString(), msg };
  for (const [k, v] of Object.entries(fields ?? {})) entry[k] = k === "err" ? serialiseError(v) : v;
  const line = JSON.stringify(entry);
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
