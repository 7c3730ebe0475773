import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../demo/load-demo";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { type Database, openDatabase, rowsOf } from "../db/client";
import { canonicalJson } from "./chain";
import { verifyAuditChain } from "./service";

const bin = fileURLToPath(new URL("../../../bin/eiso.mjs", import.meta.url));

/**
 * The CLI opens the database from configuration: the per-worker PostgreSQL database when
 * DATABASE_URL is set, otherwise a PGlite folder of this test.
 */
let database: TestDatabase;
let env: NodeJS.ProcessEnv;
let dir: string | null = null;
let tenantId: string;

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(database);
  const db = await openDatabase({ dataDir: path.join(dir!, "pglite") });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function runVerify() {
  const res = spawnSync(process.execPath, [bin, "audit", "verify", "--tenant", "HCM"], {
    env,
    encoding: "utf8",
  });
  return { code: res.status, out: res.stdout + res.stderr };
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    env = { ...process.env, DATABASE_URL: database.url! };
    tenantId = (await loadDemoData(database.db))!.hcmc.tenantId;
  } else {
    dir = mkdtempSync(path.join(tmpdir(), "eiso-audit-"));
    env = { ...process.env, EISO_DATA_DIR: path.join(dir, "pglite") };
    delete env.DATABASE_URL;
    tenantId = await withDb(async (db) => {
      await db.migrate();
      return (await loadDemoData(db.db))!.hcmc.tenantId;
    });
  }
});
afterAll(async () => {
  if (database) await database.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("eiso audit verify", () => {
  it("sorts object keys so a value hashes the same after a jsonb round trip", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}',
    );
  });

  it("passes on an untouched log", () => {
    const res = runVerify();
    expect(res.out).toMatch(/HCM: \d+ bản ghi nhật ký trong \d+ chuỗi băm, nguyên vẹn/);
    expect(res.code).toBe(0);
  });

  it("names the edited row after a direct SQL edit, and passes again once it is put back", async () => {
    const victim = await withDb(async (db) => {
      const [row] = rowsOf<{ id: string; seq: string; chain: string; after: unknown }>(
        await db.db.execute(
          sql`select id, seq, chain, after from audit_log where tenant_id = ${tenantId} and action = 'unit.create' order by at, id offset 10 limit 1`,
        ),
      );
      await db.db.execute(
        sql`update audit_log set after = jsonb_set(after, '{name}', '"Sửa trộm"') where tenant_id = ${tenantId} and id = ${row!.id}`,
      );
      return row!;
    });
    const res = runVerify();
    expect(res.code).toBe(1);
    expect(res.out).toContain(`seq=${victim.seq} id=${victim.id} (chuỗi/chain ${victim.chain})`);
    expect(res.out).toContain("content does not match its hash");
    await withDb((db) =>
      db.db.execute(
        sql`update audit_log set after = ${JSON.stringify(victim.after)}::jsonb where tenant_id = ${tenantId} and id = ${victim.id}`,
      ),
    );
    expect(runVerify().code).toBe(0);
  });

  it("names the gap when a row is deleted", async () => {
    const result = await withDb(async (db) => {
      const [longest] = rowsOf<{ chain: string }>(
        await db.db.execute(sql`select chain from audit_log where tenant_id = ${tenantId}
          group by chain order by count(*) desc, chain limit 1`),
      );
      await db.db.execute(
        sql`delete from audit_log where tenant_id = ${tenantId} and chain = ${longest!.chain} and seq = 3`,
      );
      return { chain: longest!.chain, r: await verifyAuditChain(db.db, tenantId) };
    });
    expect(result.r.ok).toBe(false);
    expect(result.r.broken).toMatchObject({ chain: result.chain, seq: 4 });
    expect(result.r.broken!.reason).toMatch(/missing row/);
  });
});
