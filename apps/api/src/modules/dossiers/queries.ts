import type { TDossier, TDossierStatus, TInboxCounts, TInboxItem, TRole } from "@eiso/contracts";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Actor, coversPath, scopePaths } from "../../platform/actor";
import { vnEndOfDayExclusive, vnStartOfDay } from "../../platform/dates";
import { executePrepared, type Queryable, rowsOf } from "../../platform/db/client";
import { rowsFromJson } from "../../platform/db/json-rows";
import { type PreparedStatement, uuidLiteral } from "../../platform/db/transactions";
import { forbidden } from "../../platform/errors";
import { escapeLike, foldVietnamese } from "../../platform/text";
import { tenantCalendar } from "../calendar/service";
import { requireAccess } from "../org/access";
import { users } from "../org/tables";
import { allowedActions } from "./allowed-actions";
import { distinctIds } from "./online-store";
import { holdsRoleAt } from "./steps";
import {
  type DossierRow,
  loadDossier,
  notFoundDossier,
  pausedSince,
  pausedSinceSql,
  toDossierDto,
  toStepDto,
} from "./store";
import { dossierEvents, dossierSteps, dossiers, onlineSubmissions, onlineSupplements } from "./tables";

/** Loads a dossier the actor may read: its agency or desk is in scope, or one of its steps is (or is theirs). */
export async function readableDossier(db: Queryable, actor: Actor, id: string): Promise<DossierRow> {
  const d = await loadDossier(db, actor.tenantId, id);
  await assertReadable(db, actor, d);
  return d;
}

/** Refuses (403) a dossier already loaded that the actor may not read; see `readableDossier`. */
export async function assertReadable(db: Queryable, actor: Actor, d: DossierRow): Promise<void> {
  if (readableByScope(actor, d)) return;
  const steps = await db
    .select({ assigneeId: dossierSteps.assigneeId, role: dossierSteps.role, unitPath: dossierSteps.unitPath })
    .from(dossierSteps)
    .where(and(eq(dossierSteps.tenantId, actor.tenantId), eq(dossierSteps.dossierId, d.id)));
  if (!readableThroughSteps(actor, steps)) throw forbidden();
}

/** The dossier's agency or reception desk is in the actor's reading scope. */
function readableByScope(actor: Actor, d: DossierRow): boolean {
  return coversPath(actor, "dossier.read", d.agencyPath) || coversPath(actor, "dossier.read", d.deskPath);
}

/** One of the dossier's steps is the actor's, is for a role they hold there, or is in their scope. */
function readableThroughSteps(
  actor: Actor,
  steps: { assigneeId: string | null; role: string | null; unitPath: string | null }[],
): boolean {
  return steps.some(
    (s) =>
      s.assigneeId === actor.userId ||
      holdsRoleAt(actor, s.role, s.unitPath) ||
      (s.unitPath !== null && coversPath(actor, "dossier.read", s.unitPath)),
  );
}

/**
 * A dossier's page in one query: its row (`dossier`) and its steps, events and forms, each list
 * aggregated by the database, with the names the page shows beside them: of the units in
 * `pageUnits` (an uuid[] expression: the agency and the desk) and the steps' units, and of the
 * steps' assignees and completers. $1 the tenant, $2 the dossier. Names are looked up by primary
 * key (`= any(array(…))`: written as `id in (…) or id in (subquery)` the planner scanned every unit
 * and user of the tenant).
 */
