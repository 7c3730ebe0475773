import {
  NO_FIELD_ID,
  STATS_COUNT_KEYS,
  type TStatistics,
  type TStatsGroupBy,
  type TStatsRow,
} from "@eiso/contracts";
import { type SQL, sql } from "drizzle-orm";
import { type Actor, scopePaths } from "../../platform/actor";
import { vnEndOfDayExclusive, vnStartOfDay } from "../../platform/dates";
import { type Queryable, rowsOf } from "../../platform/db/client";
import { writeWorkbook } from "../../platform/files/spreadsheet";
import { fieldNames } from "../catalogue/fields";
import { requireAccess } from "../org/access";
import { childUnits, unitSummaries } from "../org/units";
import { waitingAtDeskSql } from "./store";
import { countedEventKindsSql } from "./tables";

const countKeys = STATS_COUNT_KEYS;
type Counts = Record<(typeof countKeys)[number], number>;

/** One group of the pass: own = the unit's agency itself; key = sub-unit id, field or procedure. */
type CountRow = Counts & { own: boolean; key: string | null };

/**
 * The counts of the periodic one-stop-shop report for the dossiers under `path` over [from, to),
 * grouped by `key`: received (accepted) in the period (new) or still open at its start (carried
 * over); resolved on time or late (against the original appointment); still open as of `asOf`, on
 * time or overdue (a dossier waiting for its supplement as of when its clock stopped); asked to
 * supplement; refused, stopped, withdrawn. A dossier asked at the desk to complete its papers is
 * not received until it is.
 *
 * One pass over the dossiers that can count at all: received, still open, or resolved or closed
 * since the period's start (or since `asOf` for a period that has not begun), i.e. a range of
 * greatest(received_at, coalesce(completed_at, closed_at, 'infinity')), read from the index
 * `dossiers_settled` alone. The period's events of the counted kinds (index
 * `dossier_events_counted`) are aggregated per dossier once and counted beside, whether or not
 * their dossier is in that range. Each branch leaves the other's columns at 0; the caller sums.
 */
function countsSql(tenantId: string, path: string, from: Date, to: Date, asOf: Date, key: SQL) {
  const openUntil = sql`coalesce(d.completed_at, d.closed_at, 'infinity')`;
  const openSince = new Date(Math.min(from.getTime(), asOf.getTime()));
  const settled = sql`greatest(d.received_at, coalesce(d.completed_at, d.closed_at, 'infinity'::timestamptz))`;
  const under = sql`d.tenant_id = ${tenantId} and d.received_at < ${to} and d.agency_path like ${`${path}%`}`;
  const group = sql`d.agency_path = ${path} as own, ${key} as key`;
  // Received = accepted: neither refused nor still waiting at the desk for missing papers (asked to
  // complete before acceptance: its clock has not started, so it is not paused either).
  const accepted = sql`d.status <> 'refused' and not ${waitingAtDeskSql}`;
  // As the dossier stood at `asOf` (the period's end, or now): a dossier then waiting for its
  // supplement during handling had its clock stopped when the pause began, and a pause that ended
  // after `asOf` had not yet moved its appointment. (For the running period these are the open
  // pause and the appointment as it is.)
  const pausedAtAsOf = sql`d.pause_started_at <= ${asOf} and coalesce(d.pause_ended_at, 'infinity') > ${asOf}`;
  const clockAt = sql`(case when ${pausedAtAsOf} then d.pause_started_at else ${asOf}::timestamptz end)`;
  const dueAsOf = sql`(case when d.pause_ended_at > ${asOf} then d.original_due_before_pause else d.original_due_at end)`;
  return sql`select ${group},
      count(*) filter (where d.received_at >= ${from} and ${accepted})::int as "receivedNew",
      count(*) filter (where d.received_at < ${from} and ${accepted}
        and ${openUntil} >= ${from})::int as "carriedOver",
      count(*) filter (where d.completed_at >= ${from} and d.completed_at < ${to} and d.completed_at <= d.original_due_at)::int as "resolvedOnTime",
      count(*) filter (where d.completed_at >= ${from} and d.completed_at < ${to} and d.completed_at > d.original_due_at)::int as "resolvedLate",
      count(*) filter (where d.received_at < ${asOf} and ${accepted} and ${openUntil} >= ${asOf}
        and ${dueAsOf} >= ${clockAt})::int as "inProgressOnTime",
      count(*) filter (where d.received_at < ${asOf} and ${accepted} and ${openUntil} >= ${asOf}
        and ${dueAsOf} < ${clockAt})::int as "inProgressOverdue",
      0 as "supplementRequested", 0 as refused, 0 as stopped, 0 as withdrawn
    from dossiers d where ${under} and ${settled} >= ${openSince}
    group by 1, 2
    union all
    select ${group}, 0, 0, 0, 0, 0, 0,
      count(*) filter (where ev.supplement_requested)::int,
      count(*) filter (where ev.refused)::int,
      count(*) filter (where ev.stopped)::int,
      count(*) filter (where ev.withdrawn)::int
    from (
      select e.dossier_id,
        bool_or(e.kind in ('supplement_requested', 'supplement_requested_at_reception')) as supplement_requested,
        bool_or(e.kind = 'refused') as refused,
        bool_or(e.kind = 'stopped') as stopped,
        bool_or(e.kind = 'withdrawn') as withdrawn
      from dossier_events e
      where e.tenant_id = ${tenantId} and e.kind in (${countedEventKindsSql}) and e.at >= ${from} and e.at < ${to}
      group by e.dossier_id
    ) ev join dossiers d on d.tenant_id = ${tenantId} and d.id = ev.dossier_id
    where ${under}
    group by 1, 2`;
}

