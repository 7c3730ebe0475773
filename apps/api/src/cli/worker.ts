import { escalateDueSteps } from "../modules/dossiers/escalation";
import { loadConfig } from "../platform/config";
import { openDatabase } from "../platform/db/client";
import { outboxHandlers } from "../platform/jobs/handlers";
import { runOutboxWorker } from "../platform/jobs/outbox";
import { runPeriodically } from "../platform/jobs/periodic";
import type { CliIo } from "./calendar";

/** `eiso worker`: delivers outbox messages (mail, notifications) until stopped; run as many as needed. */
export async function workerCommand(_argv: string[], io: CliIo): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.EISO_DATA_DIR,
    poolSize: 4,
  });
  await database.migrate();
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  io.out("eISO worker: đang chạy / running\n");
  void runPeriodically(
    () => escalateDueSteps(database.db),
    5 * 60_000,
    stop.signal,
    (e) => io.err(`${String(e)}\n`),
  );
  await runOutboxWorker(
    database.db,
    outboxHandlers(config, (m) => io.out(`${m}\n`)),
    stop.signal,
    1000,
    (e) => io.err(`${String(e)}\n`),
  );
  await database.close();
  return 0;
}
