import { type TDossierField, type TReceiveDossier, ZDate } from "@eiso/contracts";
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../../platform/actor";
import { coversPath } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import { rowsOf, type Tx } from "../../platform/db/client";
import { AppError, forbidden, invalidOperation } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { enqueue } from "../../platform/jobs/outbox";
import { MAIL_TOPIC } from "../../platform/mail";
import { foldVietnamese } from "../../platform/text";
import { unitSummaries } from "../org/units";
import type { PublishedProcess } from "./catalogue-port";
import { vietnameseDateTime } from "./forms/vietnamese-dates";
import { type EngineContext, startProcess } from "./steps";
import { addDossierEvent, type DossierRow, loadDossier } from "./store";
import { dossierForms, dossiers } from "./tables";

const HOUR = 3600_000;

/** yymmdd of an instant in Vietnam time. */
export function vnDayCode(at: Date): { day: string; code: string } {
  const iso = new Date(at.getTime() + 7 * HOUR).toISOString().slice(0, 10);
  return { day: iso, code: iso.slice(2).replaceAll("-", "") };
}

/**
 * Next code of the receiving agency for the day: `<agency code>-<yymmdd>-<0001>`. The counter row is
 * incremented inside the receiving transaction, so a rolled-back reception gives its number back:
 * codes are unique per tenant, never reused, and gap-free per agency and day.
 */
export async function nextDossierCode(
  tx: Tx,
  tenantId: string,
  agencyCode: string,
  at: Date,
): Promise<string> {
  const { day, code } = vnDayCode(at);
  const [row] = rowsOf<{ last: number }>(
    await tx.execute(sql`
      insert into dossier_counters (tenant_id, agency_code, day, last) values (${tenantId}, ${agencyCode}, ${day}, 1)
      on conflict (tenant_id, agency_code, day) do update set last = dossier_counters.last + 1
      returning last`),
  );
  return `${agencyCode}-${code}-${String(row!.last).padStart(4, "0")}`;
}

/** Required documents the applicant did not hand in (by name, original/copy counts). */
export function missingDocuments(
  required: { name: string; originals: number; copies: number; required?: boolean | undefined }[],
  given: { name: string; originals: number; copies: number }[],
): string[] {
  const norm = (s: string) => foldVietnamese(s);
  return required
    .filter((r) => r.required !== false)
    .filter((r) => {
      const g = given.find((x) => norm(x.name) === norm(r.name));
      return !g || g.originals < r.originals || g.copies < r.copies;
    })
    .map((r) => r.name);
}

/**
 * Form 02's rows at the desk: what the clerk asks for, and why. A request naming one of the
 * procedure's papers says whether it is missing or short of copies; anything else the clerk wrote
 * is the requirement itself, its reason left for the form's dotted line.
 */
export function supplementItems(
  papers: { name: string; originals: number; copies: number }[],
  given: { name: string; originals: number; copies: number }[],
  reasons: string[],
): { requirement: string; reason: string }[] {
  const norm = (s: string) => foldVietnamese(s);
  return reasons.map((r) => {
    const paper = papers.find((p) => norm(p.name) === norm(r));
    if (!paper) return { requirement: r, reason: "" };
    const handed = given.find((g) => norm(g.name) === norm(paper.name));
    return {
      requirement: paper.name,
      reason: handed
        ? `Chưa đủ số bản: cần ${paper.originals} bản chính, ${paper.copies} bản sao`
        : "Chưa nộp giấy tờ này",
    };
  });
}

/**
 * What is wrong with the dossier's data against the fields the procedure declares: keys it does
 * not declare, and values of the wrong type (a number, yes/no, a date `YYYY-MM-DD`, one of the
 * options of a list). Empty values (null) are left to the required-field check.
 */
export function dossierDataProblems(
  fields: Pick<TDossierField, "key" | "label" | "type" | "options">[],
  data: Record<string, string | number | boolean | null>,
): { key: string; vi: string; en: string }[] {
  const problems: { key: string; vi: string; en: string }[] = [];
  for (const [key, value] of Object.entries(data)) {
    const field = fields.find((f) => f.key === key);
    if (!field) {
      problems.push({
        key,
        vi: `${key}: thủ tục không có trường này`,
        en: `${key}: not a field of the procedure`,
      });
      continue;
    }
    if (value === null) continue;
    const fits =
      field.type === "number"
        ? typeof value === "number" && Number.isFinite(value)
        : field.type === "boolean"
          ? typeof value === "boolean"
          : field.type === "date"
            ? ZDate.safeParse(value).success
            : field.type === "select"
              ? typeof value === "string" && (field.options ?? []).includes(value)
              : typeof value === "string";
    if (!fits) {
      const expected = {
        number: { vi: "một số", en: "a number" },
        boolean: { vi: "có/không", en: "yes or no" },
        date: { vi: "một ngày (YYYY-MM-DD)", en: "a date (YYYY-MM-DD)" },
        select: {
          vi: `một trong: ${(field.options ?? []).join(", ")}`,
          en: `one of: ${(field.options ?? []).join(", ")}`,
        },
        text: { vi: "văn bản", en: "text" },
      }[field.type];
      problems.push({ key, vi: `${field.label}: cần ${expected.vi}`, en: `${key}: expected ${expected.en}` });
    }
  }
  return problems;
}

