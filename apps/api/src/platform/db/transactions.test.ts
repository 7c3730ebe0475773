import { sql } from "drizzle-orm";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { type Database, openDatabase, rowsOf } from "./client";
import {
  beforeCommit,
  type PreparedStatement,
  type RunPrepared,
  readAfterCommit,
  readWith,
  sqlLiteral,
  writeTogether,
} from "./transactions";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`create table final_statement_probe (v text)`);
});
afterAll(async () => {
  await database.close();
});

const probe = async () =>
  rowsOf<{ v: string }>(await database.db.execute(sql`select v from final_statement_probe order by v`)).map(
    (r) => r.v,
  );

describe("statements that end a transaction", () => {
  it("inline any text as a literal that reads back unchanged", async () => {
    const texts = fc.sample(
      fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !s.includes("\0")),
      60,
    );
    for (const text of [...texts, "it's", "a\\'b", "\\\\", "$$", "E'x'", 'đ\n\t"']) {
      const [row] = rowsOf<{ v: string }>(
        await database.db.execute(sql.raw(`select ${sqlLiteral(text)} as v`)),
      );
      expect(row!.v).toBe(text);
    }
  });

  it("run after the transaction's own work, and commit with it", async () => {
    await database.db.transaction(async (tx) => {
      expect(
        beforeCommit(tx, () => [`insert into final_statement_probe values (${sqlLiteral("b last")})`]),
      ).toBe(true);
      await tx.execute(sql`insert into final_statement_probe values ('a first')`);
    });
    expect(await probe()).toEqual(["a first", "b last"]);
    // No connection is left inside a transaction.
    const [open] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
      ),
    );
    expect(open?.n ?? 0).toBe(0);
  });

  it("roll the whole transaction back when one fails, and run none when the transaction throws", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        beforeCommit(tx, () => ["select 1/0"]);
        await tx.execute(sql`insert into final_statement_probe values ('c lost')`);
      }),
    ).rejects.toThrow();
    await expect(
      database.db.transaction(async (tx) => {
        beforeCommit(tx, () => ["insert into final_statement_probe values ('d never')"]);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await probe()).toEqual(["a first", "b last"]);
    // The connection is usable afterwards.
    await database.db.transaction(async (tx) => {
      beforeCommit(tx, () => ["insert into final_statement_probe values ('e next')"]);
    });
    expect(await probe()).toEqual(["a first", "b last", "e next"]);
  });

  it("run a prepared statement by name again and again, also after a final query failed", async () => {
    const insert: PreparedStatement = {
      name: "eiso_test_probe_insert",
      params: "text, int",
      text: "insert into final_statement_probe select $1 || ':' || $2 where $2 > 0",
    };
    // On PostgreSQL pools of one connection, so that the transactions of each run on the same one.
    const connection = () =>
      database.url ? openDatabase({ url: database.url, poolSize: 1 }) : Promise.resolve(database);
    const commit = (db: Database, statements: (run: RunPrepared) => string[]) =>
      db.db.transaction(async (tx) => {
        beforeCommit(tx, statements);
      });
    const first = await connection();
    const second = await connection();
    try {
      // A syntax error anywhere in the final query: nothing of it ran, not even the PREPARE…
      await expect(
        commit(first, (run) => [run(insert, [sqlLiteral("p1"), "1::int"]), "select from from"]),
      ).rejects.toThrow();
      // …so the next use prepares the statement again, and the one after runs it as prepared.
      await commit(first, (run) => [run(insert, [sqlLiteral("p2"), "2::int"])]);
      await commit(first, (run) => [run(insert, [sqlLiteral("p3"), "3::int"])]);
      // A failure when the statements run: the PREPARE before them stays (it is not transactional)…
      await expect(
        commit(second, (run) => [run(insert, [sqlLiteral("p4"), "4::int"]), "select 1/0"]),
      ).rejects.toThrow();
      // …so the next use runs it without preparing it a second time.
      await commit(second, (run) => [run(insert, [sqlLiteral("p5"), "5::int"])]);
      expect((await probe()).filter((v) => v.startsWith("p"))).toEqual(["p2:2", "p3:3", "p5:5"]);
      if (database.url) {
        const [prepared] = rowsOf<{ n: number }>(
          await second.db.execute(
            sql`select count(*)::int as n from pg_prepared_statements where name = ${insert.name}`,
          ),
        );
        expect(prepared?.n).toBe(1);
      }
    } finally {
      if (first !== database) await first.close();
      if (second !== database) await second.close();
    }
  });

  it("read what the transaction committed in the same round trip, settling after it", async () => {
    const count: PreparedStatement = {
      name: "eiso_test_probe_count",
      params: "text",
      text: "select count(*)::int as n from final_statement_probe where v = $1",
    };
    let settled = false;
    // The transaction's callback returns the read as it comes (its rows inside an object).
    const read = await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into final_statement_probe values ('r committed')`);
      const after = readAfterCommit(tx, count, [sqlLiteral("r committed")]);
      void after.rows.then(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 10));
      expect(settled).toBe(false);
      return after;
    });
    expect(await read.rows).toEqual([{ n: 1 }]);
    // Also beside final statements, and again on a connection that has it prepared.
    for (const v of ["s one", "s two"]) {
      const again = await database.db.transaction(async (tx) => {
        beforeCommit(tx, () => [`insert into final_statement_probe values (${sqlLiteral(v)})`]);
        return readAfterCommit(tx, count, [sqlLiteral(v)]);
      });
      expect(await again.rows).toEqual([{ n: 1 }]);
    }
  });

  it("hold a transaction's writes back until its next query, which sees them, or its COMMIT", async () => {
    const stale = () => new Error("stale");
    await database.db.transaction(async (tx) => {
      await writeTogether(
        tx,
        [
          { query: sql`insert into final_statement_probe values ('h1') returning v` },
          { query: sql`insert into final_statement_probe values ('h2') returning v` },
        ],
        stale,
      );
      const seen = rowsOf<{ v: string }>(
        await tx.execute(sql`select v from final_statement_probe where v like 'h%' order by v`),
      );
      expect(seen.map((r) => r.v)).toEqual(["h1", "h2"]);
      await writeTogether(
        tx,
        [{ query: sql`insert into final_statement_probe values ('h3') returning v` }],
        stale,
      );
    });
    expect((await probe()).filter((v) => v.startsWith("h"))).toEqual(["h1", "h2", "h3"]);
  });

  it("fail the transaction with the caller's conflict when a held-back write finds its row changed, keeping nothing", async () => {
    await database.db.execute(sql`insert into final_statement_probe values ('k as read')`);
    const attempt = (expectOne: boolean) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into final_statement_probe values ('k lost')`);
        await writeTogether(
          tx,
          [
            {
              // The row as it was read ('k as read') is no longer there.
              query: sql`update final_statement_probe set v = 'k changed' where v = 'k as it was' returning v`,
              expectOne,
            },
            { query: sql`insert into final_statement_probe values ('k lost too') returning v` },
          ],
          () => new Error("someone acted first"),
        );
      });
    await expect(attempt(true)).rejects.toThrow("someone acted first");
    expect((await probe()).filter((v) => v.startsWith("k"))).toEqual(["k as read"]);
    // Without the lock the same writes commit: the check is what refused them.
    await attempt(false);
    expect((await probe()).filter((v) => v.startsWith("k"))).toEqual(["k as read", "k lost", "k lost too"]);
  });

  it("open the transaction with a read (on PostgreSQL in the BEGIN's round trip; the writes go with the COMMIT's)", async () => {
    const started: PreparedStatement = {
      name: "eiso_test_probe_started",
      params: "text",
      text: "select now()::text as t, $1::text as echo",
    };
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    let roundTrips = 0;
    proto.query = function (this: unknown, ...args: unknown[]) {
      roundTrips++;
      return original.apply(this, args);
    };
    try {
      for (const v of ["o1", "o2"]) {
        roundTrips = 0;
        await database.db.transaction(async (tx) => {
          const [row] = await readWith(tx, started, [sqlLiteral(v)]);
          expect(row?.echo).toBe(v);
          // The same transaction: now() is when it began.
          const [again] = rowsOf<{ t: string }>(await tx.execute(sql`select now()::text as t`));
          expect(again?.t).toBe(row?.t);
          await writeTogether(
            tx,
            [{ query: sql`insert into final_statement_probe values (${v}) returning v` }],
            () => new Error("stale"),
          );
        });
        // BEGIN with the read; the select; the writes with the COMMIT.
        if (database.url) expect(roundTrips).toBe(3);
      }
    } finally {
      proto.query = original;
    }
    expect((await probe()).filter((v) => v.startsWith("o"))).toEqual(["o1", "o2"]);
  });
});
