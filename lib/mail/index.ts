/**
 * Outgoing mail: verification and invite links. With SMTP_URL set, mail goes out through
 * nodemailer's SMTP transport (smtp://user:pass@host:587, smtps:// for implicit TLS).
 * Without it (development, tests, a first run) each mail is written to DATA_DIR/outbox as an
 * .eml file and its path is printed, so links can be followed without a mail server. In
 * production an unset SMTP_URL still writes the outbox, and says loudly that nothing was sent.
 */
import fs from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { logger } from "@/lib/logger";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface SentMail {
  id: string;
  /** The outbox file, when the mail went to the outbox. */
  file?: string;
}

export function outboxDir(): string {
  return path.resolve(process.env.DATA_DIR || ".data", "outbox");
}

function fromAddress(): string {
  return process.env.MAIL_FROM || "Avatar Video Studio <no-reply@localhost>";
}

/** Header values never carry a line break: a crafted name or address cannot add headers. */
function headerValue(v: string): string {
  return v.replace(/[\r\n]+/g, " ").trim();
}

async function sendSmtp(url: string, mail: Mail): Promise<SentMail> {
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport(url);
  const info = await transport.sendMail({ from: fromAddress(), to: headerValue(mail.to), subject: headerValue(mail.subject), text: mail.text });
  return { id: String(info.messageId ?? randomBytes(8).toString("hex")) };
}

function writeOutbox(mail: Mail): SentMail {
  const dir = outboxDir();
  fs.mkdirSync(dir, { recursive: true });
  // The recipient's hash in the name lets readOutbox skip other people's mail unread.
  const id = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}-${recipientTag(mail.to)}`;
  const file = path.join(dir, `${id}.eml`);
  const body = [
    `From: ${headerValue(fromAddress())}`,
    `To: ${headerValue(mail.to)}`,
    `Subject: ${headerValue(mail.subject)}`,
    `Date: ${new Date().toUTCString()}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    mail.text,
    "",
  ].join("\r\n");
  fs.writeFileSync(file, body, { mode: 0o600 });
  return { id, file };
}

function recipientTag(to: string): string {
  return createHash("sha256").update(to.trim().toLowerCase()).digest("hex").slice(0, 12);
}

export async function sendMail(mail: Mail): Promise<SentMail> {
  const smtp = process.env.SMTP_URL;
  if (smtp) return sendSmtp(smtp, mail);
  const sent = writeOutbox(mail);
  const note = process.env.NODE_ENV === "production" ? " (SMTP_URL is not set: nothing was sent; set it to deliver mail)" : "";
  logger.info({ to: mail.to, subject: mail.subject, file: sent.file }, `mail written to the outbox${note}`);
  if (process.env.NODE_ENV !== "test") console.log(`✉  ${mail.subject} → ${mail.to}: ${sent.file}`);
  return sent;
}

export interface OutboxMail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

/** The outbox's mails to one address, newest last (for tests and the README's walkthrough). */
export function readOutbox(to: string): OutboxMail[] {
  let files: string[];
  try {
    const tag = `-${recipientTag(to)}.eml`;
    files = fs.readdirSync(outboxDir()).filter((f) => f.endsWith(tag)).sort();
  } catch {
    return [];
  }
  const out: OutboxMail[] = [];
  for (const f of files) {
    const file = path.join(outboxDir(), f);
    const raw = fs.readFileSync(file, "utf8");
    const [head, ...rest] = raw.split("\r\n\r\n");
    const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(head)?.[1] ?? "";
    if (header("To").toLowerCase() !== to.toLowerCase()) continue;
    out.push({ file, to: header("To"), subject: header("Subject"), text: rest.join("\r\n\r\n").replace(/\r\n/g, "\n").trim() });
  }
  return out;
}

/** The first link to this app's `/<pathPrefix>/<token>` in a mail's text. */
export function linkIn(text: string, pathPrefix: string): string | null {
  const m = new RegExp(`https?://\\S+?/${pathPrefix}/([A-Za-z0-9_-]+)`).exec(text);
  return m ? m[1] : null;
}
