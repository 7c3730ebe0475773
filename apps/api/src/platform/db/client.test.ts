import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { rowsOf } from "./client";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe("the database connection pool", () => {
  it("survives the server ending its idle connections, and serves the next query", async () => {
    const { db } = database;
    // Several connections open at once, then idle in the pool.
    await Promise.all(Array.from({ length: 4 }, () => db.execute(sql`select pg_sleep(0.05)`)));
    // What a server restart, a failover or an administrator does to idle connections. On PostgreSQL
    // each idle connection then receives "terminating connection due to administrator command":
    // unhandled, the pool's 'error' event would end the API process. PGlite has one connection,
    // its own, and nothing to terminate.
    const ended = rowsOf<{ pid: number }>(
      await db.execute(sql`select pg_terminate_backend(pid) as pid from pg_stat_activity
                            where datname = current_database() and pid <> pg_backend_pid()`),
    );
    expect(ended.length).toBe(database.kind === "postgres" ? 3 : 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await Promise.all(
      Array.from({ length: 4 }, () => db.execute(sql`select 1 as one`).then((r) => rowsOf(r)[0])),
    );
    expect(again).toEqual(Array.from({ length: 4 }, () => ({ one: 1 })));
  });
});