const zero = (): Counts => Object.fromEntries(countKeys.map((k) => [k, 0])) as Counts;

function add(into: Counts, r: Counts): Counts {
  for (const k of countKeys) into[k] += r[k];
  return into;
}

function statsRow(id: string, name: string, c: Counts): TStatsRow {
  const resolved = c.resolvedOnTime + c.resolvedLate;
  return {
    unitId: id,
    unitName: name,
    ...c,
    onTimeRate: resolved ? Math.round((c.resolvedOnTime / resolved) * 10_000) / 100 : null,
  };
}

/** Sums the rows of the pass by a key of the caller's choosing. */
function sumBy(rows: CountRow[], keyOf: (r: CountRow) => string | null): Map<string | null, Counts> {
  const sums = new Map<string | null, Counts>();
  for (const r of rows) {
    const k = keyOf(r);
    sums.set(k, add(sums.get(k) ?? zero(), r));
  }
  return sums;
}

/**
 * Statistics of a unit for a period: the unit's whole subtree (total), the dossiers its own agency
 * handles (own), and one row per direct sub-unit (the report rolled up the agency tree), or one
 * row per field or procedure that has something to count in the period.
 */
export async function dossierStatistics(
  db: Queryable,
  actor: Actor,
  q: { unitId?: string | undefined; from: string; to: string; groupBy?: TStatsGroupBy | undefined },
  now = new Date(),
): Promise<TStatistics> {
  const unitId = q.unitId ?? actor.grants.find((g) => g.permissions.has("dossier.stats"))?.unitId;
  const scope = scopePaths(actor, "dossier.stats");
  if (!unitId || !scope.length) return { total: null, own: null, rows: [] };
  const path = (await requireAccess(db, actor, "dossier.stats", [unitId])).get(unitId)!;
  const unit = (await unitSummaries(db, actor.tenantId, [unitId])).get(unitId)!;
  const groupBy = q.groupBy ?? "unit";
  const from = vnStartOfDay(q.from);
  const to = vnEndOfDayExclusive(q.to);
  // Work still in progress is counted as of the period's end, or now for a period that has not ended.
  const asOf = new Date(Math.min(to.getTime(), now.getTime()));
  const key = {
    // The direct sub-unit a dossier falls under: the path segment after the unit's own path.
    unit: sql`split_part(substr(d.agency_path, ${path.length + 1}), '/', 1)`,
    field: sql`d.field_id::text`,
    procedure: sql`d.procedure_id::text`,
  }[groupBy];
  const counted = rowsOf<CountRow>(await db.execute(countsSql(actor.tenantId, path, from, to, asOf, key)));
  const total = statsRow(unit.id, unit.name, counted.reduce(add, zero()));
  const own = statsRow(unit.id, unit.name, counted.filter((r) => r.own).reduce(add, zero()));

  if (groupBy === "unit") {
    const byPath = sumBy(
      counted.filter((r) => !r.own),
      (r) => `${path}${r.key}/`,
    );
    const children = await childUnits(db, actor.tenantId, unitId);
    return { total, own, rows: children.map((c) => statsRow(c.id, c.name, byPath.get(c.path) ?? zero())) };
  }
  // Fields and procedures with something to count in the period, by name.
  const sums = sumBy(counted, (r) => r.key);
  const ids = [...sums.keys()].filter((k): k is string => k !== null);
  const names =
    groupBy === "field"
      ? await fieldNames(db, actor.tenantId, ids)
      : await procedureNames(db, actor.tenantId, ids);
  const rows = [...sums]
    .filter(([, c]) => countKeys.some((k) => c[k] !== 0))
    .map(([k, c]) =>
      k === null ? statsRow(NO_FIELD_ID, "Chưa xác định lĩnh vực", c) : statsRow(k, names.get(k) ?? k, c),
    )
    .sort((a, b) =>
      a.unitId === NO_FIELD_ID
        ? 1
        : b.unitId === NO_FIELD_ID
          ? -1
          : a.unitName.localeCompare(b.unitName, "vi"),
    );
  return { total, own, rows };
}

