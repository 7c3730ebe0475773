import type { TStatsRow } from "@eiso/contracts";
import { sql } from "drizzle-orm";
import { type Actor, scopePaths } from "../../platform/actor";
import { vnEndOfDayExclusive, vnStartOfDay } from "../../platform/dates";
import { type Queryable, rowsOf } from "../../platform/db/client";
import { writeSpreadsheet } from "../../platform/files/spreadsheet";
import { requireAccess } from "../org/access";
import { childUnits, unitSummaries } from "../org/units";

export interface StatsGroup {
  key: string;
  name: string;
  /** SQL predicate selecting this group's dossiers (alias d). */
  where: ReturnType<typeof sql>;
}

/**
 * The counts of the periodic one-stop-shop report for one group of dossiers over [from, to):
 * received in the period (new) or still open at its start (carried over); resolved on time or
 * late (against the original appointment); still open at its end, on time or overdue; asked to
 * supplement; refused, stopped, withdrawn.
 */
function countsSql(tenantId: string, from: Date, to: Date, asOf: Date, groups: StatsGroup[]) {
  const selects = groups.map(
    (g, i) => sql`select ${i}::int as idx,
      count(*) filter (where d.received_at >= ${from} and d.received_at < ${to} and d.status <> 'refused')::int as received_new,
      count(*) filter (where d.received_at < ${from} and d.status <> 'refused'
        and coalesce(d.completed_at, d.closed_at, 'infinity') >= ${from})::int as carried_over,
      count(*) filter (where d.completed_at >= ${from} and d.completed_at < ${to} and d.completed_at <= d.original_due_at)::int as resolved_on_time,
      count(*) filter (where d.completed_at >= ${from} and d.completed_at < ${to} and d.completed_at > d.original_due_at)::int as resolved_late,
      count(*) filter (where d.received_at < ${asOf} and d.status <> 'refused' and coalesce(d.completed_at, d.closed_at, 'infinity') >= ${asOf}
        and d.original_due_at >= ${asOf})::int as in_progress_on_time,
      count(*) filter (where d.received_at < ${asOf} and d.status <> 'refused' and coalesce(d.completed_at, d.closed_at, 'infinity') >= ${asOf}
        and d.original_due_at < ${asOf})::int as in_progress_overdue,
      count(*) filter (where exists (select 1 from dossier_events e where e.tenant_id = d.tenant_id and e.dossier_id = d.id
        and e.kind in ('supplement_requested', 'supplement_requested_at_reception') and e.at >= ${from} and e.at < ${to}))::int as supplement_requested,
      count(*) filter (where exists (select 1 from dossier_events e where e.tenant_id = d.tenant_id and e.dossier_id = d.id
        and e.kind = 'refused' and e.at >= ${from} and e.at < ${to}))::int as refused,
      count(*) filter (where exists (select 1 from dossier_events e where e.tenant_id = d.tenant_id and e.dossier_id = d.id
        and e.kind = 'stopped' and e.at >= ${from} and e.at < ${to}))::int as stopped,
      count(*) filter (where exists (select 1 from dossier_events e where e.tenant_id = d.tenant_id and e.dossier_id = d.id
        and e.kind = 'withdrawn' and e.at >= ${from} and e.at < ${to}))::int as withdrawn
      from dossiers d where d.tenant_id = ${tenantId} and d.received_at < ${to} and ${g.where}`,
  );
  return sql.join(selects, sql` union all `);
}

type CountRow = {
  idx: number;
  received_new: number;
  carried_over: number;
  resolved_on_time: number;
  resolved_late: number;
  in_progress_on_time: number;
  in_progress_overdue: number;
  supplement_requested: number;
  refused: number;
  stopped: number;
  withdrawn: number;
};

