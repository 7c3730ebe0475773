import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import { rowsOf, type Tx } from "../../platform/db/client";
import { forbidden, invalidOperation } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { enqueue } from "../../platform/jobs/outbox";
import { MAIL_TOPIC } from "../../platform/mail";
import { atAgency, atDesk, CLOSED_STATUSES, hasStatus, OPEN_STATUSES } from "./allowed-actions";
import { deliverResultDocuments } from "./documents/result-documents";
import { vietnameseDate, vietnameseDateTime } from "./forms/vietnamese-dates";
import type { EngineContext } from "./steps";
import { cancelActiveSteps, startProcess } from "./steps";
import { addDossierEvent, bumpDossier, type DossierRow, isLate } from "./store";
import { dossierForms, dossierSteps, onlineSupplements } from "./tables";

type Pause = { start: string; end: string | null };

/** Domain event consumed by the QMS module: a dossier returned late is a nonconformity of its agency. */
export const LATE_RETURN_TOPIC = "qms.nonconformity.dossier_late";

/** Officers who may act for the dossier at dossier level: reception at its desk, or officers of its agency. */
export function requireDossierAction(actor: Actor, d: DossierRow, kind: "desk" | "agency" | "either") {
  const desk = atDesk(actor, d);
  const agency = atAgency(actor, d);
  const ok = kind === "desk" ? desk : kind === "agency" ? agency : desk || agency;
  if (!ok) throw forbidden();
}

async function issueForm(tx: Tx, actor: Actor, d: DossierRow, formNo: string, data: unknown, now: Date) {
  await tx.insert(dossierForms).values({
    tenantId: d.tenantId,
    id: newId(),
    dossierId: d.id,
    formNo,
    data: data ?? {},
    createdAt: now,
    createdBy: actor.userId,
  });
}

async function tellApplicant(tx: Tx, d: DossierRow, subject: string, text: string) {
  const email = (d.applicant as { email?: string | null }).email;
  if (email)
    await enqueue(tx, d.tenantId, MAIL_TOPIC, { to: email, subject: `[eISO] ${d.code}: ${subject}`, text });
}

