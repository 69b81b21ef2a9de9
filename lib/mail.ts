import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export type Mail = { to: string; subject: string; text: string };

/** Sends through SMTP_URL with nodemailer. Returns false (and logs) when SMTP is not configured or sending fails. */
export async function sendMail(mail: Mail): Promise<boolean> {
  const e = env();
  if (!e.SMTP_URL) return false;
  try {
    const { createTransport } = await import("nodemailer");
    const transport = createTransport(e.SMTP_URL);
    await transport.sendMail({ from: e.SMTP_FROM, ...mail });
    return true;
  } catch (err) {
    log.error("mail.failed", { err, to: mail.to, subject: mail.subject });
    return false;
  }
}

export function invitationMail({ to, url, bookName, inviterName }: { to: string; url: string; bookName: string; inviterName: string }): Mail {
  return {
    to,
    subject: `${inviterName || "Un cliente"} te invita a revisar ${bookName} en Anclora Flow`,
    text: [
      "Hola:",
      "",
      `${inviterName || "Un cliente"} te ha invitado como gestor/a del libro «${bookName}» en Anclora Flow.`,
      "Abre este enlace para aceptar (caduca en 7 días y solo sirve una vez):",
      "",
      url,
      "",
      "Si no esperabas esta invitación, ignora este correo.",
    ].join("\n"),
  };
}
