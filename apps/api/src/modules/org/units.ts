import type { TCreateUnit, TMergeUnits, TUnit, TUpdateUnit } from "@eiso/contracts";
import { and, asc, eq, inArray, like, or, type Placeholder, type SQL, sql } from "drizzle-orm";
import { type Actor, type AuditActor, type EffectiveGrant, scopePaths } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import { executeNamed, type Queryable, rowsOf, type Tx } from "../../platform/db/client";
import { conflict, invalidOperation, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { escapeLike, foldVietnamese } from "../../platform/text";
import { type EffectiveGrantRow, effectiveGrantsJson, requireAccess, toEffectiveGrant } from "./access";
import { roleGrants, unitEvents, units, users } from "./tables";

type UnitRow = typeof units.$inferSelect;

export function toUnitDto(r: UnitRow, childCount?: number): TUnit {
  return {
    id: r.id,
    tenantId: r.tenantId,
    parentId: r.parentId,
    path: r.path,
    depth: r.depth,
    code: r.code,
    name: r.name,
    shortName: r.shortName,
    kind: r.kind as TUnit["kind"],
    address: r.address,
    phone: r.phone,
    email: r.email,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    status: r.status,
    mergedIntoId: r.mergedIntoId,
    ...(childCount === undefined ? {} : { childCount }),
  };
}

async function loadUnit(db: Queryable, tenantId: string, id: string): Promise<UnitRow> {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id)));
  if (!row) throw notFound({ vi: "Không tìm thấy đơn vị", en: "Unit not found" });
  return row;
}

async function addEvent(tx: Tx, actor: AuditActor, unitId: string, event: string, data: unknown) {
  await tx.insert(unitEvents).values({
    tenantId: actor.tenantId,
    id: newId(),
    unitId,
    event,
    at: new Date(),
    actorId: actor.userId,
    actorName: actor.name,
    data: data ?? {},
  });
}

/** Units the actor may read, optionally under one root; former (merged) units only on request. */
export async function listUnits(
  db: Queryable,
  actor: Actor,
  query: { rootId?: string | undefined; includeFormer?: boolean; q?: string | undefined },
): Promise<TUnit[]> {
  const tenantId = actor.tenantId;
  let paths = scopePaths(actor, "org.unit.read");
  if (query.rootId) {
    const rootPath = (await requireAccess(db, actor, "org.unit.read", [query.rootId])).get(query.rootId)!;
    paths = [rootPath];
  }
  if (paths.length === 0) return [];
  const conds = [
    eq(units.tenantId, tenantId),
    or(...paths.map((p) => like(units.path, `${escapeLike(p)}%`))),
  ];
  if (!query.includeFormer) conds.push(eq(units.status, "active"));
  if (query.q) conds.push(like(units.nameSearch, `%${escapeLike(foldVietnamese(query.q))}%`));
  const rows = await db
    .select({
      unit: units,
      // The outer columns are written qualified: drizzle renders `${units.id}` unqualified, which
      // inside the subquery would bind to the inner alias.
      childCount: sql<number>`(select count(*)::int from units c where c.tenant_id = "units"."tenant_id"
        and c.parent_id = "units"."id" and c.status = 'active')`,
    })
    .from(units)
    .where(and(...conds))
    .orderBy(asc(units.depth), asc(units.sortOrder), asc(units.name))
    .limit(5000);
  return rows.map((r) => toUnitDto(r.unit, r.childCount));
}

export async function getUnit(db: Queryable, actor: Actor, id: string): Promise<TUnit> {
  await requireAccess(db, actor, "org.unit.read", [id]);
  return toUnitDto(await loadUnit(db, actor.tenantId, id));
}

