import pg from "pg";
import { type Database, openDatabase } from "../platform/db/client";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when DATABASE_URL
 * is set, a database of its own on that server (`eiso_test_<worker pid>`), emptied first, so parallel
 * test workers never see each other's rows.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: "memory" });
    await database.migrate();
    return database;
  }
  const name = `eiso_test_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const reset = new pg.Client({ connectionString: target.toString() });
  await reset.connect();
  await reset.query(
    "drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;",
  );
  await reset.end();
  const database = await openDatabase({ url: target.toString(), poolSize: 10 });
  await database.migrate();
  return database;
}
