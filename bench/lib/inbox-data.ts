import { performance } from "node:perf_hooks";
import type pg from "pg";
import { DEMO_PASSWORD, loadDemoData } from "../../apps/api/src/demo/load-demo";
import { roleGrants, units, users } from "../../apps/api/src/modules/org/tables";
import { hashPassword } from "../../apps/api/src/platform/auth/password";
import type { Database } from "../../apps/api/src/platform/db/client";
import { newId } from "../../apps/api/src/platform/ids";
import { foldVietnamese } from "../../apps/api/src/platform/text";
import { copyRows, uuidv7Function } from "./clone";
import { personName } from "./province";

/** Bumped whenever the generated data changes shape, so `--reuse` never measures stale data. */
export const GENERATOR_VERSION = 2;

export interface GeneratedInfo {
  dossiers: number;
  generator: number;
  generatedAt: string;
  seconds: number;
  tenantId: string;
  rootUnitId: string;
}

type UnitRow = typeof units.$inferSelect;

const say = (s: string) => console.log(`  ${s}`);

/**
 * The province of the inbox benchmark: the demo HCMC tenant (63 agencies, District 10 with its
 * divisions, desk and 14 wards), plus wards under every other district, three divisions and a desk
 * in every district, two divisions and a desk in every department, a desk in every ward, and people:
 * a leader and `officers` officers in every ward and division, a leader in every district and
 * department, two clerks at every desk. Rows are written directly (one password hash for all).
 */
