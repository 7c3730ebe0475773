import { and, desc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import { vnToday } from "../../platform/dates";
import type { Queryable } from "../../platform/db/client";
import { notFound } from "../../platform/errors";
import type { CataloguePort, PublishedProcess } from "../dossiers/catalogue-port";
import { loadField } from "./fields";
import { loadProcedure, toProcedureDto } from "./procedures";
import { catalogueAssignments, processDefinitions, processVersions } from "./tables";

type VersionRow = typeof processVersions.$inferSelect;

function toPublished(v: VersionRow, agencyUnitId: string): PublishedProcess {
  if (!v.compiled) throw notFound({ vi: "Quy trình chưa được biên dịch", en: "Process not compiled" });
  return { versionId: v.id, agencyUnitId, compiled: v.compiled, bindings: v.bindings ?? {} };
}

/**
 * Published and superseded versions never change (every path that edits a version refuses them, see
 * `assertStatus`), and neither does the agency of their definition: each API process keeps the ones
 * it has read, by id, so a transition does not read its dossier's process again. Bounded: the
 * oldest read goes first.
 */
const frozenVersions = new Map<string, PublishedProcess>();
const FROZEN_VERSIONS_KEPT = 500;

function remember(key: string, published: PublishedProcess) {
  if (frozenVersions.size >= FROZEN_VERSIONS_KEPT) {
    const oldest = frozenVersions.keys().next().value;
    if (oldest !== undefined) frozenVersions.delete(oldest);
  }
  frozenVersions.set(key, published);
}

/**
 * What the catalogue offers the dossier runtime: a procedure, the processes published for it and in
 * effect (one per agency), a version by id, and the unit in charge per responsibility assignment.
 */
export const catalogueForDossiers: CataloguePort = {
  async procedure(db, tenantId, procedureId) {
    const row = await loadProcedure(db, tenantId, procedureId);
    return toProcedureDto(row, await loadField(db, tenantId, row.fieldId));
  },

  async publishedProcesses(db, tenantId, procedureId, at) {
    const rows = await db
      .select({ v: processVersions, unitId: processDefinitions.unitId })
      .from(processVersions)
      .innerJoin(
        processDefinitions,
        and(
          eq(processDefinitions.tenantId, processVersions.tenantId),
          eq(processDefinitions.id, processVersions.definitionId),
        ),
      )
      .where(
        and(
          eq(processVersions.tenantId, tenantId),
          eq(processDefinitions.procedureId, procedureId),
          eq(processDefinitions.kind, "agency"),
          // A version published with a future effective date supersedes the current one at once, but the
          // current one stays in effect until then: pick, per agency, the newest effective on `at`.
          inArray(processVersions.status, ["published", "superseded"]),
          or(isNull(processVersions.effectiveFrom), lte(processVersions.effectiveFrom, vnToday(at))),
        ),
      )
      .orderBy(desc(processVersions.effectiveFrom), desc(processVersions.version));
    const byAgency = new Map<string, PublishedProcess>();
    for (const r of rows) if (!byAgency.has(r.unitId)) byAgency.set(r.unitId, toPublished(r.v, r.unitId));
    return [...byAgency.values()];
  },

  async processVersion(db, tenantId, versionId) {
    const key = `${tenantId}:${versionId}`;
    const hit = frozenVersions.get(key);
    if (hit) return hit;
    const [row] = await db
      .select({ v: processVersions, unitId: processDefinitions.unitId })
      .from(processVersions)
      .innerJoin(
        processDefinitions,
        and(
          eq(processDefinitions.tenantId, processVersions.tenantId),
          eq(processDefinitions.id, processVersions.definitionId),
        ),
      )
      .where(and(eq(processVersions.tenantId, tenantId), eq(processVersions.id, versionId)));
    if (!row) throw notFound({ vi: "Không tìm thấy phiên bản quy trình", en: "Process version not found" });
    const published = toPublished(row.v, row.unitId);
    if (row.v.status === "published" || row.v.status === "superseded") remember(key, published);
    return published;
  },

  async divisionInCharge(db, tenantId, agencyUnitId, procedureId) {
    const procedure = await loadProcedure(db, tenantId, procedureId);
    const rows = await db
      .select()
      .from(catalogueAssignments)
      .where(
        and(
          eq(catalogueAssignments.tenantId, tenantId),
          eq(catalogueAssignments.agencyUnitId, agencyUnitId),
          inArray(catalogueAssignments.subjectId, [procedureId, procedure.fieldId]),
        ),
      );
    const pick =
      rows.find((r) => r.subjectType === "procedure" && r.assigneeUnitId) ??
      rows.find((r) => r.assigneeUnitId);
    return pick?.assigneeUnitId ?? null;
  },
};

/** The BPMN XML of a version, for drawing a dossier's process with its steps highlighted. */
export async function processXmlOf(db: Queryable, tenantId: string, versionId: string): Promise<string> {
  const [row] = await db
    .select({ xml: processVersions.xml })
    .from(processVersions)
    .where(and(eq(processVersions.tenantId, tenantId), eq(processVersions.id, versionId)));
  if (!row) throw notFound();
  return row.xml;
}
