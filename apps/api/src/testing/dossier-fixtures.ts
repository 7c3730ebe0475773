import {
  type TDossierField,
  type TRequiredDocumentInput,
  type TStep,
  ZRequiredDocumentSchema,
} from "@eiso/contracts";
import { tenantCalendar } from "../modules/calendar/service";
import { insertField } from "../modules/catalogue/fields";
import { insertProcedure } from "../modules/catalogue/procedures";
import { buildProcessXml, type ProcessPart } from "../modules/catalogue/process-builder";
import { readProcessXml } from "../modules/catalogue/process-xml";
import { processDefinitions, processVersions } from "../modules/catalogue/tables";
import { validateProcess } from "../modules/catalogue/validate-process";
import type { SystemActor } from "../platform/actor";
import type { Database } from "../platform/db/client";
import { newId } from "../platform/ids";
import type { TestServer } from "./harness";

/**
 * Test data for dossier tests: a procedure with a published process at one agency, built from
 * step specs through the catalogue's own XML builder, reader and validator (so the engine runs
 * exactly what publishing would produce). Writes the version row directly: the approval flow is
 * the catalogue tests' business.
 */
export async function publishedProcedure(
  database: Database,
  tenantId: string,
  input: {
    code: string;
    name: string;
    agencyUnitId: string;
    ownerUnitId: string;
    legal: { amount: number; unit: "days" | "hours" };
    parts?: ProcessPart[];
    /** Hand-written BPMN instead of parts (e.g. parallel gateways), with the unit ids it names. */
    xml?: string;
    unitIds?: string[];
    documents?: TRequiredDocumentInput[];
    dossierFields?: TDossierField[];
    bindings?: { agency?: string; field_division?: string; reception_desk?: string };
  },
) {
  const system: SystemActor = { tenantId, userId: null, name: "Kiểm thử" };
  return database.db.transaction(async (tx) => {
    const field = await insertField(tx, system, {
      code: `F-${input.code}`,
      name: `Lĩnh vực ${input.name}`,
      ownerUnitId: input.ownerUnitId,
    });
    const procedure = await insertProcedure(tx, system, {
      code: input.code,
      name: input.name,
      fieldId: field.id,
      level: "district",
      methods: ["counter", "online"],
      documents: (input.documents ?? [{ name: "Tờ khai" }]).map((d) => ZRequiredDocumentSchema.parse(d)),
      processingTime: input.legal,
      fees: [],
      onlineLevel: "full",
      status: "active",
      dossierFields: input.dossierFields ?? [],
      ownerUnitId: input.ownerUnitId,
    } as never);
    const parts = input.parts ?? [];
    const xml = input.xml ?? buildProcessXml({ name: input.name, parts });
    const read = await readProcessXml(xml);
    const unitIds = [
      ...(input.unitIds ?? []),
      ...parts
        .flatMap((p) => ("branches" in p ? p.branches.flatMap((b) => b.steps) : [p]))
        .map((s) => s.unit),
    ];
    const outcome = validateProcess(read, {
      dossierFields: input.dossierFields ?? [],
      knownUnitIds: new Set(unitIds.filter((u) => !u.startsWith("@"))),
    });
    if (!outcome.compiled)
      throw new Error(`fixture process invalid: ${outcome.problems.map((p) => p.message).join("; ")}`);
    const definitionId = newId();
    await tx.insert(processDefinitions).values({
      tenantId,
      id: definitionId,
      kind: "agency",
      procedureId: procedure.id,
      unitId: input.agencyUnitId,
      name: input.name,
    });
    const versionId = newId();
    await tx.insert(processVersions).values({
      tenantId,
      id: versionId,
      definitionId,
      version: 1,
      status: "published",
      xml,
      compiled: outcome.compiled,
      bindings: input.bindings ?? null,
      publishedAt: new Date(),
      effectiveFrom: "2020-01-01",
    } as never);
    return { procedureId: procedure.id, versionId, compiled: outcome.compiled };
  });
}

/**
 * District 10 of the demo, where most dossier tests run: its people's committee (the agency), its
 * one-stop desk and justice division, and its clerk, leader and justice officer signed in.
 */
export async function district10(server: TestServer) {
  const u = server.demo.hcmc.units;
  const ids = {
    q10: u.get("Ủy ban nhân dân quận 10")!,
    desk: u.get("Bộ phận Tiếp nhận và Trả kết quả quận 10")!,
    justice: u.get("Phòng Tư pháp quận 10")!,
  };
  const clerk = await server.login("q10.motcua");
  const leader = await server.login("q10.lanhdao");
  const officer = await server.login("q10.chuyenvien");
  const officerId: string = (await officer.get("/api/auth/session")).body.user.id;
  return { ids, clerk, leader, officer, officerId };
}

/** The active steps of a dossier page (the body of a dossier route's answer). */
export const activeSteps = (d: { steps: TStep[] }): TStep[] => d.steps.filter((s) => s.status === "active");

/** The first active step of a dossier page; fails the test when there is none. */
export function activeStep(d: { steps: TStep[] }): TStep {
  const step = activeSteps(d)[0];
  if (!step) throw new Error(`no active step: ${d.steps.map((s) => `${s.name}:${s.status}`).join(", ")}`);
  return step;
}

/** An appointment `days` working days from now on the demo city's calendar (a working day, as form 04 needs). */
export async function workingDaysAhead(server: TestServer, days: number): Promise<Date> {
  const calendar = await tenantCalendar(server.database.db, server.demo.hcmc.tenantId);
  return calendar.addWorkingTime(new Date(), { days });
}
