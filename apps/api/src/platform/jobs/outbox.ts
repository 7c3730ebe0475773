import { and, eq, sql } from "drizzle-orm";
import { type Db, type Queryable, rowsOf } from "../db/client";
import { newId } from "../ids";
import { outbox } from "./tables";

/** Writes a side effect in the caller's transaction: it is delivered only if the transaction commits. */
export async function enqueue(
  tx: Queryable,
  tenantId: string,
  topic: string,
  payload: unknown,
  availableAt: Date = new Date(),
): Promise<string> {
  const id = newId();
  const now = new Date();
  await tx
    .insert(outbox)
    .values({ tenantId, id, topic, payload: payload ?? {}, createdAt: now, availableAt });
  return id;
}

export interface OutboxMessage {
  tenantId: string;
  id: string;
  topic: string;
  payload: unknown;
  attempts: number;
}

export type OutboxHandler = (message: OutboxMessage, db: Db) => Promise<void>;

/** Retry after 30 s, 2 min, 8 min, … capped at 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export const MAX_ATTEMPTS = 10;

/**
 * Claims up to `limit` due messages with FOR UPDATE SKIP LOCKED (so several workers on several
 * nodes never take the same one), runs their handlers, and marks each done or schedules a retry.
 * Returns how many messages were handled successfully.
 */
export async function runOutboxOnce(
  db: Db,
  handlers: Map<string, OutboxHandler>,
  limit = 20,
): Promise<number> {
  let delivered = 0;
  await db.transaction(async (tx) => {
    const due = rowsOf<{ tenant_id: string; id: string; topic: string; payload: unknown; attempts: number }>(
      await tx.execute(sql`
        select tenant_id, id, topic, payload, attempts from outbox
         where done_at is null and available_at <= now() and attempts < ${MAX_ATTEMPTS}
         order by available_at limit ${limit} for update skip locked`),
    );
    for (const row of due) {
      const message = {
        tenantId: row.tenant_id,
        id: row.id,
        topic: row.topic,
        payload: row.payload,
        attempts: row.attempts,
      };
      const handler = handlers.get(row.topic);
      const key = and(eq(outbox.tenantId, row.tenant_id), eq(outbox.id, row.id));
      try {
        if (!handler) throw new Error(`no handler for topic ${row.topic}`);
        await handler(message, db);
        await tx
          .update(outbox)
          .set({ doneAt: new Date(), attempts: row.attempts + 1, lastError: null })
          .where(key);
        delivered++;
      } catch (e) {
        const attempts = row.attempts + 1;
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: String((e as Error).message ?? e).slice(0, 1000),
            availableAt: new Date(Date.now() + backoffMs(attempts)),
          })
          .where(key);
      }
    }
  });
  return delivered;
}

/** Runs the outbox in a loop until `signal` aborts; used by `eiso worker` and by `eiso serve`. */
export async function runOutboxWorker(
  db: Db,
  handlers: Map<string, OutboxHandler>,
  signal: AbortSignal,
  idleMs = 1000,
  onError: (e: unknown) => void = () => {},
): Promise<void> {
  while (!signal.aborted) {
    let handled = 0;
    try {
      handled = await runOutboxOnce(db, handlers);
    } catch (e) {
      onError(e);
    }
    if (handled === 0) await new Promise((r) => setTimeout(r, idleMs));
  }
}
