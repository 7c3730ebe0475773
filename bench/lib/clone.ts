import type pg from "pg";

/** A UUIDv7 for a given instant, in SQL (PostgreSQL 15 has no uuidv7()): the engine's ids are v7 too. */
export const uuidv7Function = `
create schema if not exists bench;
create or replace function bench.uuidv7(ts timestamptz) returns uuid language sql volatile as $$
  select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
    placing substring(int8send(floor(extract(epoch from ts) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
$$;`;

async function columnsOf(c: pg.Client, table: string): Promise<string[]> {
  const r = await c.query<{ column_name: string }>(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = $1 order by ordinal_position`,
    [table],
  );
  if (!r.rows.length) throw new Error(`table ${table} not found`);
  return r.rows.map((x) => x.column_name);
}

/**
 * `insert into <table> (every column) select <override or s.column> <from>`: copies rows column by
 * column from the live schema, so a column added to the table later is copied too.
 */
export async function copyRows(
  c: pg.Client,
  table: string,
  from: string,
  overrides: Record<string, string>,
  params: unknown[],
): Promise<number> {
  const cols = await columnsOf(c, table);
  const select = cols.map((col) => overrides[col] ?? `s.${col}`).join(", ");
  const r = await c.query(`insert into ${table} (${cols.join(", ")}) select ${select} ${from}`, params);
  return r.rowCount ?? 0;
}

/**
 * Clones every dossier of a procedure `copies` times with everything the engine wrote for it (steps
 * with their links, events, forms, join tokens), new UUIDv7 ids and the next codes of the same agency
 * and day (the counters move on, so codes stay unique and gap-free). Received through the real API,
 * cloned in SQL: thousands of dossiers in seconds, row for row what the engine would have written.
 */
export async function cloneDossiers(c: pg.Client, tenantId: string, procedureId: string, copies: number) {
  await c.query(uuidv7Function);
  await c.query("begin");
  try {
    await c.query(
      `create temp table clone_dossiers on commit drop as
       with base as (
         select d.id as src, g as n, bench.uuidv7(d.received_at) as id,
                split_part(d.code, '-', 1) as agency_code, split_part(d.code, '-', 2) as day_code
           from dossiers d, generate_series(1, $3::int) g
          where d.tenant_id = $1 and d.procedure_id = $2),
       numbered as (
         select b.*, coalesce(k.last, 0) + row_number() over (partition by b.agency_code, b.day_code order by b.src, b.n) as seq
           from base b left join dossier_counters k
             on k.tenant_id = $1 and k.agency_code = b.agency_code and k.day = to_date(b.day_code, 'YYMMDD'))
       select src, id, agency_code, to_date(day_code, 'YYMMDD') as day,
              agency_code || '-' || day_code || '-' || lpad(seq::text, greatest(4, length(seq::text)), '0') as code
         from numbered`,
      [tenantId, procedureId, copies],
    );
    await c.query(
      `create temp table clone_steps on commit drop as
       select c.id as dossier_id, s.id as src, bench.uuidv7(s.started_at) as id
         from clone_dossiers c join dossier_steps s on s.tenant_id = $1 and s.dossier_id = c.src`,
      [tenantId],
    );
    const dossiers = await copyRows(
      c,
      "dossiers",
      "from clone_dossiers c join dossiers s on s.tenant_id = $1 and s.id = c.src",
      {
        id: "c.id",
        code: "c.code",
        search_text: "replace(s.search_text, lower(s.code), lower(c.code))",
        idempotency_key: "null",
      },
      [tenantId],
    );
    await c.query(
      `update dossier_counters k set last = k.last + x.n
         from (select agency_code, day, count(*)::int as n from clone_dossiers group by 1, 2) x
        where k.tenant_id = $1 and k.agency_code = x.agency_code and k.day = x.day`,
      [tenantId],
    );
    await copyRows(
      c,
      "dossier_steps",
      `from clone_steps m join dossier_steps s on s.tenant_id = $1 and s.id = m.src
        left join clone_steps p on p.dossier_id = m.dossier_id and p.src = s.previous_step_id`,
      { id: "m.id", dossier_id: "m.dossier_id", previous_step_id: "p.id" },
      [tenantId],
    );
    await copyRows(
      c,
      "dossier_events",
      `from clone_dossiers c join dossier_events s on s.tenant_id = $1 and s.dossier_id = c.src
        left join clone_steps p on p.dossier_id = c.id and p.src = s.step_id`,
      { id: "bench.uuidv7(s.at)", dossier_id: "c.id", step_id: "p.id" },
      [tenantId],
    );
    await copyRows(
      c,
      "dossier_forms",
      "from clone_dossiers c join dossier_forms s on s.tenant_id = $1 and s.dossier_id = c.src",
      { id: "bench.uuidv7(s.created_at)", dossier_id: "c.id" },
      [tenantId],
    );
    await copyRows(
      c,
      "dossier_tokens",
      "from clone_dossiers c join dossier_tokens s on s.tenant_id = $1 and s.dossier_id = c.src",
      { id: "gen_random_uuid()", dossier_id: "c.id" },
      [tenantId],
    );
    await c.query("commit");
    // Statistics for every table, as autovacuum keeps them on a server that has been running: the
    // province's units, users and grants were just generated too (unanalysed, the planner took a
    // tenant's 300 users for one and joined them by nested loop).
    await c.query("analyze");
    return dossiers;
  } catch (e) {
    await c.query("rollback");
    throw e;
  }
}