/** Inserts a unit under `parent`, with its history event and audit entry; no access check (callers do it). */
export async function insertUnit(
  tx: Tx,
  actor: AuditActor,
  parent: Pick<UnitRow, "id" | "path" | "depth"> | null,
  input: Omit<TCreateUnit, "parentId"> & { sortOrder?: number },
): Promise<UnitRow> {
  const id = newId();
  const [dup] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, actor.tenantId), eq(units.code, input.code)));
  if (dup) {
    throw conflict({
      vi: `Mã định danh ${input.code} đã được dùng cho đơn vị khác`,
      en: `Identifier code ${input.code} is already used`,
    });
  }
  const [row] = await tx
    .insert(units)
    .values({
      tenantId: actor.tenantId,
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      code: input.code,
      name: input.name,
      nameSearch: foldVietnamese(`${input.name} ${input.shortName ?? ""} ${input.code}`),
      shortName: input.shortName ?? null,
      kind: input.kind,
      address: input.address ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      effectiveFrom: input.effectiveFrom ?? null,
      sortOrder: input.sortOrder ?? 0,
    })
    .returning();
  await addEvent(tx, actor, id, "created", {
    parentId: parent?.id ?? null,
    code: input.code,
    name: input.name,
  });
  await recordAudit(tx, actor, {
    action: "unit.create",
    entityType: "unit",
    entityId: id,
    unitId: id,
    after: toUnitDto(row!),
  });
  return row!;
}

export async function createUnit(tx: Tx, actor: Actor, input: TCreateUnit): Promise<TUnit> {
  await requireAccess(tx, actor, "org.unit.manage", [input.parentId]);
  const parent = await loadUnit(tx, actor.tenantId, input.parentId);
  if (parent.status !== "active")
    throw invalidOperation("Không thể thêm đơn vị vào đơn vị đã sáp nhập/giải thể");
  return toUnitDto(await insertUnit(tx, actor, parent, input));
}

export async function updateUnit(tx: Tx, actor: Actor, id: string, patch: TUpdateUnit): Promise<TUnit> {
  await requireAccess(tx, actor, "org.unit.manage", [id]);
  const before = await loadUnit(tx, actor.tenantId, id);
  if (patch.code && patch.code !== before.code) {
    const [dup] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.tenantId, actor.tenantId), eq(units.code, patch.code)));
    if (dup)
      throw conflict({ vi: `Mã định danh ${patch.code} đã được dùng`, en: `Code ${patch.code} is in use` });
  }
  const next = { ...before, ...stripUndefined(patch) };
  const [row] = await tx
    .update(units)
    .set({
      code: next.code,
      name: next.name,
      shortName: next.shortName ?? null,
      kind: next.kind,
      address: next.address ?? null,
      phone: next.phone ?? null,
      email: next.email ?? null,
      effectiveFrom: next.effectiveFrom ?? null,
      effectiveTo: next.effectiveTo ?? null,
      nameSearch: foldVietnamese(`${next.name} ${next.shortName ?? ""} ${next.code}`),
      updatedAt: new Date(),
    })
    .where(and(eq(units.tenantId, actor.tenantId), eq(units.id, id)))
    .returning();
  const changed = Object.keys(stripUndefined(patch)).filter(
    (k) => (before as Record<string, unknown>)[k] !== (row as Record<string, unknown>)[k],
  );
  await addEvent(tx, actor, id, before.name !== row!.name ? "renamed" : "updated", {
    changed,
    before: pick(before, changed),
    after: pick(row!, changed),
  });
  await recordAudit(tx, actor, {
    action: "unit.update",
    entityType: "unit",
    entityId: id,
    unitId: id,
    before: toUnitDto(before),
    after: toUnitDto(row!),
  });
  return toUnitDto(row!);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
function pick(o: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
}

/** Re-roots a unit's whole subtree under `parent`, rewriting paths and depths in one statement. */
async function reparent(tx: Tx, tenantId: string, unit: UnitRow, parent: UnitRow): Promise<void> {
  const newPath = `${parent.path}${unit.id}/`;
  const depthDelta = parent.depth + 1 - unit.depth;
  await tx.execute(sql`
    update units set path = ${newPath} || substr(path, ${unit.path.length + 1}),
                     depth = depth + ${depthDelta}, updated_at = now()
     where tenant_id = ${tenantId} and path like ${`${escapeLike(unit.path)}%`}`);
  await tx
    .update(units)
    .set({ parentId: parent.id })
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unit.id)));
}

