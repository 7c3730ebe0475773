import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../testing/database";
import { type Database, rowsOf } from "../db/client";
import { newId } from "../ids";
import { MAIL_TOPIC, mailHandler } from "../mail";
import { enqueue, type OutboxHandler, runOutboxOnce } from "./outbox";

/** A real SMTP server that keeps what it receives. */
function smtpSink() {
  const received: { to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (c) => {
        data += c.toString();
      });
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  return {
    received,
    listen: () =>
      new Promise<number>((r) =>
        server.listen(0, "127.0.0.1", () => r((server.server.address() as AddressInfo).port)),
      ),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let database: Database;
const tenantId = newId();
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const pending = async () =>
  rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from outbox where done_at is null`),
  )[0]!.n;

describe("outbox", () => {
  it("delivers mail through a real SMTP server after the transaction commits", async () => {
    const sink = smtpSink();
    const port = await sink.listen();
    try {
      await database.db.transaction(async (tx) => {
        await enqueue(tx, tenantId, MAIL_TOPIC, {
          to: "congdan@example.vn",
          subject: "Hồ sơ đã được tiếp nhận",
          text: "Xin chào",
        });
      });
      const handlers = new Map([[MAIL_TOPIC, mailHandler(`smtp://127.0.0.1:${port}`, "eiso@example.vn")]]);
      expect(await runOutboxOnce(database.db, handlers)).toBe(1);
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]!.to).toEqual(["congdan@example.vn"]);
      expect(sink.received[0]!.data).toContain("Subject:");
      expect(await runOutboxOnce(database.db, handlers)).toBe(0);
    } finally {
      await sink.close();
    }
  });

  it("writes nothing when the transaction rolls back", async () => {
    const before = await pending();
    await expect(
      database.db.transaction(async (tx) => {
        await enqueue(tx, tenantId, "x.test", {});
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await pending()).toBe(before);
  });

  it("keeps a failed message and retries it later with its error recorded", async () => {
    await database.db.transaction((tx) => enqueue(tx, tenantId, "flaky", { n: 1 }));
    let calls = 0;
    const handlers = new Map<string, OutboxHandler>([
      [
        "flaky",
        async () => {
          calls++;
          throw new Error("SMTP down");
        },
      ],
    ]);
    expect(await runOutboxOnce(database.db, handlers)).toBe(0);
    const [row] = rowsOf<{ attempts: number; last_error: string; later: boolean }>(
      await database.db.execute(
        sql`select attempts, last_error, available_at > now() as later from outbox where topic = 'flaky'`,
      ),
    );
    expect(row).toEqual({ attempts: 1, last_error: "SMTP down", later: true });
    // Not due yet: a second run does not call the handler again.
    await runOutboxOnce(database.db, handlers);
    expect(calls).toBe(1);
  });
});
