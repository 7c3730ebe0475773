import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { type Database, openDatabase, rowsOf } from "./client";
import {
  beforeCommit,
  type FinalPrepared,
  type RunPrepared,
  readAfterCommit,
  sqlLiteral,
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
    const insert: FinalPrepared = {
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
    const count: FinalPrepared = {
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
});