/** Moves a unit (and its subtree) under another parent; needs manage rights over the old and the new parent. */
export async function moveUnit(tx: Tx, actor: Actor, id: string, newParentId: string): Promise<TUnit> {
  const unit = await loadUnit(tx, actor.tenantId, id);
  if (!unit.parentId) throw invalidOperation("Không thể di chuyển đơn vị gốc");
  await requireAccess(tx, actor, "org.unit.manage", [unit.parentId, newParentId]);
  const parent = await loadUnit(tx, actor.tenantId, newParentId);
  if (parent.path.startsWith(unit.path)) {
    throw invalidOperation({
      vi: "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó",
      en: "A unit cannot be moved under itself or its descendants",
    });
  }
  if (parent.status !== "active") throw invalidOperation("Đơn vị cha đã sáp nhập/giải thể");
  await reparent(tx, actor.tenantId, unit, parent);
  await addEvent(tx, actor, id, "moved", { fromParentId: unit.parentId, toParentId: newParentId });
  const after = await loadUnit(tx, actor.tenantId, id);
  await recordAudit(tx, actor, {
    action: "unit.move",
    entityType: "unit",
    entityId: id,
    unitId: id,
    before: toUnitDto(unit),
    after: toUnitDto(after),
  });
  return toUnitDto(after);
}

/**
 * Merges units into one (the 2025 reform): the target is an existing unit or a new one. Each source
 * keeps its row, marked merged and moved under the target, so its history, audit entries and records
 * stay inside the target's subtree; its sub-units, officers and role grants move to the target.
 */
export async function mergeUnits(tx: Tx, actor: Actor, input: TMergeUnits): Promise<TUnit> {
  const tenantId = actor.tenantId;
  if (!input.targetId === !input.newUnit) {
    throw invalidOperation({
      vi: "Chọn đơn vị nhận sáp nhập hoặc nhập thông tin đơn vị mới (chỉ một trong hai)",
      en: "Give either an existing target unit or a new unit, not both",
    });
  }
  // One after the other: a transaction is one connection.
  const sources: Awaited<ReturnType<typeof loadUnit>>[] = [];
  for (const id of input.sourceIds) sources.push(await loadUnit(tx, tenantId, id));
  if (sources.some((s) => !s.parentId)) throw invalidOperation("Không thể sáp nhập đơn vị gốc");
  if (sources.some((s) => s.status !== "active"))
    throw invalidOperation("Có đơn vị đã được sáp nhập trước đó");
  await requireAccess(
    tx,
    actor,
    "org.unit.manage",
    sources.map((s) => s.parentId!),
  );
  let target: UnitRow;
  if (input.targetId) {
    await requireAccess(tx, actor, "org.unit.manage", [input.targetId]);
    target = await loadUnit(tx, tenantId, input.targetId);
    if (input.sourceIds.includes(target.id))
      throw invalidOperation("Đơn vị nhận không được nằm trong danh sách bị sáp nhập");
  } else {
    const spec = input.newUnit!;
    await requireAccess(tx, actor, "org.unit.manage", [spec.parentId]);
    const parent = await loadUnit(tx, tenantId, spec.parentId);
    target = await insertUnit(tx, actor, parent, {
      ...spec,
      effectiveFrom: spec.effectiveFrom ?? input.effectiveDate,
    });
  }
  for (const s of sources) {
    if (target.path.startsWith(s.path))
      throw invalidOperation("Đơn vị nhận không được nằm trong đơn vị bị sáp nhập");
  }
  for (const source of sources) {
    const children = await tx
      .select()
      .from(units)
      .where(and(eq(units.tenantId, tenantId), eq(units.parentId, source.id)));
    for (const child of children) await reparent(tx, tenantId, child, target);
    const moved = await tx
      .update(users)
      .set({ unitId: target.id, updatedAt: new Date() })
      .where(and(eq(users.tenantId, tenantId), eq(users.unitId, source.id)))
      .returning({ id: users.id });
    const regranted = await tx
      .update(roleGrants)
      .set({ unitId: target.id })
      .where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.unitId, source.id)))
      .returning({ id: roleGrants.id });
    const fresh = await loadUnit(tx, tenantId, source.id);
    await reparent(tx, tenantId, fresh, target);
    await tx
      .update(units)
      .set({ status: "merged", mergedIntoId: target.id, effectiveTo: input.effectiveDate })
      .where(and(eq(units.tenantId, tenantId), eq(units.id, source.id)));
    const data = {
      targetId: target.id,
      targetName: target.name,
      effectiveDate: input.effectiveDate,
      decision: input.decision ?? null,
      formerParentId: source.parentId,
      movedChildren: children.map((c) => c.id),
      movedUsers: moved.map((u) => u.id),
      movedGrants: regranted.map((g) => g.id),
    };
    await addEvent(tx, actor, source.id, "merged_into", data);
    await recordAudit(tx, actor, {
      action: "unit.merge",
      entityType: "unit",
      entityId: source.id,
      unitId: source.id,
      before: toUnitDto(source),
      after: { ...toUnitDto(await loadUnit(tx, tenantId, source.id)), ...data },
    });
  }
  await addEvent(tx, actor, target.id, "absorbed", {
    sources: sources.map((s) => ({ id: s.id, code: s.code, name: s.name })),
    effectiveDate: input.effectiveDate,
    decision: input.decision ?? null,
  });
  return toUnitDto(await loadUnit(tx, tenantId, target.id));
}

