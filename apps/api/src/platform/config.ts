import path from "node:path";
import { z } from "zod";

/** Default upload limit: a scanned dossier of a few dozen pages fits. */
export const DEFAULT_UPLOAD_MAX_MB = 20;
export const megabytes = (mb: number) => Math.round(mb * 1024 * 1024);

const ZConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  /**
   * Connections each API process keeps open to PostgreSQL. A server runs best with about twice its
   * cores in active connections (issue 12: on 2 cores, 5–6 connections served 15–35% more
   * transitions than 20, with a third less of the server's CPU each); with several API processes on
   * one database, divide among them.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  EISO_DATA_DIR: z.string().default(path.resolve(process.cwd(), "data/pglite")),
  EISO_ADMIN_PASSWORD: z.string().min(12).optional(),
  EISO_TENANT_CODE: z.string().default("HCM"),
  EISO_TENANT_NAME: z.string().default("Thành phố Hồ Chí Minh"),
  EISO_ROOT_UNIT_CODE: z.string().default("000.00.00.H29"),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("eISO <no-reply@eiso.local>"),
  /** Run the outbox worker inside `eiso serve` (inline) or only as a separate `eiso worker` (off). */
  EISO_WORKER: z.enum(["inline", "off"]).default("inline"),
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Largest file accepted by an upload (dossier documents, imports), in megabytes. */
  EISO_UPLOAD_MAX_MB: z.coerce.number().positive().max(1024).default(DEFAULT_UPLOAD_MAX_MB),
});
export type Config = z.infer<typeof ZConfigSchema>;

/** Reads configuration from the environment; a bad value stops the process with the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Cấu hình không hợp lệ / invalid configuration:\n${lines}`);
  }
  return parsed.data;
}
