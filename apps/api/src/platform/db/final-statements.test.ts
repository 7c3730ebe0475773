import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../testing/database";
import { beforeCommit, type Database, rowsOf, sqlLiteral } from "./client";

let database: Database;
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
});
