/**
 * A private Dovecot IMAP server on loopback for integration tests (Debian's `dovecot-imapd`; `.ci/run` installs
 * it). Nothing system-wide: config, state, logs and maildirs live in a temporary folder removed by `stop`.
 * Needs root (Dovecot's master drops to the `dovecot` user for the mail processes).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const DOVECOT_BIN = ["/usr/sbin/dovecot", "/usr/bin/dovecot"].find((p) => existsSync(p)) ?? null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => {
        s.end();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type Dovecot = { port: number; user: string; pass: string; url: (mailbox?: string) => string; stop: () => void };

export async function startDovecot(opts: { user?: string; pass?: string } = {}): Promise<Dovecot> {
  if (!DOVECOT_BIN) throw new Error("dovecot is not installed (apt-get install -y dovecot-imapd)");
  const user = opts.user ?? "facturas@anclora.test";
  const pass = opts.pass ?? "secreto-de-prueba";
  const dir = mkdtempSync(path.join(os.tmpdir(), "anclora-dovecot-"));
  chmodSync(dir, 0o755); // the dovecot user must reach the maildirs inside
  for (const d of ["run", "state", "mail"]) mkdirSync(path.join(dir, d));
  const port = await freePort();
  writeFileSync(path.join(dir, "users"), `${user}:{PLAIN}${pass}\n`);
  const conf = path.join(dir, "dovecot.conf");
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/mail/%u
}
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  execFileSync("chown", ["-R", "dovecot:dovecot", path.join(dir, "mail")]);
  // stdio ignored: the daemon keeps inherited pipes open, and execFileSync would wait for them forever.
  execFileSync(DOVECOT_BIN, ["-c", conf], { stdio: "ignore" });
  try {
    await waitForPort(port);
  } catch (e) {
    const logFile = path.join(dir, "dovecot.log");
    throw new Error(`${(e as Error).message}\n${existsSync(logFile) ? readFileSync(logFile, "utf8") : ""}`);
  }
  const stop = () => {
    const pidFile = path.join(dir, "run", "master.pid");
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, "utf8").trim()));
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    port,
    user,
    pass,
    url: (mailbox = "INBOX") => `imap://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
    stop,
  };
}
