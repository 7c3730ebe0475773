import type { TBindings, TCompiledProcess, TDefinition, TRelativeUnit } from "@eiso/contracts";
import { and, eq } from "drizzle-orm";
import type { Actor, AuditActor } from "../../platform/actor";
import type { Tx } from "../../platform/db/client";
import { invalidOperation } from "../../platform/errors";
import { requireAccess } from "../org/access";
import { unitInfos } from "./org-lookup";
import {
  type DefinitionRow,
  getDefinition,
  insertDefinition,
  insertDraft,
  loadDefinition,
  type VersionRow,
  versionsOf,
} from "./processes";
import { processDefinitions } from "./tables";
import { putIntoEffect } from "./version-lifecycle";

/** Replaces relative acting units by the adopting agency's own units where it bound them. */
export function bindCompiled(compiled: TCompiledProcess, bindings: TBindings): TCompiledProcess {
  return {
    ...compiled,
    nodes: compiled.nodes.map((n) => {
      if (n.type !== "userTask" || n.unit.kind !== "relative") return n;
      const bound = bindings[n.unit.relation as TRelativeUnit];
      return bound ? { ...n, unit: { kind: "unit" as const, unitId: bound } } : n;
    }),
  };
}

/**
 * An agency adopts a published tenant template: its process for the procedure gets a new published
 * version carrying the template's diagram and approval, with the relative units bound to the
 * agency's own units (unbound ones stay relative and resolve against the agency at run time).
 * Adopting again after the template changes supersedes the previous adoption.
 */
export async function adoptTemplate(
  tx: Tx,
  actor: Actor,
  templateId: string,
  input: { unitId: string; bindings: TBindings; effectiveFrom: string },
): Promise<TDefinition> {
  const template = await loadDefinition(tx, actor.tenantId, templateId);
  const paths = await requireAccess(tx, actor, "process.design", [input.unitId]);
  const def = await adoptAs(tx, actor, template, { ...input, agencyPath: paths.get(input.unitId)! });
  return getDefinition(tx, actor, def.id);
}

/** The adoption itself, without the access check (demo loader). */
export async function adoptAs(
  tx: Tx,
  actor: AuditActor,
  template: DefinitionRow,
  input: { unitId: string; bindings: TBindings; effectiveFrom: string; agencyPath: string },
): Promise<DefinitionRow> {
  if (template.kind !== "template") {
    throw invalidOperation({ vi: "Chỉ áp dụng được quy trình mẫu", en: "Only a template can be adopted" });
  }
  const source = (await versionsOf(tx, actor.tenantId, [template.id])).find((v) => v.status === "published");
  if (!source?.compiled) {
    throw invalidOperation({
      vi: "Quy trình mẫu chưa được ban hành",
      en: "The template has no published version",
    });
  }
  const infos = await unitInfos(tx, actor.tenantId, [
    input.unitId,
    ...Object.values(input.bindings).filter((v): v is string => !!v),
  ]);
  const agency = infos.get(input.unitId);
  if (template.adopterKind && agency && agency.kind !== template.adopterKind) {
    throw invalidOperation({
      vi: `Quy trình mẫu dành cho đơn vị loại "${template.adopterKind}", không phải "${agency.kind}"`,
      en: `The template is for units of kind ${template.adopterKind}`,
    });
  }
  for (const [relation, unitId] of Object.entries(input.bindings)) {
    if (!unitId) continue;
    const unit = infos.get(unitId);
    if (!unit?.path.startsWith(input.agencyPath)) {
      throw invalidOperation({
        vi: `Đơn vị gán cho "${relation}" phải thuộc đơn vị áp dụng`,
        en: `The unit bound to ${relation} must belong to the adopting agency`,
      });
    }
  }
  const [existing] = await tx
    .select()
    .from(processDefinitions)
    .where(
      and(
        eq(processDefinitions.tenantId, actor.tenantId),
        eq(processDefinitions.kind, "agency"),
        eq(processDefinitions.procedureId, template.procedureId),
        eq(processDefinitions.unitId, input.unitId),
      ),
    );
  let def = existing;
  if (!def) {
    def = await insertDefinition(tx, actor, {
      kind: "agency",
      procedureId: template.procedureId,
      unitId: input.unitId,
      name: template.name,
      templateId: template.id,
    });
  } else {
    const open = (await versionsOf(tx, actor.tenantId, [def.id])).find((v) =>
      ["draft", "submitted", "approved"].includes(v.status),
    );
    if (open) {
      throw invalidOperation({
        vi: `Quy trình của đơn vị đang có phiên bản ${open.version} chưa ban hành; hoàn tất trước khi áp dụng mẫu`,
        en: `The agency's process has an open version ${open.version}`,
      });
    }
    [def] = await tx
      .update(processDefinitions)
      .set({ templateId: template.id, updatedAt: new Date() })
      .where(and(eq(processDefinitions.tenantId, actor.tenantId), eq(processDefinitions.id, def.id)))
      .returning();
  }
  const draft: VersionRow = await insertDraft(tx, actor, def!, source.xml);
  await putIntoEffect(tx, actor, def!, draft, {
    compiled: bindCompiled(source.compiled, input.bindings),
    bindings: input.bindings,
    adoptedFromVersionId: source.id,
    submittedAt: source.submittedAt,
    submittedByName: source.submittedByName,
    approvedAt: source.approvedAt,
    approvedBy: source.approvedBy,
    approvedByName: source.approvedByName,
    decisionNumber: source.decisionNumber,
    decisionDate: source.decisionDate,
    approvalNote: `Áp dụng quy trình mẫu, phiên bản ${source.version}`,
    effectiveFrom: input.effectiveFrom,
  });
  return def!;
}