/** Whether the dossier has a form of that number (e.g. the apology letter, 04). */
export async function hasForm(tx: Tx, d: DossierRow, formNo: string): Promise<boolean> {
  const rows = await tx
    .select({ id: dossierForms.id })
    .from(dossierForms)
    .where(
      and(
        eq(dossierForms.tenantId, d.tenantId),
        eq(dossierForms.dossierId, d.id),
        eq(dossierForms.formNo, formNo),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Asks the applicant to complete the dossier during handling (form 02). Allowed once: the clock
 * stops until the supplement arrives.
 */
export async function requestSupplement(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  items: { requirement: string; reason: string }[],
  ctx: EngineContext,
) {
  requireDossierAction(actor, d, "agency");
  if (d.status !== "processing")
    throw invalidOperation({
      vi: "Hồ sơ không ở trạng thái đang giải quyết",
      en: "The dossier is not in progress",
    });
  if (d.supplementCount >= 1) {
    throw invalidOperation({
      vi: "Hồ sơ đã được yêu cầu bổ sung một lần; theo Nghị định 118/2025/NĐ-CP chỉ được yêu cầu bổ sung một lần trong quá trình giải quyết",
      en: "A supplement was already requested once; Decree 118/2025 allows only one request during handling",
    });
  }
  const pauses = [...(d.pauses as Pause[]), { start: ctx.now.toISOString(), end: null }];
  const next = await bumpDossier(tx, d, {
    status: "waiting_supplement",
    supplementCount: d.supplementCount + 1,
    pauses,
    pausedSince: ctx.now,
    pauseStartedAt: ctx.now,
  });
  await issueForm(tx, actor, d, "02", { items, stage: "handling" }, ctx.now);
  await addDossierEvent(tx, actor, d.id, "supplement_requested", { at: ctx.now, data: { items } });
  await recordAudit(tx, actor, {
    action: "dossier.supplement.request",
    entityType: "dossier",
    entityId: d.id,
    unitId: d.agencyUnitId,
    after: { items },
  });
  await tellApplicant(
    tx,
    d,
    "Yêu cầu bổ sung hồ sơ",
    items.map((i) => `- ${i.requirement}: ${i.reason}`).join("\n"),
  );
  return next;
}

/**
 * The applicant's supplement arrives. During handling the clock resumes and every due time moves
 * by the paused working time; at reception (no process yet) the dossier is accepted now (form 01).
 */
export async function receiveSupplement(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  input: {
    documents?: { name: string; originals: number; copies: number }[] | undefined;
    note?: string | null | undefined;
  },
  ctx: EngineContext,
) {
  requireDossierAction(actor, d, "either");
  if (d.status !== "waiting_supplement")
    throw invalidOperation({
      vi: "Hồ sơ không chờ bổ sung",
      en: "The dossier is not waiting for a supplement",
    });
  await closeWaitingSupplements(tx, d, ctx.now);
  const documents = [
    ...(d.documents as { name: string; originals: number; copies: number }[]),
    ...(input.documents ?? []),
  ];
  const [started] = rowsOf<{ n: number }>(
    await tx.execute(
      sql`select count(*)::int as n from dossier_steps where tenant_id = ${d.tenantId} and dossier_id = ${d.id}`,
    ),
  );
  if (started!.n === 0) {
    // Completed at the desk: accepted now, the clock starts now.
    const hours = d.allowanceMs / 3600_000;
    const dueAt = ctx.calendar.addWorkingTime(ctx.now, { hours });
    const next = await bumpDossier(tx, d, {
      status: "processing",
      documents,
      receivedAt: ctx.now,
      dueAt,
      originalDueAt: dueAt,
    });
    await issueForm(tx, actor, d, "01", {}, ctx.now);
    await addDossierEvent(tx, actor, d.id, "received", {
      at: ctx.now,
      comment: input.note ?? null,
      data: { afterSupplement: true },
    });
    await recordAudit(tx, actor, {
      action: "dossier.receive.accept",
      entityType: "dossier",
      entityId: d.id,
      unitId: d.agencyUnitId,
      after: { afterSupplement: true },
    });
    await startProcess(
      tx,
      actor,
      next,
      await ctx.port.processVersion(tx, d.tenantId, d.processVersionId!),
      ctx,
    );
    await tellApplicant(
      tx,
      d,
      "Đã tiếp nhận hồ sơ",
      `Hồ sơ đã đủ thành phần và được tiếp nhận. Hẹn trả kết quả: ${vietnameseDateTime(dueAt)}`,
    );
    return next;
  }
  const pauses = (d.pauses as Pause[]).map((p) => (p.end ? p : { ...p, end: ctx.now.toISOString() }));
  const closed = pauses[pauses.length - 1]!;
  const pause = { start: new Date(closed.start), end: new Date(closed.end!) };
  const asDates = pauses.map((p) => ({ start: new Date(p.start), end: new Date(p.end!) }));
  const dueAt = ctx.calendar.addWorkingTime(d.receivedAt, { hours: d.allowanceMs / 3600_000 }, asDates);
  const shift = dueAt.getTime() - d.dueAt.getTime();
  const next = await bumpDossier(tx, d, {
    status: "processing",
    documents,
    pauses,
    pausedSince: null,
    pauseEndedAt: ctx.now,
    originalDueBeforePause: d.originalDueAt,
    dueAt,
    originalDueAt: new Date(d.originalDueAt.getTime() + shift),
  });
  // Active steps' due times move by the same paused working time.
  const active = await tx
    .select()
    .from(dossierSteps)
    .where(
      and(
        eq(dossierSteps.tenantId, d.tenantId),
        eq(dossierSteps.dossierId, d.id),
        eq(dossierSteps.status, "active"),
      ),
    );
  for (const s of active) {
    if (!s.dueAt) continue;
    const remaining = ctx.calendar.workingTimeBetween(pause.start, s.dueAt);
    const stepDue =
      remaining > 0 ? ctx.calendar.addWorkingTime(pause.end, { hours: remaining / 3600_000 }) : s.dueAt;
    await tx
      .update(dossierSteps)
      .set({ dueAt: stepDue })
      .where(and(eq(dossierSteps.tenantId, s.tenantId), eq(dossierSteps.id, s.id)));
  }
  await addDossierEvent(tx, actor, d.id, "supplement_received", {
    at: ctx.now,
    comment: input.note ?? null,
    data: {
      pausedFrom: closed.start,
      pausedTo: closed.end,
      newDueAt: dueAt.toISOString(),
      // The appointment against which lateness is judged, before and after the pause moved it.
      originalDueAtBefore: d.originalDueAt.toISOString(),
      originalDueAt: next.originalDueAt.toISOString(),
    },
  });
  await recordAudit(tx, actor, {
    action: "dossier.supplement.receive",
    entityType: "dossier",
    entityId: d.id,
    unitId: d.agencyUnitId,
    before: { dueAt: d.dueAt },
    after: { dueAt },
  });
  await tellApplicant(
    tx,
    d,
    "Đã nhận hồ sơ bổ sung",
    `Hồ sơ bổ sung đã được tiếp nhận, thời hạn giải quyết được tính tiếp. Hẹn trả kết quả: ${vietnameseDateTime(dueAt)}`,
  );
  return next;
}

/**
 * The apology letter with a request to extend (form 04). Sent before the due time it sets the new
 * appointment; sent after, it is still required before a late dossier may be returned.
 */
export async function apologise(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  input: { reason: string; newDueAt: string },
  ctx: EngineContext,
) {
  requireDossierAction(actor, d, "agency");
  if (!hasStatus(d, OPEN_STATUSES) && d.status !== "result_ready") {
    throw invalidOperation({ vi: "Hồ sơ đã kết thúc", en: "The dossier is closed" });
  }
  const newDueAt = new Date(input.newDueAt);
  if (newDueAt.getTime() <= Math.max(d.dueAt.getTime(), ctx.now.getTime())) {
    throw invalidOperation({
      vi: "Ngày hẹn mới phải sau hạn hiện tại",
      en: "The new appointment must be after the current due time",
    });
  }
  // The applicant is given an appointment at the desk: a working day of the agency's calendar.
  if (!ctx.calendar.isWorkingDay(newDueAt)) {
    throw invalidOperation({
      vi: `Ngày hẹn mới (${vietnameseDate(newDueAt)}) không phải ngày làm việc: hãy chọn một ngày làm việc`,
      en: "The new appointment falls on a day off (weekend or holiday): pick a working day",
    });
  }
  const beforeDue = ctx.now.getTime() < d.dueAt.getTime();
  const next = beforeDue ? await bumpDossier(tx, d, { dueAt: newDueAt }) : d;
  await issueForm(
    tx,
    actor,
    d,
    "04",
    { reason: input.reason, newDueAt: newDueAt.toISOString(), beforeDue },
    ctx.now,
  );
  await addDossierEvent(tx, actor, d.id, beforeDue ? "extended" : "apology_after_due", {
    at: ctx.now,
    comment: input.reason,
    data: { previousDueAt: d.dueAt.toISOString(), newDueAt: newDueAt.toISOString() },
  });
  await recordAudit(tx, actor, {
    action: "dossier.apology",
    entityType: "dossier",
    entityId: d.id,
    unitId: d.agencyUnitId,
    before: { dueAt: d.dueAt },
    after: { dueAt: next.dueAt, beforeDue },
  });
  await tellApplicant(
    tx,
    d,
    "Thư xin lỗi và hẹn lại ngày trả kết quả",
    `${input.reason}\nHẹn trả kết quả mới: ${vietnameseDateTime(newDueAt)}`,
  );
  return next;
}

/**
 * Once a dossier stops waiting for its supplement (received at the counter or online, stopped,
 * withdrawn), a supplement the applicant sent online and the desk has not received answers nothing
 * any more: it leaves the desk's queue (the one being received is marked received by its caller).
 */
async function closeWaitingSupplements(tx: Tx, d: DossierRow, now: Date): Promise<void> {
  await tx
    .update(onlineSupplements)
    .set({ status: "closed", receivedAt: now })
    .where(
      and(
        eq(onlineSupplements.tenantId, d.tenantId),
        eq(onlineSupplements.dossierId, d.id),
        eq(onlineSupplements.status, "pending"),
      ),
    );
}

/** Stops handling (form 05) or records the applicant's withdrawal; active steps are cancelled. */
export async function closeDossier(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  kind: "stopped" | "withdrawn",
  reason: string,
  ctx: EngineContext,
) {
  requireDossierAction(actor, d, kind === "stopped" ? "agency" : "either");
  if (!hasStatus(d, OPEN_STATUSES))
    throw invalidOperation({ vi: "Hồ sơ đã kết thúc", en: "The dossier is closed" });
  await cancelActiveSteps(tx, d, ctx.now);
  await closeWaitingSupplements(tx, d, ctx.now);
  const next = await bumpDossier(tx, d, { status: kind, closedAt: ctx.now });
  if (kind === "stopped") await issueForm(tx, actor, d, "05", { reason }, ctx.now);
  await addDossierEvent(tx, actor, d.id, kind, { at: ctx.now, comment: reason });
  await recordAudit(tx, actor, {
    action: `dossier.${kind}`,
    entityType: "dossier",
    entityId: d.id,
    unitId: d.agencyUnitId,
    after: { reason },
  });
  await tellApplicant(tx, d, kind === "stopped" ? "Thông báo dừng giải quyết hồ sơ" : "Đã rút hồ sơ", reason);
  return next;
}

/**
 * Returns the result to the applicant (counter, post or online), recording the result documents
 * handed over (released to the applicant when online). A late dossier cannot be returned
 * before its apology letter exists; returning late emits a nonconformity event for the agency's QMS.
 */
export async function returnResult(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  input: { delivery: string; note?: string | null | undefined },
  ctx: EngineContext,
) {
  requireDossierAction(actor, d, "desk");
  if (d.status !== "result_ready")
    throw invalidOperation({ vi: "Hồ sơ chưa có kết quả để trả", en: "There is no result to return yet" });
  const late = isLate({ ...d, completedAt: d.completedAt ?? ctx.now }, ctx.now);
  if (late && !(await hasForm(tx, d, "04"))) {
    throw invalidOperation({
      vi: "Hồ sơ trễ hạn: phải có Văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) trước khi trả kết quả",
      en: "Late dossier: the apology letter (form 04) must exist before the result is returned",
    });
  }
  const next = await bumpDossier(tx, d, {
    status: "returned",
    returnedAt: ctx.now,
    resultDelivery: input.delivery,
    closedAt: ctx.now,
  });
  const resultDocuments = await deliverResultDocuments(tx, d, input.delivery, ctx.now);
  await addDossierEvent(tx, actor, d.id, "returned", {
    at: ctx.now,
    comment: input.note ?? null,
    data: { delivery: input.delivery, late, resultDocuments },
  });
  await recordAudit(tx, actor, {
    action: "dossier.return",
    entityType: "dossier",
    entityId: d.id,
    unitId: d.agencyUnitId,
    after: { delivery: input.delivery, late, resultDocumentIds: resultDocuments.map((r) => r.id) },
  });
  if (late) {
    await enqueue(tx, d.tenantId, LATE_RETURN_TOPIC, {
      dossierId: d.id,
      code: d.code,
      agencyUnitId: d.agencyUnitId,
      procedureId: d.procedureId,
      procedureName: d.procedureName,
      originalDueAt: d.originalDueAt.toISOString(),
      completedAt: (d.completedAt ?? ctx.now).toISOString(),
      returnedAt: ctx.now.toISOString(),
    });
  }
  const attached = resultDocuments.length
    ? `\nTài liệu kết quả: ${resultDocuments.map((r) => r.label).join("; ")}.`
    : "";
  await tellApplicant(
    tx,
    d,
    "Đã trả kết quả",
    `Kết quả hồ sơ ${d.code} đã được trả (${input.delivery}).${attached}`,
  );
  return next;
}

/** Archives a returned or closed dossier: from then on it is read-only. */
export async function archiveDossier(tx: Tx, actor: Actor, d: DossierRow, ctx: EngineContext) {
  requireDossierAction(actor, d, "either");
  if (!hasStatus(d, CLOSED_STATUSES)) {
    throw invalidOperation({
      vi: "Chỉ lưu trữ hồ sơ đã kết thúc",
      en: "Only closed dossiers can be archived",
    });
  }
  const next = await bumpDossier(tx, d, { status: "archived" });
  await addDossierEvent(tx, actor, d.id, "archived", { at: ctx.now, data: { from: d.status } });
  await recordAudit(tx, actor, {
    action: "dossier.archive",
    entityType: "dossier",
    entityId: d.id,
    unitId: d.agencyUnitId,
  });
  return next;
}
