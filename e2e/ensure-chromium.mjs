// The e2e tests drive Debian's Chromium (never a downloaded browser). Installs it when missing and we may.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const BIN = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(BIN)) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && existsSync("/usr/bin/apt-get")) {
    console.error(`[e2e] ${BIN} not found: installing Debian's chromium…`);
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  } else {
    console.error(`[e2e] ${BIN} not found. Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}