/** Required fields of the procedure left empty in the dossier's data. */
export function missingRequiredFields<F extends Pick<TDossierField, "key" | "required">>(
  fields: F[],
  data: Record<string, string | number | boolean | null>,
): F[] {
  return fields.filter((f) => f.required && (data[f.key] ?? null) === null);
}

/** Chooses the agency competent for the procedure: given, or the one whose subtree holds the desk, or the only one. */
function chooseProcess(
  processes: PublishedProcess[],
  agencyUnitId: string | null | undefined,
  deskPath: string,
  paths: Map<string, { path: string }>,
) {
  if (agencyUnitId) {
    const p = processes.find((x) => x.agencyUnitId === agencyUnitId);
    if (!p)
      throw invalidOperation({
        vi: "Cơ quan được chọn không giải quyết thủ tục này",
        en: "That agency does not handle this procedure",
      });
    return p;
  }
  if (processes.length === 1) return processes[0]!;
  const containing = processes
    .filter((p) => deskPath.startsWith(paths.get(p.agencyUnitId)?.path ?? "\u0000"))
    .sort(
      (a, b) => (paths.get(b.agencyUnitId)?.path.length ?? 0) - (paths.get(a.agencyUnitId)?.path.length ?? 0),
    );
  if (containing[0]) return containing[0];
  throw new AppError(
    "validation_failed",
    {
      vi: "Thủ tục do nhiều cơ quan giải quyết: hãy chọn cơ quan có thẩm quyền",
      en: "Several agencies handle this procedure: choose one",
    },
    { agencies: processes.map((p) => p.agencyUnitId) },
  );
}

/**
 * Receives a dossier at any reception desk of the province (Decree 118/2025): checks completeness,
 * then accepts it (code, deadline, process start, form 01), or records a request to complete it
 * (form 02) or a refusal (form 03). Routed to the competent agency whatever the desk.
 */
