import type { Config } from "../config";
import { MAIL_TOPIC, mailHandler } from "../mail";
import type { OutboxHandler } from "./outbox";

/** Every outbox topic the worker knows how to deliver. */
export function outboxHandlers(config: Config, log: (msg: string) => void): Map<string, OutboxHandler> {
  return new Map<string, OutboxHandler>([[MAIL_TOPIC, mailHandler(config.SMTP_URL, config.MAIL_FROM, log)]]);
}
