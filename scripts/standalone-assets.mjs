// After `next build`: the standalone server (.next/standalone/server.js) serves .next/static and public/ only when
// they are copied next to it (Next.js docs, `output: "standalone"`). The Dockerfile copies the same two folders.
import { cpSync, existsSync, rmSync } from "node:fs";

const out = ".next/standalone";
if (!existsSync(`${out}/server.js`)) {
  console.error(`${out}/server.js is missing: is output "standalone" set in next.config.mjs?`);
  process.exit(1);
}
rmSync(`${out}/.next/static`, { recursive: true, force: true });
cpSync(".next/static", `${out}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${out}/public`, { recursive: true });
