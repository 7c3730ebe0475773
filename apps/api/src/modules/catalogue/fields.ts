import type { TField, ZCreateFieldSchema, ZUpdateFieldSchema } from "@eiso/contracts";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Actor, AuditActor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import type { Queryable, Tx } from "../../platform/db/client";
import { conflict, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { foldVietnamese } from "../../platform/text";
import { requireAccess } from "../org/access";
import { tenantRootUnitId } from "./org-lookup";
import { catalogueFields, procedures } from "./tables";

type FieldRow = typeof catalogueFields.$inferSelect;

function toFieldDto(r: FieldRow, procedureCount = 0): TField {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    ownerUnitId: r.ownerUnitId,
    status: r.status,
    procedureCount,
  };
}

export async function loadField(db: Queryable, tenantId: string, id: string): Promise<FieldRow> {
  const [row] = await db
    .select()
    .from(catalogueFields)
    .where(and(eq(catalogueFields.tenantId, tenantId), eq(catalogueFields.id, id)));
  if (!row) throw notFound({ vi: "Không tìm thấy lĩnh vực", en: "Field not found" });
  return row;
}

/** Names of the given fields (active or not), by id: for reports that only hold a field's id. */
export async function fieldNames(
  db: Queryable,
  tenantId: string,
  ids: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: catalogueFields.id, name: catalogueFields.name })
    .from(catalogueFields)
    .where(and(eq(catalogueFields.tenantId, tenantId), inArray(catalogueFields.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Every field of the tenant with its number of procedures: the catalogue is readable tenant-wide. */
export async function listFields(db: Queryable, actor: Actor): Promise<TField[]> {
  const rows = await db
    .select({
      field: catalogueFields,
      n: sql<number>`(select count(*)::int from ${procedures} p where p.tenant_id = ${catalogueFields.tenantId} and p.field_id = ${catalogueFields.id})`,
    })
    .from(catalogueFields)
    .where(eq(catalogueFields.tenantId, actor.tenantId))
    .orderBy(asc(catalogueFields.name));
  return rows.map((r) => toFieldDto(r.field, r.n));
}

/** Inserts a field without an access check (demo loader, import); callers check. */
export async function insertField(
  tx: Tx,
  actor: AuditActor,
  input: { code: string; name: string; description?: string | null; ownerUnitId: string },
): Promise<FieldRow> {
  const [dup] = await tx
    .select({ id: catalogueFields.id })
    .from(catalogueFields)
    .where(and(eq(catalogueFields.tenantId, actor.tenantId), eq(catalogueFields.code, input.code)));
  if (dup) throw conflict({ vi: `Mã lĩnh vực ${input.code} đã có`, en: `Field code ${input.code} exists` });
  const [row] = await tx
    .insert(catalogueFields)
    .values({
      tenantId: actor.tenantId,
      id: newId(),
      code: input.code,
      name: input.name,
      nameSearch: foldVietnamese(`${input.name} ${input.code}`),
      description: input.description ?? null,
      ownerUnitId: input.ownerUnitId,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "catalogue.field.create",
    entityType: "catalogue_field",
    entityId: row!.id,
    unitId: input.ownerUnitId,
    after: { code: input.code, name: input.name },
  });
  return row!;
}

export async function createField(
  tx: Tx,
  actor: Actor,
  input: z.infer<typeof ZCreateFieldSchema>,
): Promise<TField> {
  const ownerUnitId = input.ownerUnitId ?? (await tenantRootUnitId(tx, actor.tenantId));
  await requireAccess(tx, actor, "catalogue.manage", [ownerUnitId]);
  return toFieldDto(await insertField(tx, actor, { ...input, ownerUnitId }));
}

export async function updateField(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: z.infer<typeof ZUpdateFieldSchema>,
): Promise<TField> {
  const before = await loadField(tx, actor.tenantId, id);
  await requireAccess(tx, actor, "catalogue.manage", [before.ownerUnitId]);
  if (patch.code && patch.code !== before.code) {
    const [dup] = await tx
      .select({ id: catalogueFields.id })
      .from(catalogueFields)
      .where(and(eq(catalogueFields.tenantId, actor.tenantId), eq(catalogueFields.code, patch.code)));
    if (dup) throw conflict({ vi: `Mã lĩnh vực ${patch.code} đã có`, en: `Field code ${patch.code} exists` });
  }
  const name = patch.name ?? before.name;
  const code = patch.code ?? before.code;
  const [row] = await tx
    .update(catalogueFields)
    .set({
      code,
      name,
      nameSearch: foldVietnamese(`${name} ${code}`),
      description: patch.description === undefined ? before.description : patch.description,
      status: patch.status ?? before.status,
      updatedAt: new Date(),
    })
    .where(and(eq(catalogueFields.tenantId, actor.tenantId), eq(catalogueFields.id, id)))
    .returning();
  await recordAudit(tx, actor, {
    action: "catalogue.field.update",
    entityType: "catalogue_field",
    entityId: id,
    unitId: before.ownerUnitId,
    before: { code: before.code, name: before.name, status: before.status },
    after: { code: row!.code, name: row!.name, status: row!.status },
  });
  return toFieldDto(row!);
}