/** History of a unit and of every unit merged into it, newest first. */
export async function unitHistory(db: Queryable, actor: Actor, id: string) {
  const path = (await requireAccess(db, actor, "org.unit.read", [id])).get(id)!;
  const rows = rowsOf<{
    id: string;
    unit_id: string;
    unit_name: string;
    event: string;
    at: Date | string;
    actor_name: string | null;
    data: unknown;
  }>(
    await db.execute(sql`
      select e.id, e.unit_id, u.name as unit_name, e.event, e.at, e.actor_name, e.data
        from unit_events e join units u on u.tenant_id = e.tenant_id and u.id = e.unit_id
       where e.tenant_id = ${actor.tenantId}
         and (e.unit_id = ${id} or (u.path like ${`${escapeLike(path)}%`} and u.status <> 'active'))
       order by e.at desc, e.id desc limit 500`),
  );
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    event: r.event,
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    data: r.data,
  }));
}

/** Units merged (directly or transitively) into the given one. */
export async function formerUnits(db: Queryable, actor: Actor, id: string): Promise<TUnit[]> {
  const path = (await requireAccess(db, actor, "org.unit.read", [id])).get(id)!;
  const rows = await db
    .select()
    .from(units)
    .where(
      and(
        eq(units.tenantId, actor.tenantId),
        like(units.path, `${escapeLike(path)}%`),
        inArray(units.status, ["merged", "dissolved"]),
      ),
    )
    .orderBy(asc(units.name));
  return rows.map((r) => toUnitDto(r));
}

export { loadUnit };

export interface UnitSummary {
  id: string;
  name: string;
  code: string;
  path: string;
  kind: string;
  parentId: string | null;
  status: string;
}

/** The columns of a `UnitSummary`. */
const summaryColumns = {
  id: units.id,
  name: units.name,
  code: units.code,
  path: units.path,
  kind: units.kind,
  parentId: units.parentId,
  status: units.status,
};

