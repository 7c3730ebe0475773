import nodemailer from "nodemailer";
import type { OutboxHandler } from "./jobs/outbox";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export const MAIL_TOPIC = "mail.send";

/**
 * Delivers `mail.send` outbox messages over SMTP. Without an SMTP URL the message is logged and
 * dropped (development); delivery errors throw so the outbox retries.
 */
export function mailHandler(
  smtpUrl: string | undefined,
  from: string,
  log: (msg: string) => void = () => {},
): OutboxHandler {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return async (message) => {
    const mail = message.payload as MailMessage;
    if (!transport) {
      log(`mail (no SMTP configured) to ${mail.to}: ${mail.subject}`);
      return;
    }
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  };
}