async function generateOrg(database: Database, wardsPerDistrict: number, officers: number) {
  const demo = (await loadDemoData(database.db))!.hcmc;
  const tenantId = demo.tenantId;
  const all = await database.db.select().from(units);
  const mine = all.filter((u) => u.tenantId === tenantId);
  const children = (id: string, kind: string) => mine.filter((u) => u.parentId === id && u.kind === kind);
  const newUnits: UnitRow[] = [];
  let codeNo = 0;
  const add = (parent: UnitRow, name: string, kind: string): UnitRow => {
    const id = newId();
    const code = `000.G${String(++codeNo).padStart(4, "0")}.H29`;
    const row = {
      tenantId,
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      code,
      name,
      nameSearch: foldVietnamese(`${name} ${code}`),
      shortName: null,
      kind,
      address: null,
      phone: null,
      email: null,
      effectiveFrom: null,
      effectiveTo: null,
      status: "active" as const,
      mergedIntoId: null,
      sortOrder: 100 + codeNo,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    newUnits.push(row);
    return row;
  };
  const short = (u: UnitRow) => u.name.replace(/^Ủy ban nhân dân /, "");
  interface Agency {
    unit: UnitRow;
    cls: "ward" | "district" | "department";
    desk: UnitRow;
    handlers: UnitRow[];
  }
  const agencies: Agency[] = [];
  const districts = mine.filter((u) => u.kind === "district");
  for (const d of districts) {
    let wards = children(d.id, "commune");
    if (!wards.length)
      wards = Array.from({ length: wardsPerDistrict }, (_, i) =>
        add(d, `Ủy ban nhân dân Phường ${i + 1}, ${short(d)}`, "commune"),
      );
    let divisions = children(d.id, "division");
    if (!divisions.length)
      divisions = ["Phòng Tư pháp", "Phòng Quản lý đô thị", "Phòng Kinh tế"].map((n) =>
        add(d, `${n} ${short(d)}`, "division"),
      );
    const desk =
      children(d.id, "service_centre")[0] ??
      add(d, `Bộ phận Tiếp nhận và Trả kết quả ${short(d)}`, "service_centre");
    agencies.push({ unit: d, cls: "district", desk, handlers: divisions });
    for (const w of wards) {
      const wardDesk = add(w, `Bộ phận Một cửa ${short(w)}`, "service_centre");
      agencies.push({ unit: w, cls: "ward", desk: wardDesk, handlers: [w] });
    }
  }
  for (const dep of mine.filter((u) => u.kind === "department")) {
    const divisions = ["Phòng Hành chính - Tổng hợp", "Phòng Nghiệp vụ"].map((n) =>
      add(dep, `${n} - ${dep.name}`, "division"),
    );
    const desk = add(dep, `Bộ phận Một cửa - ${dep.name}`, "service_centre");
    agencies.push({ unit: dep, cls: "department", desk, handlers: divisions });
  }
  for (let k = 0; k < newUnits.length; k += 500)
    await database.db.insert(units).values(newUnits.slice(k, k + 500));

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userRows: (typeof users.$inferInsert)[] = [];
  const grantRows: (typeof roleGrants.$inferInsert)[] = [];
  let personNo = 0;
  const person = (unit: UnitRow, role: string, grantUnit: UnitRow, tag: string) => {
    const id = newId();
    const username = `gen.${unit.code.toLowerCase()}.${tag}`;
    const fullName = personName(++personNo);
    userRows.push({
      tenantId,
      id,
      kind: "officer",
      username,
      email: `${username}@bench.eiso.vn`,
      fullName,
      nameSearch: foldVietnamese(`${fullName} ${username}`),
      unitId: unit.id,
      passwordHash,
    });
    grantRows.push({ tenantId, id: newId(), userId: id, role, unitId: grantUnit.id, createdAt: new Date() });
    return id;
  };
  const agencyRows: unknown[][] = [];
  const handlerRows: unknown[][] = [];
  const handlerPeople = new Map<string, { leader: string; officers: string[] }>();
  const peopleOf = (h: UnitRow) => {
    let p = handlerPeople.get(h.id);
    if (!p) {
      p = {
        leader: person(h, "leader", h, "lanhdao"),
        officers: Array.from({ length: officers }, (_, i) => person(h, "officer", h, `cv${i + 1}`)),
      };
      handlerPeople.set(h.id, p);
    }
    return p;
  };
  for (const [i, a] of agencies.entries()) {
    const leader = a.cls === "ward" ? peopleOf(a.unit).leader : person(a.unit, "leader", a.unit, "lanhdao");
    const clerk = person(a.desk, "reception_clerk", a.unit, "motcua1");
    person(a.desk, "reception_clerk", a.unit, "motcua2");
    agencyRows.push([
      i + 1,
      a.unit.id,
      a.unit.path,
      a.unit.code,
      a.cls,
      a.desk.id,
      a.desk.path,
      clerk,
      leader,
      a.handlers.length,
    ]);
    for (const [slot, h] of a.handlers.entries()) {
      const p = peopleOf(h);
      handlerRows.push([i + 1, slot + 1, h.id, h.path, p.leader, `{${p.officers.join(",")}}`]);
    }
  }
  for (let k = 0; k < userRows.length; k += 500)
    await database.db.insert(users).values(userRows.slice(k, k + 500));
  for (let k = 0; k < grantRows.length; k += 500)
    await database.db.insert(roleGrants).values(grantRows.slice(k, k + 500));
  say(
    `org: ${agencies.length} agencies (${agencies.filter((a) => a.cls === "ward").length} wards, ${districts.length} districts, ` +
      `${agencies.filter((a) => a.cls === "department").length} departments), ${newUnits.length} units and ${userRows.length} people added`,
  );
  return { tenantId, rootUnitId: demo.rootUnitId, agencyRows, handlerRows };
}

async function insertValues(c: pg.Client, table: string, rows: unknown[][]) {
  for (let k = 0; k < rows.length; k += 200) {
    const chunk = rows.slice(k, k + 200);
    const width = chunk[0]!.length;
    const params = chunk.flat();
    const tuples = chunk.map(
      (_, r) => `(${Array.from({ length: width }, (_, j) => `$${r * width + j + 1}`).join(", ")})`,
    );
    await c.query(`insert into ${table} values ${tuples.join(", ")}`, params);
  }
}

/**
 * Writes `total` dossiers received over the last year (working days, office hours, Vietnam time) with
 * what the engine would have written for each: steps (completed, the active one, or cancelled), the
 * dossier's events and forms, and the daily code counters. Agencies are picked with a skew (a few busy
 * wards and districts, a long tail), procedures by the agency's level; most dossiers finish on time,
 * some late (with the apology and a new appointment), a backlog runs very late; 1% refused at the desk,
 * 4% asked for a supplement, 1% stopped or withdrawn. Bulk SQL throughout (generate_series), in chunks.
 */
export async function generateInboxData(
  database: Database,
  c: pg.Client,
  options: { total: number; wardsPerDistrict: number; officers: number; chunk?: number },
): Promise<GeneratedInfo> {
  const started = performance.now();
  const org = await generateOrg(database, options.wardsPerDistrict, options.officers);
  const t = org.tenantId;
  await c.query(uuidv7Function);
  await c.query(`
    create table bench.meta (key text primary key, value jsonb not null);
    create table bench.agencies (idx int primary key, id uuid, path text, code text, cls text, desk_id uuid,
      desk_path text, clerk uuid, leader uuid, n_handlers int, weight float8, cum float8);
    create table bench.handlers (agency_idx int, slot int, id uuid, path text, leader uuid, officers uuid[],
      primary key (agency_idx, slot));
    create table bench.procs (cls text, slot int, id uuid, code text, name text, name_folded text, field_id uuid,
      legal_hours float8, version_id uuid, documents jsonb, primary key (cls, slot));
    create table bench.steps (cls text, ord int, node_id text, name text, kind text, role text, unit_ref text,
      cum_start float8, cum_end float8, primary key (cls, ord));
    create index on bench.agencies (cum);`);
  await insertValues(
    c,
    "bench.agencies (idx, id, path, code, cls, desk_id, desk_path, clerk, leader, n_handlers)",
    org.agencyRows,
  );
  await insertValues(c, "bench.handlers", org.handlerRows);
  // Busy and quiet agencies: wards take 55% of the dossiers, districts 30%, departments 15%, each with a
  // Zipf-like skew inside its class (the 1st gets ~6× the 20th).
  await c.query(`
    update bench.agencies a set weight = x.w from (
      select idx, share * z / sum(z) over (partition by cls) as w from (
        select idx, cls, case cls when 'ward' then 0.55 when 'district' then 0.30 else 0.15 end as share,
               1.0 / (row_number() over (partition by cls order by idx))^0.6 as z
          from bench.agencies) r) x where a.idx = x.idx;
    update bench.agencies a set cum = x.cum from (
      select idx, sum(weight) over (order by idx) / sum(weight) over () as cum from bench.agencies) x where a.idx = x.idx;`);

  // Procedures by level: the demo's commune ones for wards, district ones for districts, and copies of
  // the district ones as provincial procedures for departments.
  await c.query(
    `create temp table prov as select id as src, gen_random_uuid() as id, row_number() over (order by code) as k
       from procedures where tenant_id = $1 and level = 'district'`,
    [t],
  );
  await copyRows(
    c,
    "procedures",
    "from prov p join procedures s on s.tenant_id = $1 and s.id = p.src",
    {
      id: "p.id",
      code: "'BENCH.P' || lpad(p.k::text, 3, '0')",
      name: "s.name || ' (cấp tỉnh)'",
      name_search: "s.name_search || ' (cap tinh) bench.p' || lpad(p.k::text, 3, '0')",
      level: "'province'",
    },
    [t],
  );
  const procs = await c.query<{ id: string; name: string; level: string; src: string | null }>(
    `select p.id, p.name, p.level, prov.src from procedures p left join prov on prov.id = p.id where p.tenant_id = $1`,
    [t],
  );
  await c.query(
    `insert into bench.procs (cls, slot, id, code, name, name_folded, field_id, legal_hours, version_id, documents)
     select case p.level when 'commune' then 'ward' when 'district' then 'district' else 'department' end,
            row_number() over (partition by p.level order by p.code), p.id, p.code, p.name, f.folded, p.field_id,
            coalesce(p.legal_hours, 8),
            (select v.id from process_definitions d join process_versions v on v.tenant_id = d.tenant_id and v.definition_id = d.id
              where d.tenant_id = p.tenant_id and d.procedure_id = coalesce(f.src, p.id) and v.status = 'published' limit 1),
            (select coalesce(jsonb_agg(jsonb_build_object('name', e->>'name', 'originals', (e->>'originals')::int,
                     'copies', (e->>'copies')::int)), '[]') from jsonb_array_elements(p.documents) e)
       from procedures p join (select unnest($2::uuid[]) as id, unnest($3::text[]) as folded, unnest($4::uuid[]) as src) f on f.id = p.id
      where p.tenant_id = $1`,
    [
      t,
      procs.rows.map((p) => p.id),
      procs.rows.map((p) => foldVietnamese(p.name)),
      procs.rows.map((p) => p.src),
    ],
  );
  // The processes the generated steps follow (the demo's ward and district processes).
  await c.query(`insert into bench.steps values
    ('ward', 1, 'Task_receive', 'Tiếp nhận hồ sơ', 'receive', 'reception_clerk', 'desk', 0, 0.05),
    ('ward', 2, 'Task_process', 'Công chức tư pháp - hộ tịch xử lý', 'process', 'officer', 'handler', 0.05, 0.7),
    ('ward', 3, 'Task_approve', 'Chủ tịch UBND phường ký', 'approve', 'leader', 'agency', 0.7, 0.93),
    ('ward', 4, 'Task_return', 'Trả kết quả', 'return', 'reception_clerk', 'desk', 0.93, 1),
    ('district', 1, 'Task_receive', 'Tiếp nhận, kiểm tra hồ sơ', 'receive', 'reception_clerk', 'desk', 0, 0.05),
    ('district', 2, 'Task_assign', 'Lãnh đạo phòng phân công', 'assign', 'leader', 'handler', 0.05, 0.1),
    ('district', 3, 'Task_process', 'Chuyên viên thẩm định', 'process', 'officer', 'handler', 0.1, 0.7),
    ('district', 4, 'Task_review', 'Lãnh đạo phòng xem xét, trình ký', 'review', 'leader', 'handler', 0.7, 0.8),
    ('district', 5, 'Task_approve', 'Lãnh đạo UBND phê duyệt, ký', 'approve', 'leader', 'agency', 0.8, 0.95),
    ('district', 6, 'Task_return', 'Trả kết quả', 'return', 'reception_clerk', 'desk', 0.95, 1);
    insert into bench.steps select 'department', ord, node_id, name, kind, role, unit_ref, cum_start, cum_end
      from bench.steps where cls = 'district';`);
  const centre = await c.query<{ id: string; path: string }>(
    `select id, path from units where tenant_id = $1 and kind = 'service_centre' and depth = 1 limit 1`,
    [t],
  );

  // Every dossier's fate, drawn once (deterministic: setseed), then written table by table in chunks.
  let t0 = performance.now();
  await c.query("select setseed(0.20260701)");
  await c.query(
    `create unlogged table bench.gen as
     with draw as materialized (
       select n, random() as r_agency, random() as r_proc, random() as r_day, random() as r_time, random() as r_fate,
              random() as r_speed, random() as r_misc, random() as r_slot, random() as r_person
         from generate_series(1, $1::int) n),
     placed as (
       select d.*, a.idx as agency_idx, a.cls, (select count(*) from bench.procs x where x.cls = a.cls) as n_procs,
              1 + floor(d.r_slot * a.n_handlers)::int as handler_slot,
              -- a working day of the last year (weekends moved to the nearest weekday), office hours in Vietnam
              (current_date - floor(d.r_day * 365)::int) as raw_day
         from draw d
         join lateral (select * from bench.agencies a where a.cum >= d.r_agency order by a.cum limit 1) a on true),
     timed as (
       select p.*, pr.slot as proc_slot, pr.legal_hours,
              least(((case extract(isodow from raw_day) when 6 then raw_day - 1 when 7 then raw_day + 1 else raw_day end)
                + time '07:30' + p.r_time * interval '9 hours') at time zone 'Asia/Ho_Chi_Minh',
                now() - interval '5 minutes') as received_at,
              -- legal time in working hours as calendar time (8 h a day, 5 days a week)
              make_interval(secs => pr.legal_hours / 8.0 * 1.4 * 86400) as legal
         from placed p
         join bench.procs pr on pr.cls = p.cls and pr.slot = 1 + floor(p.r_proc * p.n_procs)::int)
     -- numbered in order of reception: rows are written as the engine writes them, oldest first, so the
     -- table's physical order follows time (what range scans on recent dossiers rely on)
     select row_number() over (order by received_at, n)::int as n, bench.uuidv7(received_at) as id, agency_idx, cls, handler_slot, proc_slot, received_at,
            received_at + legal as original_due_at,
            case when r_fate < 0.01 then 'refused' when r_fate < 0.015 then 'withdrawn' when r_fate < 0.02 then 'stopped'
                 else 'accepted' end as fate,
            -- actual handling time relative to the legal time: mostly on time, some late, a backlog very late
            legal * case when r_speed < 0.85 then 0.2 + r_speed * 0.94 when r_speed < 0.97 then 1 + (r_speed - 0.85) * 8
                         else 2 + (r_speed - 0.97) * 200 end as span,
            r_fate >= 0.02 and r_misc < 0.04 as supplement,
            r_misc > 0.2 as assigned,
            r_misc > 0.92 as at_centre,
            case when r_time < 0.6 then 'counter' when r_time < 0.98 then 'online' else 'post' end as method,
            floor(r_person * 1000000)::int as person
       from timed`,
    [options.total],
  );
  await c.query(`
    alter table bench.gen add column end_at timestamptz, add column cutoff timestamptz, add column status text, add column seq int;
    update bench.gen set end_at = received_at + span;
    update bench.gen set
      status = case
        when fate = 'refused' then 'refused'
        when fate in ('withdrawn', 'stopped') and received_at + span * 0.5 <= now() then fate
        when end_at <= now() then case when end_at < now() - interval '30 days' and person % 5 <> 0 then 'archived' else 'returned' end
        when supplement and now() between received_at + span * 0.3 and received_at + span * 0.45 then 'waiting_supplement'
        else 'processing' end;
    update bench.gen set cutoff = case
        when status = 'refused' then received_at
        when status in ('withdrawn', 'stopped') then received_at + span * 0.5
        when status in ('returned', 'archived') then end_at
        else now() end;
    update bench.gen g set seq = x.seq from (
      select n, row_number() over (partition by agency_idx, (received_at at time zone 'Asia/Ho_Chi_Minh')::date
                                   order by received_at, n) as seq from bench.gen) x where x.n = g.n;
    create index on bench.gen (n);
    create index on bench.gen (id);
    analyze bench.gen;`);
  say(
    `fates drawn for ${options.total.toLocaleString("en-US")} dossiers in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // Bulk load: secondary indexes are dropped and rebuilt afterwards from their own definitions.
  const tables = ["dossiers", "dossier_steps", "dossier_events", "dossier_forms"];
  const indexes = await c.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = 'public' and i.tablename = any($1)
        and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`,
    [tables],
  );
  for (const i of indexes.rows) await c.query(`drop index ${i.name}`);

  const chunk = options.chunk ?? 100_000;
  t0 = performance.now();
  for (let from = 1; from <= options.total; from += chunk) {
    const to = Math.min(options.total, from + chunk - 1);
    await c.query("begin");
    await insertDossiers(c, t, from, to, centre.rows[0]!);
    await insertSteps(c, t, from, to);
    await insertEvents(c, t, from, to);
    await insertForms(c, t, from, to);
    await c.query("commit");
    const rate = to / ((performance.now() - t0) / 1000);
    process.stdout.write(
      `\r  dossiers written: ${to.toLocaleString("en-US")} (${Math.round(rate).toLocaleString("en-US")}/s)   `,
    );
  }
  process.stdout.write("\n");
  await c.query(
    `insert into dossier_counters (tenant_id, agency_code, day, last)
     select $1, a.code, (g.received_at at time zone 'Asia/Ho_Chi_Minh')::date, max(g.seq)
       from bench.gen g join bench.agencies a on a.idx = g.agency_idx group by 2, 3`,
    [t],
  );
  t0 = performance.now();
  for (const i of indexes.rows) await c.query(i.def);
  say(`${indexes.rows.length} indexes rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  t0 = performance.now();
  await c.query("drop table bench.gen");
  await c.query(
    `vacuum (analyze) dossiers, dossier_steps, dossier_events, dossier_forms, dossier_counters, units, users, role_grants`,
  );
  say(`vacuum analyze in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const info: GeneratedInfo = {
    dossiers: options.total,
    generator: GENERATOR_VERSION,
    generatedAt: new Date().toISOString(),
    seconds: Math.round((performance.now() - started) / 1000),
    tenantId: t,
    rootUnitId: org.rootUnitId,
  };
  await c.query(`insert into bench.meta values ('generated', $1)`, [JSON.stringify(info)]);
  return info;
}

const FAMILY = [
  ["Nguyễn", "nguyen"],
  ["Trần", "tran"],
  ["Lê", "le"],
  ["Phạm", "pham"],
  ["Hoàng", "hoang"],
  ["Huỳnh", "huynh"],
  ["Phan", "phan"],
  ["Vũ", "vu"],
  ["Võ", "vo"],
  ["Đặng", "dang"],
  ["Bùi", "bui"],
  ["Đỗ", "do"],
  ["Hồ", "ho"],
  ["Ngô", "ngo"],
  ["Dương", "duong"],
  ["Lý", "ly"],
];
const MIDDLE = [
  ["Văn", "van"],
  ["Thị", "thi"],
  ["Minh", "minh"],
  ["Ngọc", "ngoc"],
  ["Thanh", "thanh"],
  ["Hữu", "huu"],
  ["Quốc", "quoc"],
  ["Thu", "thu"],
];
const GIVEN = [
  ["An", "an"],
  ["Bình", "binh"],
  ["Châu", "chau"],
  ["Dũng", "dung"],
  ["Giang", "giang"],
  ["Hạnh", "hanh"],
  ["Hùng", "hung"],
  ["Khoa", "khoa"],
  ["Lan", "lan"],
  ["Long", "long"],
  ["Mai", "mai"],
  ["Nam", "nam"],
  ["Nga", "nga"],
  ["Phúc", "phuc"],
  ["Quân", "quan"],
  ["Sơn", "son"],
  ["Tâm", "tam"],
  ["Thảo", "thao"],
  ["Trang", "trang"],
  ["Tuấn", "tuan"],
  ["Vy", "vy"],
  ["Yến", "yen"],
];
const arr = (xs: string[][], i: number) => `(array[${xs.map((x) => `'${x[i]}'`).join(",")}])`;
/** SQL for the applicant's name (accented or folded) from the dossier's person number. */
const nameSql = (i: number) =>
  `${arr(FAMILY, i)}[1 + g.person % ${FAMILY.length}] || ' ' || ${arr(MIDDLE, i)}[1 + (g.person / 16) % ${MIDDLE.length}] || ' ' || ${arr(GIVEN, i)}[1 + (g.person / 128) % ${GIVEN.length}]`;

async function insertDossiers(
  c: pg.Client,
  t: string,
  from: number,
  to: number,
  centre: { id: string; path: string },
) {
  await c.query(
    `insert into dossiers (tenant_id, id, code, procedure_id, procedure_code, procedure_name, field_id, agency_unit_id,
       agency_path, desk_unit_id, desk_path, process_version_id, method, status, applicant, applicant_name,
       applicant_id_number, search_text, documents, data, result_delivery, note, received_at, received_by, allowance_ms,
       due_at, original_due_at, pauses, paused_since, pause_started_at, pause_ended_at, original_due_before_pause,
       supplement_count, completed_at, returned_at, closed_at, idempotency_key, version, created_at)
     select $1, g.id, x.code, p.id, p.code, p.name, p.field_id, a.id, a.path,
            case when g.at_centre then $4::uuid else a.desk_id end, case when g.at_centre then $5 else a.desk_path end,
            case when g.status = 'refused' then null else p.version_id end, g.method, g.status,
            jsonb_build_object('name', x.name, 'idNumber', x.id_number, 'address', 'Số ' || (g.person % 300 + 1) || ' đường 3 Tháng 2', 'phone', '09' || lpad((g.person % 100000000)::text, 8, '0')),
            x.name, x.id_number,
            lower(x.code) || ' ' || x.folded || ' ' || x.id_number || ' ' || p.name_folded,
            p.documents, '{}'::jsonb, case when g.method = 'online' then 'online' else 'counter' end, null,
            g.received_at, a.clerk, (p.legal_hours * 3600000)::bigint,
            case when g.status in ('returned', 'archived') and g.end_at > g.original_due_at then g.end_at + interval '1 day' else g.original_due_at end,
            g.original_due_at,
            case when g.supplement and g.received_at + g.span * 0.3 < g.cutoff then jsonb_build_array(jsonb_build_object(
              'start', to_char(g.received_at + g.span * 0.3, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'end', case when g.received_at + g.span * 0.45 < g.cutoff then to_char(g.received_at + g.span * 0.45, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end))
              else '[]'::jsonb end,
            case when g.status = 'waiting_supplement' then g.received_at + g.span * 0.3 end,
            case when g.supplement and g.received_at + g.span * 0.3 < g.cutoff then g.received_at + g.span * 0.3 end,
            case when g.supplement and g.received_at + g.span * 0.45 < g.cutoff then g.received_at + g.span * 0.45 end,
            -- (the generator does not move appointments by the pause: the same one before and after)
            case when g.supplement and g.received_at + g.span * 0.45 < g.cutoff then g.original_due_at end,
            case when g.supplement and g.received_at + g.span * 0.3 < g.cutoff then 1 else 0 end,
            case when g.status in ('returned', 'archived') then g.end_at end,
            case when g.status in ('returned', 'archived') then g.end_at end,
            case when g.status in ('returned', 'archived', 'refused', 'withdrawn', 'stopped') then g.cutoff end,
            case when g.method = 'online' then 'dvc-' || g.id end,
            case when g.status in ('returned', 'archived') then 3 else 1 end, g.received_at
       from bench.gen g
       join bench.agencies a on a.idx = g.agency_idx
       join bench.procs p on p.cls = g.cls and p.slot = g.proc_slot
       cross join lateral (select
            a.code || '-' || to_char(g.received_at at time zone 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || lpad(g.seq::text, greatest(4, length(g.seq::text)), '0') as code,
            ${nameSql(0)} as name, ${nameSql(1)} as folded,
            '0' || lpad((79000000000 + g.person::bigint * 7919 % 999999999)::text, 11, '0') as id_number) x
      where g.n between $2 and $3`,
    [t, from, to, centre.id, centre.path],
  );
}

/**
 * Steps along each dossier's timeline: step k runs over [cum_start, cum_end] of the dossier's span.
 * Those ended before the cutoff are completed; the one running at it is active (processing), or
 * cancelled (stopped, withdrawn); later ones do not exist yet.
 */
async function insertSteps(c: pg.Client, t: string, from: number, to: number) {
  await c.query(
    `with inserted as (
     insert into dossier_steps (tenant_id, id, dossier_id, node_id, name, step_kind, status, unit_id, unit_path, role,
       assignee_id, previous_step_id, allotment_ms, started_at, due_at, completed_at, completed_by, outcome, comment,
       escalated_at, version)
     select $1, s.id, s.dossier_id, s.node_id, s.name, s.kind, s.status, s.unit_id, s.unit_path, s.role,
            s.assignee_id, lag(s.id) over (partition by s.dossier_id order by s.ord), s.allotment_ms, s.started_at, s.due_at,
            s.completed_at, s.completed_by, s.outcome, null, s.escalated_at, s.version
       from (
         select bench.uuidv7(st.started_at) as id, st.*
           from (
             select g.id as dossier_id, ps.ord, ps.node_id, ps.name, ps.kind, ps.role,
                    g.received_at + g.span * ps.cum_start as started_at,
                    g.received_at + g.span * ps.cum_start
                      + make_interval(secs => (ps.cum_end - ps.cum_start) * g.legal_hours / 8.0 * 1.4 * 86400) as due_at,
                    case when g.received_at + g.span * ps.cum_end <= g.cutoff then 'completed'
                         when g.status in ('withdrawn', 'stopped') then 'cancelled' else 'active' end as status,
                    g.received_at + g.span * ps.cum_end as ends_at, g.cutoff, g.assigned,
                    case ps.unit_ref when 'desk' then a.desk_id when 'agency' then a.id else h.id end as unit_id,
                    case ps.unit_ref when 'desk' then a.desk_path when 'agency' then a.path else h.path end as unit_path,
                    case when ps.unit_ref = 'desk' then a.clerk when ps.unit_ref = 'agency' then a.leader
                         when ps.role = 'leader' then h.leader else h.officers[1 + g.person % cardinality(h.officers)] end as person,
                    (ps.cum_end - ps.cum_start) * g.legal_hours * 3600000 as allotment
               from (select g.*, p.legal_hours from bench.gen g join bench.procs p on p.cls = g.cls and p.slot = g.proc_slot
                      where g.n between $2 and $3 and g.status <> 'refused') g
               join bench.agencies a on a.idx = g.agency_idx
               join bench.handlers h on h.agency_idx = g.agency_idx and h.slot = g.handler_slot
               join bench.steps ps on ps.cls = g.cls
              where g.received_at + g.span * ps.cum_start <= g.cutoff) st
         ) s0
       cross join lateral (select s0.*,
            case when s0.status = 'completed' or s0.assigned and s0.role <> 'reception_clerk' then s0.person end as assignee_id,
            s0.allotment::bigint as allotment_ms,
            case when s0.status = 'completed' then s0.ends_at when s0.status = 'cancelled' then s0.cutoff end as completed_at,
            case when s0.status = 'completed' then s0.person end as completed_by,
            case when s0.status <> 'completed' then null when s0.kind = 'approve' then 'approve' else 'done' end as outcome,
            case when s0.status = 'active' and s0.due_at < now() then s0.due_at - interval '2 hours' end as escalated_at,
            case when s0.status = 'completed' then 1 else 0 end as version) s
     returning *)
     -- The dossier's log from its steps: activated, then completed (at reception for the first one).
     insert into dossier_events (tenant_id, id, dossier_id, at, kind, actor_id, actor_name, step_id, comment, data)
     select $1, bench.uuidv7(e.at), s.dossier_id, e.at, e.kind, e.actor, null, s.id, null, e.data
       from inserted s
       cross join lateral (values
         (s.started_at, 'step.activated', null::uuid,
          jsonb_build_object('name', s.name, 'unitId', s.unit_id, 'role', s.role, 'assigneeId', s.assignee_id, 'dueAt', s.due_at)),
         (s.completed_at, case when s.step_kind = 'receive' then 'step.completed_at_reception' else 'step.completed' end, s.completed_by,
          jsonb_build_object('name', s.name, 'outcome', s.outcome, 'late', s.completed_at > s.due_at))) e(at, kind, actor, data)
      where e.kind = 'step.activated' or s.status = 'completed'`,
    [t, from, to],
  );
}

async function insertEvents(c: pg.Client, t: string, from: number, to: number) {
  // Dossier-level events: reception (or refusal), supplement, extension, stop / withdrawal, result, return, archive.
  await c.query(
    `insert into dossier_events (tenant_id, id, dossier_id, at, kind, actor_id, actor_name, step_id, comment, data)
     select $1, bench.uuidv7(e.at), g.id, e.at, e.kind, null, null, null, e.comment, e.data
       from bench.gen g
       cross join lateral (values
         (g.received_at, case when g.status = 'refused' then 'refused' else 'received' end, null::text,
          jsonb_build_object('form', case when g.status = 'refused' then '03' else '01' end)),
         (case when g.supplement then g.received_at + g.span * 0.3 end, 'supplement_requested', null, '{}'::jsonb),
         (case when g.supplement then g.received_at + g.span * 0.45 end, 'supplement_received', null, '{}'::jsonb),
         (case when g.status in ('returned', 'archived') and g.end_at > g.original_due_at then g.original_due_at - interval '1 hour' end,
          'extended', 'Hồ sơ cần xác minh thêm', '{}'::jsonb),
         (case when g.status in ('withdrawn', 'stopped') then g.cutoff end, g.status, 'Theo đề nghị', '{}'::jsonb),
         (case when g.status in ('returned', 'archived') then g.end_at end, 'result.ready', null, '{}'::jsonb),
         (case when g.status in ('returned', 'archived') then g.end_at end, 'returned', null,
          jsonb_build_object('delivery', 'counter', 'late', g.end_at > g.original_due_at)),
         (case when g.status = 'archived' then g.end_at + interval '30 days' end, 'archived', null, '{"from": "returned"}'::jsonb)
       ) e(at, kind, comment, data)
      where g.n between $2 and $3 and e.at is not null and (e.at <= g.cutoff or e.kind = 'archived') and e.at <= now()`,
    [t, from, to],
  );
}

async function insertForms(c: pg.Client, t: string, from: number, to: number) {
  await c.query(
    `insert into dossier_forms (tenant_id, id, dossier_id, form_no, data, created_at, created_by)
     select $1, bench.uuidv7(f.at), g.id, f.no, '{}'::jsonb, f.at, null
       from bench.gen g
       cross join lateral (values
         (g.received_at, case when g.status = 'refused' then '03' else '01' end),
         (case when g.supplement and g.received_at + g.span * 0.3 <= g.cutoff then g.received_at + g.span * 0.3 end, '02'),
         (case when g.status in ('returned', 'archived') and g.end_at > g.original_due_at then g.original_due_at - interval '1 hour' end, '04'),
         (case when g.status = 'stopped' then g.cutoff end, '05')) f(at, no)
      where g.n between $2 and $3 and f.at is not null`,
    [t, from, to],
  );
}
