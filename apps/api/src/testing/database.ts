import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import pg from "pg";
import { type DemoIds, loadDemoData } from "../demo/load-demo";
import { tenants, units } from "../modules/org/tables";
import { type Database, type Db, isAlive, openDatabase } from "../platform/db/client";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/** Databases of a test worker on the PostgreSQL server of DATABASE_URL (never the URL's own database). */
function workerUrl(name: string): string {
  const target = new URL(process.env.DATABASE_URL!);
  target.pathname = `/${name}`;
  return target.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated, empty database for one test file: in-memory PGlite by default, or, when
 * DATABASE_URL is set, a database of its own on that server (`eiso_test_<worker pid>_<n>`), so parallel
 * test workers never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!process.env.DATABASE_URL) {
    const database = await openDatabase({ dataDir: "memory" });
    await database.migrate();
    return database;
  }
  const database = await ownDatabase("");
  await database.migrate();
  return database;
}

/** A test database; `url` is set when it lives on a PostgreSQL server (for child processes). */
export type TestDatabase = Database & { url?: string };

let opened = 0;

/**
 * A database of this worker's own on the server of DATABASE_URL, empty or copied from `template`,
 * dropped again on close. Named per worker and per call: a file that starts a second server (its
 * own settings) must not drop the database the first one is still using.
 */
async function ownDatabase(template: string): Promise<TestDatabase> {
  const name = `eiso_test_${process.pid}_${++opened}`;
  await admin(async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}${template ? ` template ${template}` : ""}`);
  });
  const database = await openDatabase({ url: workerUrl(name), poolSize: 10 });
  return {
    ...database,
    url: workerUrl(name),
    close: async () => {
      await database.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * A fresh database with the demo data, for one test file. Loading the demo (two tenants, a hundred
 * units, accounts, the catalogue with its processes) takes seconds, so it is done once per version of
 * the code and copied: a PGlite data dump in the temp folder, or a PostgreSQL template database.
 */
export async function createDemoDatabase(): Promise<{ database: Database; demo: DemoIds }> {
  const key = snapshotKey();
  if (!process.env.DATABASE_URL) {
    const file = await ensureSnapshot(key, "pglite.tar.gz", async (target) => {
      const database = await openDatabase({ dataDir: "memory" });
      await database.migrate();
      await loadDemoData(database.db);
      const dump = await database.pglite!.dumpDataDir("gzip");
      writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
      await database.close();
    });
    const database = await openDatabase({ dataDir: "memory", loadDataDir: new Blob([readFileSync(file)]) });
    return { database, demo: await demoIdsOf(database.db) };
  }
  const template = `eiso_tpl_${key.slice(0, 16)}`;
  const marker = path.join(tmpdir(), "eiso-test-snapshots", key, `pg-${template}.done`);
  const present = await admin((c) => c.query("select 1 from pg_database where datname = $1", [template]));
  if (present.rowCount === 0) rmSync(marker, { force: true });
  await ensureSnapshot(key, `pg-${template}.done`, async (target) => {
    const exists = await admin((c) => c.query("select 1 from pg_database where datname = $1", [template]));
    if (exists.rowCount === 0) {
      const building = `${template}_b${process.pid}`;
      await admin((c) =>
        c
          .query(`drop database if exists ${building} with (force)`)
          .then(() => c.query(`create database ${building}`)),
      );
      const database = await openDatabase({ url: workerUrl(building), poolSize: 2 });
      await database.migrate();
      await loadDemoData(database.db);
      await database.close();
      await admin((c) => c.query(`alter database ${building} rename to ${template}`));
    }
    writeFileSync(target, template);
  });
  const database = await ownDatabase(template);
  return { database, demo: await demoIdsOf(database.db) };
}

/** The ids a test needs by name, read back from a database that holds the demo data. */
export async function demoIdsOf(db: Db): Promise<DemoIds> {
  const of = async (code: string) => {
    const [t] = await db.select().from(tenants).where(eq(tenants.code, code));
    if (!t) throw new Error(`demo tenant ${code} missing`);
    const rows = await db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(eq(units.tenantId, t.id)));
    const byName = new Map<string, string>();
    for (const r of rows) {
      byName.set(r.name, r.id);
      // Huế's wards are also known by their short names, as the demo loader returns them.
      if (code === "HUE" && r.name.startsWith("Ủy ban nhân dân Phường ")) byName.set(r.name.slice(16), r.id);
    }
    return { tenantId: t.id, rootUnitId: t.rootUnitId!, units: byName };
  };
  return { hcmc: await of("HCM"), hue: await of("HUE") };
}

/** Hash of everything that shapes the demo database: migrations and the API, contracts and calendar sources. */
function snapshotKey(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|sql|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        hash.update(full.slice(repoRoot.length));
        hash.update(readFileSync(full));
      }
    }
  };
  for (const dir of ["apps/api/drizzle", "apps/api/src", "packages/contracts/src", "packages/calendar/src"]) {
    walk(path.join(repoRoot, dir));
  }
  hash.update(process.env.DATABASE_URL ?? "pglite");
  return hash.digest("hex");
}

/** Builds a snapshot file once across parallel workers (a directory is the lock), and returns its path. */
export async function ensureSnapshot(
  key: string,
  fileName: string,
  build: (target: string) => Promise<void>,
): Promise<string> {
  const dir = path.join(tmpdir(), "eiso-test-snapshots", key);
  const file = path.join(dir, fileName);
  const lock = `${file}.lock`;
  mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  while (!existsSync(file)) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
    } catch {
      // Another worker builds it, unless the lock belongs to a process that is gone (a run that was
      // killed, or a worker ended by a hook timeout): then it is taken over at once.
      if (abandoned(lock)) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for test snapshot ${file}`);
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!existsSync(file)) {
        const partial = `${file}.${process.pid}.partial`;
        await build(partial);
        renameSync(partial, file);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return file;
}

/** A snapshot lock whose builder process no longer runs (or that never got its pid written). */
function abandoned(lock: string): boolean {
  const stat = statSync(lock, { throwIfNoEntry: false });
  if (!stat) return false;
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(lock, "pid"), "utf8"));
  } catch {
    // The pid is written right after the directory is made; a lock without one for a minute is dead.
    return Date.now() - stat.mtimeMs > 60_000;
  }
  return !isAlive(pid);
}
