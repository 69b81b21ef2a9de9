/** Raw MIME messages for intake tests, composed with nodemailer's MailComposer (what a real mail client sends). */
import MailComposer from "nodemailer/lib/mail-composer/index.js";

export type TestMail = {
  from?: string;
  to: string;
  subject?: string;
  messageId?: string;
  attachments?: { filename: string; content: Uint8Array | string; contentType?: string }[];
};

let n = 0;
export async function composeMail(m: TestMail): Promise<Uint8Array> {
  n++;
  const buf = await new MailComposer({
    from: m.from ?? "Proveedor <facturas@proveedor.es>",
    to: m.to,
    subject: m.subject ?? `Factura ${n}`,
    messageId: m.messageId ?? `<test-${n}-${Date.now()}@proveedor.es>`,
    text: "Adjuntamos la factura.",
    attachments: (m.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: typeof a.content === "string" ? a.content : Buffer.from(a.content),
      contentType: a.contentType,
    })),
  })
    .compile()
    .build();
  return new Uint8Array(buf);
}