const pageText = (pageUnits: string) => `select
      (select coalesce(json_agg(s order by s.started_at, s.id), '[]') from dossier_steps s
        where s.tenant_id = $1 and s.dossier_id = $2) as steps,
      (select coalesce(json_agg(e order by e.at, e.id), '[]') from dossier_events e
        where e.tenant_id = $1 and e.dossier_id = $2) as events,
      (select coalesce(json_agg(json_build_object('id', f.id, 'form_no', f.form_no, 'created_at', f.created_at)
                                order by f.created_at), '[]') from dossier_forms f
        where f.tenant_id = $1 and f.dossier_id = $2) as forms,
      (select coalesce(json_object_agg(u.id, u.name), '{}') from units u
        where u.tenant_id = $1
          and u.id = any(${pageUnits} || array(select s.unit_id from dossier_steps s
                                      where s.tenant_id = $1 and s.dossier_id = $2))) as unit_names,
      (select coalesce(json_object_agg(p.id, p.full_name), '{}') from users p
        where p.tenant_id = $1
          and p.id = any(array(select x.id from dossier_steps s,
                                 lateral (values (s.assignee_id), (s.completed_by)) x(id)
                                where s.tenant_id = $1 and s.dossier_id = $2 and x.id is not null))) as people,
      (select row_to_json(d) from dossiers d where d.tenant_id = $1 and d.id = $2) as dossier`;

/** The whole page after a transition, read right after its COMMIT (`readAfterCommit`). */
export const DOSSIER_PAGE: PreparedStatement = {
  name: "eiso_dossier_page",
  params: "uuid, uuid, uuid[]",
  text: pageText("$3"),
};

/**
 * The page of `GET /api/dossiers/:id`: `DOSSIER_PAGE` with the agency and desk taken from the
 * dossier's row (only $1 and $2), so that a page view is one query; `dossier` is null when there
 * is no such dossier.
 */
export const DOSSIER_PAGE_BY_ID: PreparedStatement = {
  name: "eiso_dossier_page_by_id",
  params: "uuid, uuid",
  text: pageText(`coalesce((select array[d.agency_unit_id, d.desk_unit_id] from dossiers d
                             where d.tenant_id = $1 and d.id = $2), '{}')`),
};

/** A row of `DOSSIER_PAGE` as the dossier page (the caller has checked the actor may read it). */
export function pageFromRow(actor: Actor, row: Record<string, unknown>) {
  return dossierPage(actor, dossierOfPage(row), toDossierRecord(row));
}

/** The dossier's own row in a row of `DOSSIER_PAGE` or `DOSSIER_PAGE_BY_ID`. */
function dossierOfPage(row: Record<string, unknown>): DossierRow {
  return rowsFromJson(dossiers, [row.dossier as Record<string, unknown>])[0]!;
}

/** The arguments of `DOSSIER_PAGE` as SQL literals, for `readAfterCommit`. */
export function dossierRecordArgs(d: DossierRow): string[] {
  return [
    uuidLiteral(d.tenantId),
    uuidLiteral(d.id),
    `array[${uuidLiteral(d.agencyUnitId)}, ${uuidLiteral(d.deskUnitId)}]`,
  ];
}

export type DossierRecord = ReturnType<typeof toDossierRecord>;

/** A row of `DOSSIER_PAGE` (or `DOSSIER_PAGE_BY_ID`) as the page's lists and name maps. */
export function toDossierRecord(row: Record<string, unknown>) {
  const r = row as {
    steps: Record<string, unknown>[];
    events: Record<string, unknown>[];
    forms: Record<string, unknown>[];
    unit_names: Record<string, string>;
    people: Record<string, string>;
  };
  return {
    steps: rowsFromJson(dossierSteps, r.steps),
    events: rowsFromJson(dossierEvents, r.events),
    forms: r.forms.map((f) => ({
      id: f.id as string,
      formNo: f.form_no as string,
      createdAt: new Date(f.created_at as string),
    })),
    unitNames: new Map(Object.entries(r.unit_names)),
    people: new Map(Object.entries(r.people)),
  };
}

/**
 * The dossier page: data, every step (the process record) and the timeline, in one query
 * (`DOSSIER_PAGE_BY_ID`); 404 without the dossier, 403 when the actor may not read it (the check
 * of `assertReadable`, made on the steps the page holds).
 */
