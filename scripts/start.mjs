// `npm run start:prod`: the standalone server built by `npm run build`, started from the project root.
// server.js changes directory to .next/standalone, so the project's .env files are loaded here, and relative
// DATA_DIR / STORAGE_PATH / BACKUP_DIR are made absolute against the project root first (the embedded default's
// data stays in ./.data, where `next start` kept it, and survives the next build).
import path from "node:path";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import nextEnv from "@next/env";

const root = process.cwd();
nextEnv.loadEnvConfig(root, false, { info: () => {}, error: console.error });
for (const key of ["DATA_DIR", "STORAGE_PATH", "BACKUP_DIR"]) {
  const value = process.env[key]?.trim();
  if (value) process.env[key] = path.resolve(root, value);
}
process.env.DATA_DIR ||= path.resolve(root, ".data");

const server = path.resolve(root, ".next/standalone/server.js");
if (!existsSync(server)) {
  console.error("No build found: run `npm run build` first (or `npm start`, which builds and starts).");
  process.exit(1);
}
await import(pathToFileURL(server).href);