export async function receiveDossier(
  tx: Tx,
  actor: Actor,
  input: TReceiveDossier,
  ctx: EngineContext,
): Promise<DossierRow> {
  const tenantId = actor.tenantId;
  if (input.idempotencyKey) {
    const [existing] = await tx
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(and(eq(dossiers.tenantId, tenantId), eq(dossiers.idempotencyKey, input.idempotencyKey)));
    if (existing) return loadDossier(tx, tenantId, existing.id);
  }
  const desk = (await unitSummaries(tx, tenantId, [input.deskUnitId])).get(input.deskUnitId);
  if (!desk)
    throw new AppError("not_found", { vi: "Không tìm thấy bộ phận tiếp nhận", en: "Desk not found" });
  if (!coversPath(actor, "dossier.receive", desk.path)) throw forbidden();
  const procedure = await ctx.port.procedure(tx, tenantId, input.procedureId);
  if (procedure.status !== "active") {
    throw invalidOperation({
      vi: "Thủ tục đã bị tạm dừng hoặc bãi bỏ",
      en: "The procedure is suspended or abolished",
    });
  }
  const processes = await ctx.port.publishedProcesses(tx, tenantId, procedure.id, ctx.now);
  if (processes.length === 0) {
    throw invalidOperation({
      vi: "Thủ tục chưa có quy trình nội bộ được ban hành, chưa thể tiếp nhận",
      en: "The procedure has no published internal process yet",
    });
  }
  const agencyUnits = await unitSummaries(
    tx,
    tenantId,
    processes.map((p) => p.agencyUnitId),
  );
  const process = chooseProcess(processes, input.agencyUnitId, desk.path, agencyUnits);
  const agency = agencyUnits.get(process.agencyUnitId)!;

  const missing = missingDocuments(procedure.documents, input.documents);
  if (input.decision === "accept" && missing.length > 0) {
    throw new AppError(
      "invalid_operation",
      {
        vi: `Hồ sơ chưa đủ thành phần: ${missing.join("; ")}`,
        en: `Missing documents: ${missing.join("; ")}`,
      },
      { missing },
    );
  }
  const dataProblems = dossierDataProblems(procedure.dossierFields, input.data);
  if (dataProblems.length > 0) {
    throw new AppError(
      "validation_failed",
      {
        vi: `Thông tin hồ sơ không hợp lệ: ${dataProblems.map((p) => p.vi).join("; ")}`,
        en: `Invalid dossier data: ${dataProblems.map((p) => p.en).join("; ")}`,
      },
      { fields: dataProblems.map((p) => p.key) },
    );
  }
  const missingFields = missingRequiredFields(procedure.dossierFields, input.data);
  if (input.decision === "accept" && missingFields.length > 0) {
    throw new AppError(
      "validation_failed",
      {
        vi: `Thiếu thông tin: ${missingFields.map((f) => f.label).join(", ")}`,
        en: `Missing data: ${missingFields.map((f) => f.key).join(", ")}`,
      },
      { fields: missingFields.map((f) => f.key) },
    );
  }
  if (input.decision !== "accept" && input.reasons.length === 0) {
    throw new AppError("validation_failed", { vi: "Cần nêu lý do", en: "Give the reasons" });
  }

  const hours = procedure.legalHours ?? 0;
  const allowanceMs = Math.round(hours * HOUR);
  const dueAt = ctx.calendar.addWorkingTime(ctx.now, { hours });
  const code = await nextDossierCode(tx, tenantId, agency.code, ctx.now);
  const status =
    input.decision === "accept"
      ? "processing"
      : input.decision === "refuse"
        ? "refused"
        : "waiting_supplement";
  const applicant = input.applicant;
  const [row] = await tx
    .insert(dossiers)
    .values({
      tenantId,
      id: newId(),
      code,
      procedureId: procedure.id,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      fieldId: procedure.fieldId,
      agencyUnitId: agency.id,
      agencyPath: agency.path,
      deskUnitId: desk.id,
      deskPath: desk.path,
      processVersionId: process.versionId,
      method: input.method,
      status,
      applicant,
      applicantName: applicant.name,
      applicantIdNumber: applicant.idNumber ?? null,
      searchText: foldVietnamese(
        `${code} ${applicant.name} ${applicant.idNumber ?? ""} ${applicant.organization ?? ""} ${procedure.name}`,
      ),
      documents: input.documents,
      data: input.data,
      resultDelivery: input.resultDelivery,
      note: input.note ?? null,
      receivedAt: ctx.now,
      receivedBy: actor.userId,
      allowanceMs,
      dueAt,
      originalDueAt: dueAt,
      pauses: [],
      closedAt: status === "refused" ? ctx.now : null,
      idempotencyKey: input.idempotencyKey ?? null,
      createdAt: ctx.now,
    })
    .returning();
  const d = row!;
  const formNo = status === "processing" ? "01" : status === "refused" ? "03" : "02";
  await tx.insert(dossierForms).values({
    tenantId,
    id: newId(),
    dossierId: d.id,
    formNo,
    data:
      formNo === "02"
        ? { items: supplementItems(procedure.documents, input.documents, input.reasons), stage: "reception" }
        : { reasons: input.reasons },
    createdAt: ctx.now,
    createdBy: actor.userId,
  });
  await addDossierEvent(
    tx,
    actor,
    d.id,
    status === "processing"
      ? "received"
      : status === "refused"
        ? "refused"
        : "supplement_requested_at_reception",
    {
      at: ctx.now,
      data: {
        deskId: desk.id,
        deskName: desk.name,
        agencyId: agency.id,
        agencyName: agency.name,
        form: formNo,
        reasons: input.reasons,
        missing,
      },
    },
  );
  await recordAudit(tx, actor, {
    action: `dossier.receive.${input.decision}`,
    entityType: "dossier",
    entityId: d.id,
    unitId: agency.id,
    after: { code, procedureCode: procedure.code, status, deskId: desk.id },
  });
  if (status === "processing") await startProcess(tx, actor, d, process, ctx);
  if (applicant.email) {
    await enqueue(tx, tenantId, MAIL_TOPIC, {
      to: applicant.email,
      subject: `[eISO] Hồ sơ ${code}`,
      text:
        status === "processing"
          ? `Hồ sơ "${procedure.name}" đã được tiếp nhận, mã hồ sơ ${code}. Hẹn trả kết quả: ${vietnameseDateTime(dueAt)}.`
          : status === "refused"
            ? `Hồ sơ "${procedure.name}" không được tiếp nhận. Lý do: ${input.reasons.join("; ")}`
            : `Hồ sơ "${procedure.name}" cần bổ sung: ${input.reasons.join("; ")}`,
    });
  }
  return loadDossier(tx, tenantId, d.id);
}