/** Names, codes and paths of units, for modules that show or scope by them. */
export async function unitSummaries(
  db: Queryable,
  tenantId: string,
  ids: string[],
): Promise<Map<string, UnitSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select(summaryColumns)
    .from(units)
    // One array parameter, so that the text is the same for any number of ids (a prepared statement).
    .where(and(eq(units.tenantId, tenantId), sql`${units.id} = any(${sql.param(unique)}::uuid[])`))
    .prepare("unit_summaries")
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * `unitSummaries` and, in the same round trip, the grants that `userId` holds on `today` (none when
 * null): what the engine reads when it activates steps and hands them to a named officer.
 */
export async function unitSummariesAndGrants(
  db: Queryable,
  tenantId: string,
  ids: string[],
  userId: string | null,
  today: string,
): Promise<{ units: Map<string, UnitSummary>; grants: EffectiveGrant[] }> {
  const [row] = await executeNamed<{ units: UnitSummaryJson[]; grants: EffectiveGrantRow[] }>(
    db,
    "unit_summaries_and_grants",
    sql`select ${unitSummariesJson(tenantId, sql`${sql.param([...new Set(ids)])}::uuid[]`)} as units,
               ${effectiveGrantsJson(tenantId, userId, today)} as grants`,
  );
  return { units: unitSummaryMap(row!.units), grants: row!.grants.map(toEffectiveGrant) };
}

/** A unit summary as `unitSummariesJson` gives it. */
export type UnitSummaryJson = Omit<UnitSummary, "parentId"> & { parent_id: string | null };

/** The summaries of the tenant's units whose ids are in the uuid[] `ids`, as one JSON array (SQL). */
export function unitSummariesJson(tenantId: string | Placeholder, ids: SQL): SQL {
  return sql`(select coalesce(json_agg(u), '[]') from (
      select id, name, code, path, kind, parent_id, status from ${units}
       where tenant_id = ${tenantId} and id = any(${ids})) u)`;
}

export function unitSummaryMap(list: UnitSummaryJson[]): Map<string, UnitSummary> {
  return new Map(list.map(({ parent_id, ...u }) => [u.id, { ...u, parentId: parent_id }]));
}

/** Direct active children of a unit (for statistics rolled up the tree). */
export async function childUnits(db: Queryable, tenantId: string, parentId: string): Promise<UnitSummary[]> {
  return db
    .select(summaryColumns)
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.parentId, parentId), eq(units.status, "active")))
    .orderBy(asc(units.sortOrder), asc(units.name));
}

/**
 * The desk that receives each agency's dossiers: the nearest active service centre (one-stop unit)
 * directly under the agency or under one of its ancestors (the first by sort order); a commune or
 * ward without one receives itself (its one-stop desk is the commune's own); failing both, the
 * agency. Two queries for any number of agencies.
 */
export async function receivingDesks(
  db: Queryable,
  tenantId: string,
  agencies: UnitSummary[],
): Promise<Map<string, UnitSummary>> {
  const lineageIds = [...new Set(agencies.flatMap((a) => a.path.split("/").filter(Boolean)))];
  const lineage = await unitSummaries(db, tenantId, lineageIds);
  const centres = lineageIds.length
    ? await db
        .select(summaryColumns)
        .from(units)
        .where(
          and(
            eq(units.tenantId, tenantId),
            sql`${units.parentId} = any(${sql.param(lineageIds)}::uuid[])`,
            eq(units.kind, "service_centre"),
            eq(units.status, "active"),
          ),
        )
        .orderBy(asc(units.sortOrder))
    : [];
  const centreUnder = new Map<string, UnitSummary>();
  for (const c of centres) if (c.parentId && !centreUnder.has(c.parentId)) centreUnder.set(c.parentId, c);
  const deskOf = (agency: UnitSummary): UnitSummary => {
    for (const id of agency.path.split("/").filter(Boolean).reverse()) {
      const centre = centreUnder.get(id);
      if (centre) return centre;
      const unit = lineage.get(id);
      if (unit?.kind === "commune" && unit.status === "active") return unit;
    }
    return agency;
  };
  return new Map(agencies.map((a) => [a.id, deskOf(a)]));
}
