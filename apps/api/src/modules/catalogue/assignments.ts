import type { TAssignment, TCreateAssignment } from "@eiso/contracts";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Actor, AuditActor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import type { Queryable, Tx } from "../../platform/db/client";
import { conflict, invalidOperation, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { requireAccess } from "../org/access";
import { loadField } from "./fields";
import { unitInfos, userInfos } from "./org-lookup";
import { loadProcedure } from "./procedures";
import { catalogueAssignments, catalogueFields, procedures } from "./tables";

type AssignmentRow = typeof catalogueAssignments.$inferSelect;

async function toDtos(db: Queryable, tenantId: string, rows: AssignmentRow[]): Promise<TAssignment[]> {
  const fieldIds = rows.filter((r) => r.subjectType === "field").map((r) => r.subjectId);
  const procIds = rows.filter((r) => r.subjectType === "procedure").map((r) => r.subjectId);
  const subjects = new Map<string, { code: string; name: string }>();
  if (fieldIds.length) {
    for (const f of await db
      .select({ id: catalogueFields.id, code: catalogueFields.code, name: catalogueFields.name })
      .from(catalogueFields)
      .where(and(eq(catalogueFields.tenantId, tenantId), inArray(catalogueFields.id, fieldIds)))) {
      subjects.set(f.id, f);
    }
  }
  if (procIds.length) {
    for (const p of await db
      .select({ id: procedures.id, code: procedures.code, name: procedures.name })
      .from(procedures)
      .where(and(eq(procedures.tenantId, tenantId), inArray(procedures.id, procIds)))) {
      subjects.set(p.id, p);
    }
  }
  const unitsById = await unitInfos(
    db,
    tenantId,
    rows.flatMap((r) => (r.assigneeUnitId ? [r.assigneeUnitId] : [])),
  );
  const usersById = await userInfos(
    db,
    tenantId,
    rows.flatMap((r) => (r.assigneeUserId ? [r.assigneeUserId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    agencyUnitId: r.agencyUnitId,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    subjectCode: subjects.get(r.subjectId)?.code ?? "",
    subjectName: subjects.get(r.subjectId)?.name ?? "",
    assigneeUnitId: r.assigneeUnitId,
    assigneeUnitName: r.assigneeUnitId ? (unitsById.get(r.assigneeUnitId)?.name ?? null) : null,
    assigneeUserId: r.assigneeUserId,
    assigneeUserName: r.assigneeUserId ? (usersById.get(r.assigneeUserId)?.fullName ?? null) : null,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Who is in charge of which field or procedure in an agency (phân quyền phụ trách). */
export async function listAssignments(
  db: Queryable,
  actor: Actor,
  agencyUnitId: string,
): Promise<TAssignment[]> {
  await requireAccess(db, actor, "catalogue.read", [agencyUnitId]);
  const rows = await db
    .select()
    .from(catalogueAssignments)
    .where(
      and(
        eq(catalogueAssignments.tenantId, actor.tenantId),
        eq(catalogueAssignments.agencyUnitId, agencyUnitId),
      ),
    )
    .orderBy(asc(catalogueAssignments.createdAt));
  return toDtos(db, actor.tenantId, rows);
}

/** Records an assignment without an access check (demo loader); the assignee must be inside the agency. */
export async function insertAssignment(
  tx: Tx,
  actor: AuditActor,
  input: TCreateAssignment,
  agencyPath: string,
): Promise<AssignmentRow> {
  if (input.subjectType === "field") await loadField(tx, actor.tenantId, input.subjectId);
  else await loadProcedure(tx, actor.tenantId, input.subjectId);
  if (input.assigneeUnitId) {
    const unit = (await unitInfos(tx, actor.tenantId, [input.assigneeUnitId])).get(input.assigneeUnitId);
    if (!unit) throw notFound({ vi: "Không tìm thấy đơn vị", en: "Unit not found" });
    if (!unit.path.startsWith(agencyPath)) {
      throw invalidOperation({
        vi: "Đơn vị phụ trách phải thuộc cơ quan được phân quyền",
        en: "The unit in charge must belong to the agency",
      });
    }
  }
  if (input.assigneeUserId) {
    const user = (await userInfos(tx, actor.tenantId, [input.assigneeUserId])).get(input.assigneeUserId);
    if (!user) throw notFound({ vi: "Không tìm thấy cán bộ", en: "Officer not found" });
    const home = user.unitId
      ? (await unitInfos(tx, actor.tenantId, [user.unitId])).get(user.unitId)
      : undefined;
    if (!home?.path.startsWith(agencyPath)) {
      throw invalidOperation({
        vi: "Cán bộ phụ trách phải thuộc cơ quan được phân quyền",
        en: "The officer in charge must belong to the agency",
      });
    }
  }
  const current = await tx
    .select()
    .from(catalogueAssignments)
    .where(
      and(
        eq(catalogueAssignments.tenantId, actor.tenantId),
        eq(catalogueAssignments.agencyUnitId, input.agencyUnitId),
        eq(catalogueAssignments.subjectId, input.subjectId),
      ),
    );
  if (
    current.some(
      (a) =>
        a.assigneeUnitId === (input.assigneeUnitId ?? null) &&
        a.assigneeUserId === (input.assigneeUserId ?? null),
    )
  ) {
    throw conflict({ vi: "Phân quyền này đã có", en: "This assignment already exists" });
  }
  const [row] = await tx
    .insert(catalogueAssignments)
    .values({
      tenantId: actor.tenantId,
      id: newId(),
      agencyUnitId: input.agencyUnitId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      assigneeUnitId: input.assigneeUnitId ?? null,
      assigneeUserId: input.assigneeUserId ?? null,
      note: input.note ?? null,
      createdBy: actor.userId,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "catalogue.assignment.create",
    entityType: "catalogue_assignment",
    entityId: row!.id,
    unitId: input.agencyUnitId,
    after: input,
  });
  return row!;
}

export async function createAssignment(tx: Tx, actor: Actor, input: TCreateAssignment): Promise<TAssignment> {
  const paths = await requireAccess(tx, actor, "catalogue.manage", [input.agencyUnitId]);
  const row = await insertAssignment(tx, actor, input, paths.get(input.agencyUnitId)!);
  return (await toDtos(tx, actor.tenantId, [row]))[0]!;
}

export async function removeAssignment(tx: Tx, actor: Actor, id: string): Promise<void> {
  const [row] = await tx
    .select()
    .from(catalogueAssignments)
    .where(and(eq(catalogueAssignments.tenantId, actor.tenantId), eq(catalogueAssignments.id, id)));
  if (!row) throw notFound({ vi: "Không tìm thấy phân quyền", en: "Assignment not found" });
  await requireAccess(tx, actor, "catalogue.manage", [row.agencyUnitId]);
  await tx
    .delete(catalogueAssignments)
    .where(and(eq(catalogueAssignments.tenantId, actor.tenantId), eq(catalogueAssignments.id, id)));
  await recordAudit(tx, actor, {
    action: "catalogue.assignment.remove",
    entityType: "catalogue_assignment",
    entityId: id,
    unitId: row.agencyUnitId,
    before: row,
  });
}

/**
 * The unit in charge of a procedure in an agency: an assignment for the procedure itself wins over
 * one for its field. Null when nobody is assigned.
 */
export async function unitInCharge(
  db: Queryable,
  tenantId: string,
  agencyUnitId: string,
  procedure: { id: string; fieldId: string },
): Promise<string | null> {
  const rows = await db
    .select()
    .from(catalogueAssignments)
    .where(
      and(
        eq(catalogueAssignments.tenantId, tenantId),
        eq(catalogueAssignments.agencyUnitId, agencyUnitId),
        inArray(catalogueAssignments.subjectId, [procedure.id, procedure.fieldId]),
      ),
    )
    .orderBy(asc(catalogueAssignments.createdAt));
  const withUnit = rows.filter((r) => r.assigneeUnitId);
  return (
    withUnit.find((r) => r.subjectType === "procedure")?.assigneeUnitId ??
    withUnit.find((r) => r.subjectType === "field")?.assigneeUnitId ??
    null
  );
}