/** Procedures named as on their latest dossier (a renamed procedure is one row, under its new name). */
async function procedureNames(db: Queryable, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`select p.id, (select d.procedure_name from dossiers d
        where d.tenant_id = ${tenantId} and d.procedure_id = p.id order by d.received_at desc limit 1) as name
      from (values ${sql.join(
        ids.map((id) => sql`(${id}::uuid)`),
        sql`, `,
      )}) as p(id)`),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

const statsColumns: [(typeof countKeys)[number] | "onTimeRate", string][] = [
  ["receivedNew", "Tiếp nhận mới"],
  ["carriedOver", "Kỳ trước chuyển qua"],
  ["resolvedOnTime", "Đã giải quyết đúng hạn"],
  ["resolvedLate", "Đã giải quyết quá hạn"],
  ["inProgressOnTime", "Đang giải quyết trong hạn"],
  ["inProgressOverdue", "Đang giải quyết quá hạn"],
  ["supplementRequested", "Yêu cầu bổ sung"],
  ["refused", "Từ chối"],
  ["stopped", "Dừng giải quyết"],
  ["withdrawn", "Rút hồ sơ"],
  ["onTimeRate", "Tỷ lệ đúng hạn (%)"],
];

const breakdowns: { groupBy: TStatsGroupBy; sheet: string; heading: string }[] = [
  { groupBy: "unit", sheet: "Theo đơn vị", heading: "Đơn vị" },
  { groupBy: "field", sheet: "Theo lĩnh vực", heading: "Lĩnh vực" },
  { groupBy: "procedure", sheet: "Theo thủ tục", heading: "Thủ tục" },
];

/**
 * The statistics as an XLSX report: one sheet per breakdown (sub-units, fields, procedures), each
 * ending with the unit's total; the sheet of the breakdown asked for comes first.
 */
export async function statisticsWorkbook(
  db: Queryable,
  actor: Actor,
  q: { unitId?: string | undefined; from: string; to: string; groupBy?: TStatsGroupBy | undefined },
  now = new Date(),
): Promise<Buffer> {
  const first = q.groupBy ?? "unit";
  const ordered = [...breakdowns].sort((a, b) => Number(b.groupBy === first) - Number(a.groupBy === first));
  const sheets = [];
  for (const b of ordered) {
    const stats = await dossierStatistics(db, actor, { ...q, groupBy: b.groupBy }, now);
    const own =
      b.groupBy === "unit" && stats.own && countKeys.some((k) => stats.own![k] !== 0)
        ? [{ ...stats.own, unitName: `${stats.own.unitName} (hồ sơ do đơn vị trực tiếp giải quyết)` }]
        : [];
    const all = [
      ...own,
      ...stats.rows,
      ...(stats.total ? [{ ...stats.total, unitName: `Tổng cộng: ${stats.total.unitName}` }] : []),
    ];
    sheets.push({
      name: b.sheet,
      headers: [b.heading, ...statsColumns.map(([, h]) => h)],
      rows: all.map((r) => [r.unitName, ...statsColumns.map(([k]) => r[k])]),
    });
  }
  return writeWorkbook(sheets);
}