async function countGroups(
  db: Queryable,
  tenantId: string,
  from: Date,
  to: Date,
  groups: StatsGroup[],
  now: Date,
): Promise<TStatsRow[]> {
  if (!groups.length) return [];
  // Work still in progress is counted as of the period's end, or now for a period that has not ended.
  const asOf = new Date(Math.min(to.getTime(), now.getTime()));
  const rows = rowsOf<CountRow>(await db.execute(countsSql(tenantId, from, to, asOf, groups)));
  return groups.map((g, i) => {
    const r = rows.find((x) => x.idx === i)!;
    const resolved = r.resolved_on_time + r.resolved_late;
    return {
      unitId: g.key,
      unitName: g.name,
      receivedNew: r.received_new,
      carriedOver: r.carried_over,
      resolvedOnTime: r.resolved_on_time,
      resolvedLate: r.resolved_late,
      inProgressOnTime: r.in_progress_on_time,
      inProgressOverdue: r.in_progress_overdue,
      supplementRequested: r.supplement_requested,
      refused: r.refused,
      stopped: r.stopped,
      withdrawn: r.withdrawn,
      onTimeRate: resolved ? Math.round((r.resolved_on_time / resolved) * 10_000) / 100 : null,
    };
  });
}

/**
 * Statistics of a unit for a period, with one row for the unit (its whole subtree) and one per
 * direct sub-unit, so the report rolls up the agency tree; or one row per procedure.
 */
export async function dossierStatistics(
  db: Queryable,
  actor: Actor,
  q: { unitId?: string | undefined; from: string; to: string; groupBy?: "unit" | "procedure" | undefined },
  now = new Date(),
) {
  const unitId = q.unitId ?? actor.grants.find((g) => g.permissions.has("dossier.stats"))?.unitId;
  const scope = scopePaths(actor, "dossier.stats");
  if (!unitId || !scope.length) return { total: null, own: null, rows: [] };
  const path = (await requireAccess(db, actor, "dossier.stats", [unitId])).get(unitId)!;
  const unit = (await unitSummaries(db, actor.tenantId, [unitId])).get(unitId)!;
  const from = vnStartOfDay(q.from);
  const to = vnEndOfDayExclusive(q.to);
  const under = (p: string) => sql`d.agency_path like ${`${p}%`}`;
  const [total, own] = await countGroups(
    db,
    actor.tenantId,
    from,
    to,
    [
      { key: unit.id, name: unit.name, where: under(path) },
      // Dossiers whose competent agency is the unit itself rather than one of its sub-units.
      { key: unit.id, name: unit.name, where: sql`d.agency_path = ${path}` },
    ],
    now,
  );
  let groups: StatsGroup[];
  if (q.groupBy === "procedure") {
    const procs = rowsOf<{ procedure_id: string; procedure_name: string }>(
      await db.execute(sql`select distinct procedure_id, procedure_name from dossiers d
        where d.tenant_id = ${actor.tenantId} and ${under(path)} and d.received_at < ${to} order by procedure_name`),
    );
    groups = procs.map((p) => ({
      key: p.procedure_id,
      name: p.procedure_name,
      where: sql`${under(path)} and d.procedure_id = ${p.procedure_id}`,
    }));
  } else {
    const children = await childUnits(db, actor.tenantId, unitId);
    groups = children.map((c) => ({ key: c.id, name: c.name, where: under(c.path) }));
  }
  return { total: total!, own: own!, rows: await countGroups(db, actor.tenantId, from, to, groups, now) };
}

export const statsColumns: [keyof TStatsRow, string][] = [
  ["unitName", "Đơn vị / Thủ tục"],
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

/** The statistics as an XLSX report. */
export async function statisticsWorkbook(stats: {
  total: TStatsRow | null;
  rows: TStatsRow[];
}): Promise<Buffer> {
  const all = [
    ...stats.rows,
    ...(stats.total ? [{ ...stats.total, unitName: `Tổng cộng: ${stats.total.unitName}` }] : []),
  ];
  return writeSpreadsheet(
    "Thống kê",
    statsColumns.map(([, h]) => h),
    all.map((r) => statsColumns.map(([k]) => r[k] as string | number | null)),
  );
}
