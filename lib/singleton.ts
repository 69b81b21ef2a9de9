/**
 * Process-wide singletons (database, storage, OCR workers, queue runner, rate limiters), kept on `globalThis` under
 * `Symbol.for("anclora-flow.<key>")` so that Next.js dev reloads and the several bundles of one process share them.
 */
function slot(key: string): symbol {
  return Symbol.for(`anclora-flow.${key}`);
}

/** The value for `key`, made by `init` the first time it is asked for in this process. */
export function processSingleton<T>(key: string, init: () => T): T {
  const g = globalThis as Record<symbol, unknown>;
  const k = slot(key);
  if (!(k in g)) g[k] = init();
  return g[k] as T;
}

/** Forgets the value for `key` (a failed open, or tests that change the environment); the next call makes it again. */
export function resetProcessSingleton(key: string): void {
  delete (globalThis as Record<symbol, unknown>)[slot(key)];
}
