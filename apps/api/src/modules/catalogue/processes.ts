import {
  longestPathHours,
  type TDefinition,
  type TDefinitionSummary,
  type TVersion,
  type TVersionSummary,
  type ZCreateDefinitionSchema,
  type ZDefinitionQuerySchema,
} from "@eiso/contracts";
import { and, desc, eq, inArray, like, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { type Actor, type AuditActor, scopePaths } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import type { Queryable, Tx } from "../../platform/db/client";
import { conflict, invalidOperation, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { escapeLike } from "../../platform/text";
import { requireAccess } from "../org/access";
import { units } from "../org/tables";
import { tenantRootUnitId, unitInfos } from "./org-lookup";
import { loadProcedure } from "./procedures";
import { defaultProcessXml } from "./process-builder";
import { readProcessXml } from "./process-xml";
import { procedures, processDefinitions, processVersions } from "./tables";

export type DefinitionRow = typeof processDefinitions.$inferSelect;
export type VersionRow = typeof processVersions.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toVersionSummary(r: VersionRow): TVersionSummary {
  return {
    id: r.id,
    definitionId: r.definitionId,
    version: r.version,
    status: r.status,
    totalHours: r.totalHours,
    createdAt: r.createdAt.toISOString(),
    createdByName: r.createdByName,
    submittedAt: iso(r.submittedAt),
    approvedAt: iso(r.approvedAt),
    approvedByName: r.approvedByName,
    decisionNumber: r.decisionNumber,
    decisionDate: r.decisionDate,
    rejectedReason: r.rejectedReason,
    publishedAt: iso(r.publishedAt),
    effectiveFrom: r.effectiveFrom,
    supersededAt: iso(r.supersededAt),
    adoptedFromVersionId: r.adoptedFromVersionId,
  };
}

export async function loadDefinition(
  db: Queryable,
  tenantId: string,
  id: string,
  lock = false,
): Promise<DefinitionRow> {
  const q = db
    .select()
    .from(processDefinitions)
    .where(and(eq(processDefinitions.tenantId, tenantId), eq(processDefinitions.id, id)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound({ vi: "Không tìm thấy quy trình", en: "Process not found" });
  return row;
}

export async function loadVersion(db: Queryable, tenantId: string, id: string): Promise<VersionRow> {
  const [row] = await db
    .select()
    .from(processVersions)
    .where(and(eq(processVersions.tenantId, tenantId), eq(processVersions.id, id)));
  if (!row) throw notFound({ vi: "Không tìm thấy phiên bản quy trình", en: "Process version not found" });
  return row;
}

export async function versionsOf(
  db: Queryable,
  tenantId: string,
  definitionIds: string[],
): Promise<VersionRow[]> {
  if (!definitionIds.length) return [];
  return db
    .select()
    .from(processVersions)
    .where(and(eq(processVersions.tenantId, tenantId), inArray(processVersions.definitionId, definitionIds)))
    .orderBy(desc(processVersions.version));
}

/**
 * Reading a process: templates are for every agency of the tenant; an agency's own process is for
 * those whose catalogue scope covers that agency. Outside it: 403 (404 for other tenants, earlier).
 */
export async function requireRead(db: Queryable, actor: Actor, def: DefinitionRow): Promise<void> {
  if (def.kind === "template") return;
  await requireAccess(db, actor, "catalogue.read", [def.unitId]);
}

async function summaries(
  db: Queryable,
  tenantId: string,
  defs: DefinitionRow[],
): Promise<TDefinitionSummary[]> {
  const versions = await versionsOf(
    db,
    tenantId,
    defs.map((d) => d.id),
  );
  const procs = defs.length
    ? await db
        .select({
          id: procedures.id,
          code: procedures.code,
          name: procedures.name,
          legalHours: procedures.legalHours,
        })
        .from(procedures)
        .where(
          and(
            eq(procedures.tenantId, tenantId),
            inArray(
              procedures.id,
              defs.map((d) => d.procedureId),
            ),
          ),
        )
    : [];
  const procById = new Map(procs.map((p) => [p.id, p]));
  const unitById = await unitInfos(
    db,
    tenantId,
    defs.map((d) => d.unitId),
  );
  return defs.map((d) => {
    const own = versions.filter((v) => v.definitionId === d.id);
    const p = procById.get(d.procedureId);
    const published = own.find((v) => v.status === "published");
    return {
      id: d.id,
      kind: d.kind,
      name: d.name,
      procedureId: d.procedureId,
      procedureCode: p?.code ?? "",
      procedureName: p?.name ?? "",
      legalHours: p?.legalHours ?? null,
      unitId: d.unitId,
      unitName: unitById.get(d.unitId)?.name ?? "",
      adopterKind: d.adopterKind,
      templateId: d.templateId,
      published: published ? toVersionSummary(published) : null,
      latest: own[0] ? toVersionSummary(own[0]) : null,
    };
  });
}

/** Processes the actor may read: templates, and agency processes inside the actor's catalogue scope. */
export async function listDefinitions(
  db: Queryable,
  actor: Actor,
  query: z.infer<typeof ZDefinitionQuerySchema>,
): Promise<TDefinitionSummary[]> {
  const conds: (SQL | undefined)[] = [eq(processDefinitions.tenantId, actor.tenantId)];
  if (query.unitId) {
    await requireAccess(db, actor, "catalogue.read", [query.unitId]);
    conds.push(eq(processDefinitions.unitId, query.unitId));
  }
  if (query.procedureId) conds.push(eq(processDefinitions.procedureId, query.procedureId));
  if (query.kind) conds.push(eq(processDefinitions.kind, query.kind));
  if (query.templateId) conds.push(eq(processDefinitions.templateId, query.templateId));
  const paths = scopePaths(actor, "catalogue.read");
  const inScope = db
    .select({ id: units.id })
    .from(units)
    .where(
      and(eq(units.tenantId, actor.tenantId), or(...paths.map((p) => like(units.path, `${escapeLike(p)}%`)))),
    );
  conds.push(
    paths.length
      ? or(eq(processDefinitions.kind, "template"), inArray(processDefinitions.unitId, inScope))
      : eq(processDefinitions.kind, "template"),
  );
  const defs = await db
    .select()
    .from(processDefinitions)
    .where(and(...conds))
    .orderBy(processDefinitions.name)
    .limit(2000);
  return summaries(db, actor.tenantId, defs);
}

export async function getDefinition(db: Queryable, actor: Actor, id: string): Promise<TDefinition> {
  const def = await loadDefinition(db, actor.tenantId, id);
  await requireRead(db, actor, def);
  const [summary] = await summaries(db, actor.tenantId, [def]);
  const procedure = await loadProcedure(db, actor.tenantId, def.procedureId);
  const versions = await versionsOf(db, actor.tenantId, [def.id]);
  return { ...summary!, versions: versions.map(toVersionSummary), dossierFields: procedure.dossierFields };
}

export async function getVersion(db: Queryable, actor: Actor, id: string): Promise<TVersion> {
  const v = await loadVersion(db, actor.tenantId, id);
  const def = await loadDefinition(db, actor.tenantId, v.definitionId);
  await requireRead(db, actor, def);
  const [definition] = await summaries(db, actor.tenantId, [def]);
  return {
    ...toVersionSummary(v),
    xml: v.xml,
    compiled: v.compiled ?? null,
    bindings: v.bindings ?? null,
    approvalNote: v.approvalNote,
    publishedByName: v.publishedByName,
    submittedByName: v.submittedByName,
    definition: definition!,
  };
}

/** The longest-path allotment of a diagram, read leniently (a draft may not be valid yet). */
async function draftTotalHours(xml: string): Promise<number | null> {
  const read = await readProcessXml(xml);
  return longestPathHours(read.nodes, read.edges);
}

/** Inserts a draft version (number = last + 1) without an access check. */
export async function insertDraft(
  tx: Tx,
  actor: AuditActor,
  def: DefinitionRow,
  xml: string,
): Promise<VersionRow> {
  const [last] = await tx
    .select({ version: processVersions.version })
    .from(processVersions)
    .where(and(eq(processVersions.tenantId, actor.tenantId), eq(processVersions.definitionId, def.id)))
    .orderBy(desc(processVersions.version))
    .limit(1);
  const [row] = await tx
    .insert(processVersions)
    .values({
      tenantId: actor.tenantId,
      id: newId(),
      definitionId: def.id,
      version: (last?.version ?? 0) + 1,
      status: "draft",
      xml,
      totalHours: await draftTotalHours(xml),
      createdBy: actor.userId,
      createdByName: actor.name,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "process.version.create",
    entityType: "process_version",
    entityId: row!.id,
    unitId: def.unitId,
    after: { definitionId: def.id, version: row!.version },
  });
  return row!;
}

/** Inserts a process definition without an access check (demo loader; callers check). */
export async function insertDefinition(
  tx: Tx,
  actor: AuditActor,
  input: {
    kind: "agency" | "template";
    procedureId: string;
    unitId: string;
    name: string;
    adopterKind?: string | null;
    templateId?: string | null;
  },
): Promise<DefinitionRow> {
  if (input.kind === "agency") {
    const [dup] = await tx
      .select({ id: processDefinitions.id })
      .from(processDefinitions)
      .where(
        and(
          eq(processDefinitions.tenantId, actor.tenantId),
          eq(processDefinitions.kind, "agency"),
          eq(processDefinitions.procedureId, input.procedureId),
          eq(processDefinitions.unitId, input.unitId),
        ),
      );
    if (dup) {
      throw conflict(
        {
          vi: "Đơn vị này đã có quy trình cho thủ tục; hãy tạo phiên bản mới",
          en: "This agency already has a process for the procedure; create a new version",
        },
        { definitionId: dup.id },
      );
    }
  }
  const [row] = await tx
    .insert(processDefinitions)
    .values({
      tenantId: actor.tenantId,
      id: newId(),
      kind: input.kind,
      procedureId: input.procedureId,
      unitId: input.unitId,
      name: input.name,
      adopterKind: input.adopterKind ?? null,
      templateId: input.templateId ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "process.create",
    entityType: "process_definition",
    entityId: row!.id,
    unitId: input.unitId,
    after: { kind: input.kind, procedureId: input.procedureId, name: input.name },
  });
  return row!;
}

/** Creates an agency's process (or a tenant template) for a procedure, with its first draft. */
export async function createDefinition(
  tx: Tx,
  actor: Actor,
  input: z.infer<typeof ZCreateDefinitionSchema>,
): Promise<TDefinition> {
  await requireAccess(tx, actor, "process.design", [input.unitId]);
  if (input.kind === "template" && input.unitId !== (await tenantRootUnitId(tx, actor.tenantId))) {
    throw invalidOperation({
      vi: "Quy trình mẫu được ban hành ở cấp tỉnh/thành phố (đơn vị gốc)",
      en: "Templates belong to the tenant's root unit",
    });
  }
  const procedure = await loadProcedure(tx, actor.tenantId, input.procedureId);
  const def = await insertDefinition(tx, actor, {
    kind: input.kind,
    procedureId: procedure.id,
    unitId: input.unitId,
    name: input.name ?? procedure.name,
    adopterKind: input.kind === "template" ? (input.adopterKind ?? "commune") : null,
  });
  await insertDraft(tx, actor, def, input.xml ?? defaultProcessXml(procedure.name, procedure.legalHours));
  return getDefinition(tx, actor, def.id);
}

/** Starts a new draft from an existing version (the latest by default). */
export async function newVersion(
  tx: Tx,
  actor: Actor,
  definitionId: string,
  fromVersionId: string | null | undefined,
): Promise<TVersionSummary> {
  const def = await loadDefinition(tx, actor.tenantId, definitionId, true);
  await requireAccess(tx, actor, "process.design", [def.unitId]);
  const versions = await versionsOf(tx, actor.tenantId, [def.id]);
  const open = versions.find(
    (v) => v.status === "draft" || v.status === "submitted" || v.status === "approved",
  );
  if (open) {
    throw conflict(
      {
        vi: `Phiên bản ${open.version} đang ở trạng thái chưa ban hành; hoàn tất hoặc sửa phiên bản đó`,
        en: `Version ${open.version} is still open; finish or edit it`,
      },
      { versionId: open.id },
    );
  }
  const source = fromVersionId ? versions.find((v) => v.id === fromVersionId) : versions[0];
  if (fromVersionId && !source)
    throw notFound({ vi: "Không tìm thấy phiên bản nguồn", en: "Source version not found" });
  const procedure = await loadProcedure(tx, actor.tenantId, def.procedureId);
  const row = await insertDraft(
    tx,
    actor,
    def,
    source?.xml ?? defaultProcessXml(procedure.name, procedure.legalHours),
  );
  return toVersionSummary(row);
}