export async function dossierDetail(db: Queryable, actor: Actor, id: string) {
  const [row] = await executePrepared<Record<string, unknown>>(db, DOSSIER_PAGE_BY_ID, [actor.tenantId, id]);
  if (!row?.dossier) throw notFoundDossier();
  const d = dossierOfPage(row);
  const record = toDossierRecord(row);
  if (!readableByScope(actor, d) && !readableThroughSteps(actor, record.steps)) throw forbidden();
  return dossierPage(actor, d, record);
}

/** The dossier page from the dossier's row and its record (`toDossierRecord`). */
export function dossierPage(actor: Actor, d: DossierRow, record: DossierRecord) {
  const { steps, events, forms, unitNames, people } = record;
  // A paused dossier's active steps are late only if they were when its clock stopped.
  const clock = pausedSince(d) ?? new Date();
  return {
    ...toDossierDto(d, {
      agencyName: unitNames.get(d.agencyUnitId) ?? "",
      deskName: unitNames.get(d.deskUnitId) ?? "",
    }),
    steps: steps.map((s) =>
      toStepDto(
        s,
        {
          unit: s.unitId ? (unitNames.get(s.unitId) ?? null) : null,
          assignee: s.assigneeId ? (people.get(s.assigneeId) ?? null) : null,
          completedBy: s.completedBy ? (people.get(s.completedBy) ?? null) : null,
        },
        clock,
      ),
    ),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      actorName: e.actorName,
      stepId: e.stepId,
      comment: e.comment,
      data: e.data,
    })),
    forms: forms.map((f) => ({ id: f.id, formNo: f.formNo, createdAt: f.createdAt.toISOString() })),
    actions: allowedActions(actor, d, steps),
  };
}

