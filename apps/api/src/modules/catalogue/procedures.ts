import {
  legalHoursOf,
  type TProcedure,
  type TProcedureInput,
  type TProcedureListQuery,
  type TProcedureSummary,
  type TUpdateProcedure,
} from "@eiso/contracts";
import { and, asc, count, eq, like, type SQL } from "drizzle-orm";
import type { Actor, AuditActor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import type { Queryable, Tx } from "../../platform/db/client";
import { conflict, invalidOperation, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { escapeLike, foldVietnamese } from "../../platform/text";
import { requireAccess } from "../org/access";
import { loadField } from "./fields";
import { tenantRootUnitId } from "./org-lookup";
import { catalogueFields, procedures } from "./tables";

type ProcedureRow = typeof procedures.$inferSelect;
type FieldRef = { code: string; name: string };

export function toProcedureDto(r: ProcedureRow, field: FieldRef): TProcedure {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    fieldId: r.fieldId,
    fieldCode: field.code,
    fieldName: field.name,
    level: r.level,
    implementingAgencies: r.implementingAgencies,
    methods: r.methods,
    documents: r.documents,
    processingTime: r.processingTime ?? null,
    legalHours: r.legalHours,
    fees: r.fees,
    feeNote: r.feeNote,
    resultDocument: r.resultDocument,
    legalBasis: r.legalBasis,
    conditions: r.conditions,
    description: r.description,
    onlineLevel: r.onlineLevel,
    status: r.status,
    abolishedOn: r.abolishedOn,
    dossierFields: r.dossierFields,
    ownerUnitId: r.ownerUnitId,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function loadProcedure(db: Queryable, tenantId: string, id: string): Promise<ProcedureRow> {
  const [row] = await db
    .select()
    .from(procedures)
    .where(and(eq(procedures.tenantId, tenantId), eq(procedures.id, id)));
  if (!row) throw notFound({ vi: "Không tìm thấy thủ tục", en: "Procedure not found" });
  return row;
}

type Filter = Omit<TProcedureListQuery, "page" | "pageSize">;

function filterOf(tenantId: string, query: Filter): SQL | undefined {
  const conds: SQL[] = [eq(procedures.tenantId, tenantId)];
  // Every word must appear, in any order and without accents: "khai sinh dang ky" finds "Đăng ký khai sinh".
  for (const word of foldVietnamese(query.q ?? "")
    .split(" ")
    .filter(Boolean)) {
    conds.push(like(procedures.nameSearch, `%${escapeLike(word)}%`));
  }
  if (query.fieldId) conds.push(eq(procedures.fieldId, query.fieldId));
  if (query.level) conds.push(eq(procedures.level, query.level));
  if (query.status) conds.push(eq(procedures.status, query.status));
  return and(...conds);
}

/** Procedures of the tenant, searched without accents on name and code, filtered, paged. */
export async function listProcedures(
  db: Queryable,
  actor: Actor,
  query: TProcedureListQuery,
): Promise<{ items: TProcedureSummary[]; total: number }> {
  const where = filterOf(actor.tenantId, query);
  const [total] = await db.select({ n: count() }).from(procedures).where(where);
  const rows = await db
    .select({ p: procedures, fieldCode: catalogueFields.code, fieldName: catalogueFields.name })
    .from(procedures)
    .innerJoin(
      catalogueFields,
      and(eq(catalogueFields.tenantId, procedures.tenantId), eq(catalogueFields.id, procedures.fieldId)),
    )
    .where(where)
    .orderBy(asc(catalogueFields.name), asc(procedures.code))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: total?.n ?? 0,
    items: rows.map((r) => {
      const d = toProcedureDto(r.p, { code: r.fieldCode, name: r.fieldName });
      return {
        id: d.id,
        code: d.code,
        name: d.name,
        fieldId: d.fieldId,
        fieldName: d.fieldName,
        level: d.level,
        processingTime: d.processingTime,
        legalHours: d.legalHours,
        onlineLevel: d.onlineLevel,
        status: d.status,
        ownerUnitId: d.ownerUnitId,
        fees: d.fees,
      };
    }),
  };
}

/** Every procedure matching a filter, with its field, for the XLSX export. */
export async function allProcedures(db: Queryable, actor: Actor, query: Filter) {
  const rows = await db
    .select({ p: procedures, fieldCode: catalogueFields.code, fieldName: catalogueFields.name })
    .from(procedures)
    .innerJoin(
      catalogueFields,
      and(eq(catalogueFields.tenantId, procedures.tenantId), eq(catalogueFields.id, procedures.fieldId)),
    )
    .where(filterOf(actor.tenantId, query))
    .orderBy(asc(procedures.code))
    .limit(50_000);
  return rows.map((r) => toProcedureDto(r.p, { code: r.fieldCode, name: r.fieldName }));
}

export async function getProcedure(db: Queryable, actor: Actor, id: string): Promise<TProcedure> {
  const row = await loadProcedure(db, actor.tenantId, id);
  const field = await loadField(db, actor.tenantId, row.fieldId);
  return toProcedureDto(row, field);
}

/** Procedures by code (import matches on it). */
export async function proceduresByCode(db: Queryable, tenantId: string): Promise<Map<string, ProcedureRow>> {
  const rows = await db.select().from(procedures).where(eq(procedures.tenantId, tenantId));
  return new Map(rows.map((r) => [r.code, r]));
}

/** JSON with object keys sorted: jsonb gives keys back in its own order, so compare this way. */
export function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The stored columns of a procedure (derived search text and legal hours included). */
export const columnsOf = (input: Omit<TProcedureInput, "ownerUnitId">) => ({
  code: input.code,
  name: input.name,
  nameSearch: foldVietnamese(`${input.name} ${input.code}`),
  fieldId: input.fieldId,
  level: input.level,
  implementingAgencies: input.implementingAgencies ?? null,
  methods: input.methods,
  documents: input.documents,
  processingTime: input.processingTime ?? null,
  legalHours: legalHoursOf(input.processingTime),
  fees: input.fees,
  feeNote: input.feeNote ?? null,
  resultDocument: input.resultDocument ?? null,
  legalBasis: input.legalBasis ?? null,
  conditions: input.conditions ?? null,
  description: input.description ?? null,
  onlineLevel: input.onlineLevel,
  status: input.status,
  abolishedOn: input.status === "abolished" ? (input.abolishedOn ?? null) : null,
  dossierFields: input.dossierFields,
});

function checkStatus(input: { status?: string | undefined; abolishedOn?: string | null | undefined }) {
  if (input.status === "abolished" && !input.abolishedOn) {
    throw invalidOperation({
      vi: "Thủ tục đã bãi bỏ cần có ngày bãi bỏ",
      en: "An abolished procedure needs the date it was abolished",
    });
  }
}

/** Inserts a procedure without an access check (demo loader, import); callers check. */
export async function insertProcedure(
  tx: Tx,
  actor: AuditActor,
  input: Omit<TProcedureInput, "ownerUnitId"> & { ownerUnitId: string },
): Promise<ProcedureRow> {
  checkStatus(input);
  const [dup] = await tx
    .select({ id: procedures.id })
    .from(procedures)
    .where(and(eq(procedures.tenantId, actor.tenantId), eq(procedures.code, input.code)));
  if (dup)
    throw conflict({ vi: `Mã thủ tục ${input.code} đã có`, en: `Procedure code ${input.code} exists` });
  const [row] = await tx
    .insert(procedures)
    .values({ tenantId: actor.tenantId, id: newId(), ownerUnitId: input.ownerUnitId, ...columnsOf(input) })
    .returning();
  await recordAudit(tx, actor, {
    action: "catalogue.procedure.create",
    entityType: "procedure",
    entityId: row!.id,
    unitId: input.ownerUnitId,
    after: { code: row!.code, name: row!.name, level: row!.level, processingTime: row!.processingTime },
  });
  return row!;
}

/** Replaces a procedure's attributes (update and re-import), audited with before/after. */
export async function replaceProcedure(
  tx: Tx,
  actor: AuditActor,
  before: ProcedureRow,
  input: Omit<TProcedureInput, "ownerUnitId">,
): Promise<ProcedureRow> {
  checkStatus(input);
  if (input.code !== before.code) {
    const [dup] = await tx
      .select({ id: procedures.id })
      .from(procedures)
      .where(and(eq(procedures.tenantId, actor.tenantId), eq(procedures.code, input.code)));
    if (dup)
      throw conflict({ vi: `Mã thủ tục ${input.code} đã có`, en: `Procedure code ${input.code} exists` });
  }
  const [row] = await tx
    .update(procedures)
    .set({ ...columnsOf(input), updatedAt: new Date() })
    .where(and(eq(procedures.tenantId, actor.tenantId), eq(procedures.id, before.id)))
    .returning();
  const changed = Object.fromEntries(
    (Object.keys(columnsOf(input)) as (keyof ProcedureRow)[])
      .filter((k) => k !== "nameSearch" && canonical(before[k]) !== canonical(row![k]))
      .map((k) => [k, [before[k], row![k]]]),
  );
  await recordAudit(tx, actor, {
    action: "catalogue.procedure.update",
    entityType: "procedure",
    entityId: before.id,
    unitId: before.ownerUnitId,
    before: Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[0]])),
    after: Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[1]])),
  });
  return row!;
}

export async function createProcedure(tx: Tx, actor: Actor, input: TProcedureInput): Promise<TProcedure> {
  const ownerUnitId = input.ownerUnitId ?? (await tenantRootUnitId(tx, actor.tenantId));
  await requireAccess(tx, actor, "catalogue.manage", [ownerUnitId]);
  const field = await loadField(tx, actor.tenantId, input.fieldId);
  return toProcedureDto(await insertProcedure(tx, actor, { ...input, ownerUnitId }), field);
}

export async function updateProcedure(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: TUpdateProcedure,
): Promise<TProcedure> {
  const before = await loadProcedure(tx, actor.tenantId, id);
  await requireAccess(tx, actor, "catalogue.manage", [before.ownerUnitId]);
  const merged = {
    ...toProcedureDto(before, { code: "", name: "" }),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  } as TProcedure;
  const field = await loadField(tx, actor.tenantId, merged.fieldId);
  const row = await replaceProcedure(tx, actor, before, merged);
  return toProcedureDto(row, field);
}