export async function userNames(
  db: Queryable,
  tenantId: string,
  ids: (string | null)[],
): Promise<Map<string, string>> {
  const unique = distinctIds(ids);
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const likeAny = (column: SQL, paths: string[]) =>
  sql`(${sql.join(
    paths.map((p) => sql`${column} like ${`${escapeLike(p)}%`}`),
    sql` or `,
  )})`;

/**
 * The active steps of an inbox scope (`s` = dossier_steps): assigned to the actor; in the units
 * where they process dossiers; or waiting, unassigned, for one of their roles over its unit (to be
 * claimed). Null when the actor has no such scope.
 */
function scopeCondition(actor: Actor, scope: "mine" | "unit" | "role"): SQL | null {
  if (scope === "mine") return sql`s.assignee_id = ${actor.userId}`;
  if (scope === "unit") {
    const paths = scopePaths(actor, "dossier.process");
    return paths.length ? likeAny(sql`s.unit_path`, paths) : null;
  }
  const byRole = actor.grants.filter((g) => g.permissions.has("dossier.process"));
  if (!byRole.length) return null;
  return sql`s.assignee_id is null and (${sql.join(
    byRole.map((g) => sql`(s.role = ${g.role} and s.unit_path like ${`${escapeLike(g.unitPath)}%`})`),
    sql` or `,
  )})`;
}

/**
 * Overdue (`s` = the step, `d` = its dossier): while the dossier waits for the applicant's
 * supplement its clock is stopped, so a step is overdue only if it was already when the pause
 * began. (`due_at < now` stays beside the coalesce so that the partial index of active steps
 * serves the range.)
 */
const overdueCondition = (now: Date) =>
  sql`s.due_at < ${now} and s.due_at < coalesce(${pausedSinceSql}, ${now})`;

/**
 * "Due soon": within the next working day — one working day of the tenant's calendar from now, so
 * that at 16:30 a step due at 8:00 the next working morning is soon (as the escalation, which
 * counts working time, already tells the leaders), and one due after a weekend is not missed.
 */
async function soonAfter(db: Queryable, tenantId: string, now: Date): Promise<Date> {
  return (await tenantCalendar(db, tenantId)).addWorkingTime(now, { days: 1 });
}

/**
 * Inbox rows: active steps assigned to me (mine), of units in my scope (unit), or unassigned ones
 * I could claim by role (role). Filters: procedure, dossier status, due soon, overdue.
 */
export async function inbox(
  db: Queryable,
  actor: Actor,
  q: {
    scope: "mine" | "unit" | "role";
    procedureId?: string | undefined;
    status?: string | undefined;
    due?: "soon" | "overdue" | undefined;
    page: number;
    pageSize: number;
  },
  now = new Date(),
  soonBoundary?: Date,
): Promise<{ items: TInboxItem[]; total: number }> {
  const scope = scopeCondition(actor, q.scope);
  if (!scope) return { items: [], total: 0 };
  const conds: SQL[] = [sql`s.tenant_id = ${actor.tenantId}`, sql`s.status = 'active'`, scope];
  if (q.procedureId) conds.push(sql`d.procedure_id = ${q.procedureId}`);
  if (q.status) conds.push(sql`d.status = ${q.status}`);
  // While the dossier waits for the applicant's supplement its clock is stopped: a step is overdue
  // only if it was already when the pause began, and nothing of it falls due soon. (`due_at < now`
  // stays beside the coalesce so that the partial index of active steps serves the range.)
  if (q.due === "overdue") conds.push(overdueCondition(now));
  if (q.due === "soon")
    conds.push(
      sql`s.due_at >= ${now} and s.due_at < ${soonBoundary ?? (await soonAfter(db, actor.tenantId, now))} and d.status <> 'waiting_supplement'`,
    );
  const where = sql.join(conds, sql` and `);
  const rows = rowsOf<{
    step_id: string;
    step_name: string;
    step_kind: string;
    step_due: Date | string | null;
    step_version: number;
    assignee_id: string | null;
    role: TRole | null;
    unit_id: string;
    dossier_id: string;
    code: string;
    procedure_name: string;
    applicant_name: string;
    dossier_status: TDossierStatus;
    dossier_due: Date | string;
    paused_at: Date | string | null;
    total: number;
  }>(
    await db.execute(sql`
      select s.id as step_id, s.name as step_name, s.step_kind, s.due_at as step_due, s.version as step_version,
             s.assignee_id, s.role, s.unit_id, d.id as dossier_id, d.code, d.procedure_name, d.applicant_name,
             d.status as dossier_status, d.due_at as dossier_due,
             ${pausedSinceSql} as paused_at,
             count(*) over ()::int as total
        from dossier_steps s join dossiers d on d.tenant_id = s.tenant_id and d.id = s.dossier_id
       where ${where}
       order by s.due_at nulls last, s.id
       limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      stepId: r.step_id,
      stepName: r.step_name,
      stepKind: r.step_kind,
      stepDueAt: r.step_due ? new Date(r.step_due).toISOString() : null,
      stepVersion: r.step_version,
      assigneeId: r.assignee_id,
      role: r.role,
      unitId: r.unit_id,
      dossierId: r.dossier_id,
      code: r.code,
      procedureName: r.procedure_name,
      applicantName: r.applicant_name,
      dossierStatus: r.dossier_status,
      dossierDueAt: new Date(r.dossier_due).toISOString(),
      overdue:
        !!r.step_due &&
        new Date(r.step_due).getTime() < (r.paused_at ? new Date(r.paused_at) : now).getTime(),
    })),
  };
}

/**
 * Menu badge counts: each inbox scope, all and overdue, and the online queue — in one round trip,
 * each count a sub-select on the index that serves it; only the overdue ones read the dossiers
 * (whose clock a supplement may have stopped), and only for the steps already past their due time.
 */
export async function inboxCounts(db: Queryable, actor: Actor, now = new Date()): Promise<TInboxCounts> {
  const scopes = (["mine", "unit", "role"] as const).map((k) => scopeCondition(actor, k));
  const active = sql`s.tenant_id = ${actor.tenantId} and s.status = 'active'`;
  const count = (scope: SQL | null, overdue: boolean) =>
    !scope
      ? sql`0`
      : overdue
        ? sql`(select count(*) from dossier_steps s join dossiers d on d.tenant_id = s.tenant_id and d.id = s.dossier_id
                where ${active} and ${scope} and ${overdueCondition(now)})::int`
        : sql`(select count(*) from dossier_steps s where ${active} and ${scope})::int`;
  const [row] = rowsOf<TInboxCounts>(
    await db.execute(sql`select ${count(scopes[0]!, false)} as mine, ${count(scopes[1]!, false)} as unit,
      ${count(scopes[2]!, false)} as role, ${count(scopes[0]!, true)} as overdue,
      ${count(scopes[1]!, true)} as "overdueUnit", ${count(scopes[2]!, true)} as "overdueRole",
      ${onlineQueueCountSql(actor)} as "onlineQueue"`),
  );
  return row!;
}

/** How many submissions and supplements sent online wait at the desks where the actor receives (menu badge), as SQL. */
function onlineQueueCountSql(actor: Actor): SQL {
  const paths = scopePaths(actor, "dossier.receive");
  if (!paths.length) return sql`0`;
  return sql`((select count(*) from ${onlineSubmissions} where tenant_id = ${actor.tenantId} and status = 'pending'
                 and ${likeAny(sql`desk_path`, paths)})::int
           + (select count(*) from ${onlineSupplements} where tenant_id = ${actor.tenantId} and status = 'pending'
                 and ${likeAny(sql`desk_path`, paths)})::int)`;
}

/** Accent-insensitive search over dossiers of the actor's scope (agency or desk). */
export async function searchDossiers(
  db: Queryable,
  actor: Actor,
  q: {
    q?: string | undefined;
    code?: string | undefined;
    idNumber?: string | undefined;
    procedureId?: string | undefined;
    unitId?: string | undefined;
    status?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: TDossier[]; total: number }> {
  let paths = scopePaths(actor, "dossier.read");
  if (q.unitId) paths = [(await requireAccess(db, actor, "dossier.read", [q.unitId])).get(q.unitId)!];
  if (!paths.length) return { items: [], total: 0 };
  const conds: SQL[] = [
    sql`${dossiers.tenantId} = ${actor.tenantId}`,
    // As `assertReadable`: the agency or the desk in scope, or a step of the dossier the actor's
    // or in a unit of their scope (a division's staff find the dossiers their division handles).
    sql`(${likeAny(sql`${dossiers.agencyPath}`, paths)} or ${likeAny(sql`${dossiers.deskPath}`, paths)}
      or exists (select 1 from ${dossierSteps} s where s.tenant_id = ${dossiers.tenantId} and s.dossier_id = ${dossiers.id}
        and (s.assignee_id = ${actor.userId} or ${likeAny(sql`s.unit_path`, paths)})))`,
  ];
  if (q.q) conds.push(sql`${dossiers.searchText} like ${`%${escapeLike(foldVietnamese(q.q))}%`}`);
  // Codes are written in capitals (agency code, date, number): "000.10.11.h29-…" finds "000.10.11.H29-…".
  if (q.code) conds.push(sql`${dossiers.code} = ${q.code.trim().toUpperCase()}`);
  if (q.idNumber) conds.push(sql`${dossiers.applicantIdNumber} = ${q.idNumber.trim()}`);
  if (q.procedureId) conds.push(sql`${dossiers.procedureId} = ${q.procedureId}`);
  if (q.status) conds.push(sql`${dossiers.status} = ${q.status}`);
  if (q.from) conds.push(sql`${dossiers.receivedAt} >= ${vnStartOfDay(q.from)}`);
  if (q.to) conds.push(sql`${dossiers.receivedAt} < ${vnEndOfDayExclusive(q.to)}`);
  const where = and(...conds);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(where);
  const rows = await db
    .select()
    .from(dossiers)
    .where(where)
    .orderBy(sql`${dossiers.receivedAt} desc`, sql`${dossiers.id} desc`)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((r) => toDossierDto(r)), total: count?.n ?? 0 };
}
