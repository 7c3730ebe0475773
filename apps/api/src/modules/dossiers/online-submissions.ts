import type {
  TApplicant,
  TDossier,
  TOnlineQueueQuery,
  TOnlineSubmission,
  TOnlineSubmissionStatus,
  TPortalFile,
  TPortalProcedure,
  TReceiveOnline,
  TSubmitOnline,
} from "@eiso/contracts";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { type Actor, coversPath, scopePaths } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import type { Queryable, Tx } from "../../platform/db/client";
import { AppError, conflict, forbidden, invalidOperation, notFound } from "../../platform/errors";
import { fileStore } from "../../platform/files/stored-files";
import { newId } from "../../platform/ids";
import { enqueue } from "../../platform/jobs/outbox";
import { MAIL_TOPIC } from "../../platform/mail";
import { escapeLike, foldVietnamese } from "../../platform/text";
import { receivingDesks, unitSummaries } from "../org/units";
import type { CataloguePort } from "./catalogue-port";
import { dossierDocuments } from "./documents/tables";
import { vietnameseDateTime } from "./forms/vietnamese-dates";
import {
  assertOwnFiles,
  attachScans,
  describeFile,
  fileIdsOf,
  type StoredDocument,
  withFiles,
  withoutFiles,
} from "./online-scans";
import {
  distinctIds,
  inIds,
  loadSubmission,
  notFoundSubmission,
  ownSubmission,
  type SubmissionRow,
} from "./online-store";
import { supplementFileIds, supplementStates } from "./online-supplements";
import { likeAny, userNames } from "./queries";
import {
  dossierDataProblems,
  missingDocuments,
  missingRequiredFields,
  receiveDossier,
} from "./receive-dossier";
import type { EngineContext } from "./steps";
import { toDossierDto } from "./store";
import { dossiers, onlineSubmissions } from "./tables";

/** The applicant uploads a scan on the portal (size and content type checked); it is theirs to attach. */
export async function uploadPortalFile(
  tx: Tx,
  actor: Actor,
  input: { name: string | undefined; content: Buffer; maxBytes: number },
): Promise<TPortalFile> {
  if (actor.kind === "officer") throw forbidden();
  return describeFile(await fileStore.put(tx, { tenantId: actor.tenantId, userId: actor.userId }, input));
}

/** The idempotency key of the dossier received from a submission: receiving it twice makes one dossier. */
export const onlineDossierKey = (submissionId: string) => `eiso-queue-${submissionId}`;

/** Agencies with a published process for the procedure, each with the desk that receives for it. */
async function agenciesWithDesks(
  db: Queryable,
  tenantId: string,
  port: CataloguePort,
  procedureId: string,
  now: Date,
) {
  const processes = await port.publishedProcesses(db, tenantId, procedureId, now);
  const units = await unitSummaries(
    db,
    tenantId,
    processes.flatMap((p) => [p.agencyUnitId, p.bindings.reception_desk ?? p.agencyUnitId]),
  );
  const active = processes.flatMap((p) => {
    const agency = units.get(p.agencyUnitId);
    return agency?.status === "active" ? [{ p, agency }] : [];
  });
  const overAgency = await receivingDesks(
    db,
    tenantId,
    active.map((x) => x.agency),
  );
  return active
    .map(({ p, agency }) => {
      // The desk the process names for its reception step, else the one-stop desk over the agency.
      const bound = p.bindings.reception_desk ? units.get(p.bindings.reception_desk) : undefined;
      return { agency, desk: bound?.status === "active" ? bound : overAgency.get(agency.id)! };
    })
    .sort((a, b) => a.agency.name.localeCompare(b.agency.name, "vi"));
}

/** A procedure as the portal shows it before an online submission: papers, fields, agencies, whether online. */
export async function portalProcedure(
  db: Queryable,
  actor: Actor,
  procedureId: string,
  ctx: Pick<EngineContext, "port" | "now">,
): Promise<TPortalProcedure> {
  const p = await ctx.port.procedure(db, actor.tenantId, procedureId);
  const agencies = await agenciesWithDesks(db, actor.tenantId, ctx.port, p.id, ctx.now);
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    fieldName: p.fieldName,
    level: p.level,
    methods: p.methods,
    documents: p.documents,
    processingTime: p.processingTime,
    fees: p.fees,
    feeNote: p.feeNote,
    resultDocument: p.resultDocument,
    conditions: p.conditions,
    onlineLevel: p.onlineLevel,
    dossierFields: p.dossierFields,
    agencies: agencies.map((a) => ({
      unitId: a.agency.id,
      unitName: a.agency.name,
      deskUnitId: a.desk.id,
      deskName: a.desk.name,
    })),
    online: p.status === "active" && p.onlineLevel !== "none" && agencies.length > 0,
  };
}

async function toDtos(db: Queryable, tenantId: string, rows: SubmissionRow[]): Promise<TOnlineSubmission[]> {
  if (!rows.length) return [];
  // One query after the other: `db` may be a transaction's single connection.
  const units = await unitSummaries(
    db,
    tenantId,
    rows.flatMap((r) => [r.agencyUnitId, r.deskUnitId]),
  );
  const names = await userNames(
    db,
    tenantId,
    rows.flatMap((r) => [r.accountId, r.decidedBy]),
  );
  const statuses = await dossierStatuses(
    db,
    tenantId,
    rows.map((r) => r.dossierId),
  );
  const files = await fileStore.describe(
    db,
    tenantId,
    rows.flatMap((r) => fileIdsOf(r.documents as StoredDocument[])),
  );
  const results = await releasedResults(
    db,
    tenantId,
    rows.map((r) => r.dossierId),
  );
  const waiting = rows
    .map((r) => r.dossierId)
    .filter((id): id is string => !!id && statuses.get(id) === "waiting_supplement");
  const supplement = await supplementStates(db, tenantId, waiting);
  return rows.map((r) => ({
    id: r.id,
    procedureId: r.procedureId,
    procedureCode: r.procedureCode,
    procedureName: r.procedureName,
    agencyUnitId: r.agencyUnitId,
    agencyName: units.get(r.agencyUnitId)?.name ?? "",
    deskUnitId: r.deskUnitId,
    deskName: units.get(r.deskUnitId)?.name ?? "",
    applicant: r.applicant as TApplicant,
    documents: withFiles(r.documents as StoredDocument[], files),
    data: r.data as TOnlineSubmission["data"],
    resultDelivery: r.resultDelivery as TOnlineSubmission["resultDelivery"],
    note: r.note,
    status: r.status,
    submittedAt: r.submittedAt.toISOString(),
    submittedByName: names.get(r.accountId) ?? "",
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
    reasons: r.reasons,
    dossierId: r.dossierId,
    dossierCode: r.dossierCode,
    dossierStatus: r.dossierId ? (statuses.get(r.dossierId) ?? null) : null,
    results: r.dossierId ? (results.get(r.dossierId) ?? []) : [],
    supplementRequest: r.dossierId && waiting.includes(r.dossierId) ? supplement.request(r.dossierId) : null,
    supplementSentAt: r.dossierId && waiting.includes(r.dossierId) ? supplement.sentAt(r.dossierId) : null,
  }));
}

/** A dossier's current result documents released by an online return (what the applicant may download). */
const releasedToApplicant = sql`${dossierDocuments.kind} = 'result' and ${dossierDocuments.releasedAt} is not null and ${dossierDocuments.supersededAt} is null`;

/** Current result documents released by an online return, per dossier. */
async function releasedResults(db: Queryable, tenantId: string, ids: (string | null)[]) {
  const out = new Map<string, TOnlineSubmission["results"]>();
  const unique = distinctIds(ids);
  if (!unique.length) return out;
  const rows = await db
    .select()
    .from(dossierDocuments)
    .where(
      and(
        eq(dossierDocuments.tenantId, tenantId),
        inIds(dossierDocuments.dossierId, unique),
        releasedToApplicant,
      ),
    )
    .orderBy(dossierDocuments.uploadedAt);
  const files = await fileStore.describe(
    db,
    tenantId,
    rows.map((r) => r.fileId),
  );
  for (const r of rows) {
    const list = out.get(r.dossierId) ?? [];
    list.push({
      id: r.id,
      label: r.label,
      fileName: files.get(r.fileId)?.name ?? r.label,
      releasedAt: r.releasedAt!.toISOString(),
    });
    out.set(r.dossierId, list);
  }
  return out;
}

async function dossierStatuses(db: Queryable, tenantId: string, ids: (string | null)[]) {
  const unique = distinctIds(ids);
  if (!unique.length) return new Map<string, TDossier["status"]>();
  const rows = await db
    .select({ id: dossiers.id, status: dossiers.status })
    .from(dossiers)
    .where(and(eq(dossiers.tenantId, tenantId), inIds(dossiers.id, unique)));
  return new Map(rows.map((r) => [r.id, r.status as TDossier["status"]]));
}

/**
 * A citizen or business submits a dossier online (portal): the procedure must be offered online and
 * have a published process; the competent agency is the one chosen, or the only one; the papers the
 * procedure requires and its required fields must be there, the data must fit its fields. The
 * submission waits in the online queue of the desk that receives for the agency. Sending the same
 * form twice (same `clientKey`) submits once.
 */
export async function submitOnline(
  tx: Tx,
  actor: Actor,
  input: TSubmitOnline,
  ctx: Pick<EngineContext, "port" | "now">,
): Promise<TOnlineSubmission> {
  if (actor.kind === "officer") throw forbidden();
  const sameForm = and(
    eq(onlineSubmissions.tenantId, actor.tenantId),
    eq(onlineSubmissions.accountId, actor.userId),
    eq(onlineSubmissions.clientKey, input.clientKey),
  );
  const [again] = await tx.select().from(onlineSubmissions).where(sameForm);
  if (again) return (await toDtos(tx, actor.tenantId, [again]))[0]!;

  const procedure = await portalProcedure(tx, actor, input.procedureId, ctx);
  if (!procedure.online)
    throw invalidOperation({
      vi: "Thủ tục này chưa nhận hồ sơ trực tuyến: hãy nộp tại Bộ phận Một cửa",
      en: "This procedure is not offered online: hand it in at a reception desk",
    });
  const choice = input.agencyUnitId
    ? procedure.agencies.find((a) => a.unitId === input.agencyUnitId)
    : procedure.agencies.length === 1
      ? procedure.agencies[0]
      : undefined;
  if (!choice)
    throw new AppError(
      "validation_failed",
      input.agencyUnitId
        ? {
            vi: "Cơ quan được chọn không giải quyết thủ tục này",
            en: "That agency does not handle this procedure",
          }
        : { vi: "Hãy chọn cơ quan giải quyết hồ sơ", en: "Choose the agency that handles it" },
      { fields: ["agencyUnitId"], agencies: procedure.agencies.map((a) => a.unitId) },
    );
  const missing = missingDocuments(procedure.documents, input.documents);
  if (missing.length)
    throw new AppError(
      "validation_failed",
      {
        vi: `Còn thiếu thành phần hồ sơ: ${missing.join("; ")}`,
        en: `Missing documents: ${missing.join("; ")}`,
      },
      { missing },
    );
  const problems = dossierDataProblems(procedure.dossierFields, input.data);
  const missingFields = missingRequiredFields(procedure.dossierFields, input.data);
  if (problems.length || missingFields.length)
    throw new AppError(
      "validation_failed",
      {
        vi: `Thông tin hồ sơ chưa hợp lệ: ${[...problems.map((p) => p.vi), ...missingFields.map((f) => `${f.label}: bắt buộc`)].join("; ")}`,
        en: `Invalid dossier data: ${[...problems.map((p) => p.en), ...missingFields.map((f) => `${f.key}: required`)].join("; ")}`,
      },
      { fields: [...problems.map((p) => p.key), ...missingFields.map((f) => f.key)] },
    );

  await assertOwnFiles(tx, actor, input.documents);
  const desk = (await unitSummaries(tx, actor.tenantId, [choice.deskUnitId])).get(choice.deskUnitId)!;
  const applicant = input.applicant;
  const [row] = await tx
    .insert(onlineSubmissions)
    .values({
      tenantId: actor.tenantId,
      id: newId(),
      accountId: actor.userId,
      clientKey: input.clientKey,
      procedureId: procedure.id,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      agencyUnitId: choice.unitId,
      deskUnitId: desk.id,
      deskPath: desk.path,
      applicant,
      searchText: foldVietnamese(
        `${applicant.name} ${applicant.idNumber ?? ""} ${applicant.organization ?? ""} ${procedure.code} ${procedure.name}`,
      ),
      documents: input.documents,
      data: input.data,
      resultDelivery: input.resultDelivery,
      note: input.note ?? null,
      status: "pending",
      submittedAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning();
  // The same form sent twice at once: the other request inserted it (and committed: READ COMMITTED).
  if (!row) {
    const [other] = await tx.select().from(onlineSubmissions).where(sameForm);
    if (!other) throw conflict();
    return (await toDtos(tx, actor.tenantId, [other]))[0]!;
  }
  const s = row;
  await recordAudit(tx, actor, {
    action: "dossier.online.submit",
    entityType: "online_submission",
    entityId: s.id,
    unitId: choice.unitId,
    after: { procedureCode: procedure.code, deskId: desk.id, applicant: applicant.name },
  });
  if (applicant.email)
    await enqueue(tx, actor.tenantId, MAIL_TOPIC, {
      to: applicant.email,
      subject: `[eISO] Đã nộp hồ sơ trực tuyến: ${procedure.name}`,
      text: `Hồ sơ "${procedure.name}" đã được gửi đến ${desk.name} lúc ${vietnameseDateTime(ctx.now)} và đang chờ tiếp nhận. Khi được tiếp nhận, hồ sơ sẽ có mã và giấy tiếp nhận, hẹn trả kết quả.`,
    });
  return (await toDtos(tx, actor.tenantId, [s]))[0]!;
}

/** The account's own submissions, newest first, with the dossier each became. */
export async function mySubmissions(
  db: Queryable,
  actor: Actor,
): Promise<{ items: TOnlineSubmission[]; total: number }> {
  const mine = and(
    eq(onlineSubmissions.tenantId, actor.tenantId),
    eq(onlineSubmissions.accountId, actor.userId),
  );
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(onlineSubmissions).where(mine);
  const rows = await db
    .select()
    .from(onlineSubmissions)
    .where(mine)
    .orderBy(desc(onlineSubmissions.submittedAt))
    .limit(200);
  return { items: await toDtos(db, actor.tenantId, rows), total: n?.n ?? 0 };
}

/** One of the account's own submissions (404 for anyone else's). */
export async function mySubmission(db: Queryable, actor: Actor, id: string): Promise<TOnlineSubmission> {
  return (await toDtos(db, actor.tenantId, [await ownSubmission(db, actor, id)]))[0]!;
}

/** The account withdraws a submission the desk has not decided on yet. */
export async function cancelSubmission(
  tx: Tx,
  actor: Actor,
  id: string,
  now: Date,
): Promise<TOnlineSubmission> {
  const s = await loadSubmission(tx, actor.tenantId, id, true);
  if (s.accountId !== actor.userId) throw notFoundSubmission();
  assertPending(s);
  const [row] = await tx
    .update(onlineSubmissions)
    .set({ status: "cancelled", decidedAt: now, decidedBy: actor.userId })
    .where(and(eq(onlineSubmissions.tenantId, actor.tenantId), eq(onlineSubmissions.id, id)))
    .returning();
  await recordAudit(tx, actor, {
    action: "dossier.online.cancel",
    entityType: "online_submission",
    entityId: id,
    unitId: s.agencyUnitId,
    before: { status: s.status },
    after: { status: "cancelled" },
  });
  return (await toDtos(tx, actor.tenantId, [row!]))[0]!;
}

const decidedLabels: Record<TOnlineSubmissionStatus, { vi: string; en: string }> = {
  pending: { vi: "đang chờ", en: "pending" },
  accepted: { vi: "đã được tiếp nhận", en: "already accepted" },
  supplement_requested: { vi: "đã được yêu cầu bổ sung", en: "already asked to complete" },
  refused: { vi: "đã bị từ chối", en: "already refused" },
  cancelled: { vi: "đã được người nộp hủy", en: "cancelled by the applicant" },
};

function assertPending(s: SubmissionRow): void {
  if (s.status === "pending") return;
  const label = decidedLabels[s.status];
  throw conflict(
    {
      vi: `Hồ sơ trực tuyến này ${label.vi}${s.dossierCode ? ` (mã ${s.dossierCode})` : ""}`,
      en: `This online submission is ${label.en}${s.dossierCode ? ` (code ${s.dossierCode})` : ""}`,
    },
    { status: s.status, dossierCode: s.dossierCode },
  );
}

/** Submissions waiting at the desks where the actor receives (optionally one desk), oldest first. */
export async function onlineQueue(
  db: Queryable,
  actor: Actor,
  q: Pick<TOnlineQueueQuery, "deskUnitId" | "q" | "page" | "pageSize">,
): Promise<{ items: TOnlineSubmission[]; total: number }> {
  let paths = scopePaths(actor, "dossier.receive");
  if (q.deskUnitId) {
    const desk = (await unitSummaries(db, actor.tenantId, [q.deskUnitId])).get(q.deskUnitId);
    if (!desk) throw notFound();
    if (!coversPath(actor, "dossier.receive", desk.path)) throw forbidden();
    paths = [desk.path];
  }
  if (!paths.length) return { items: [], total: 0 };
  const conds: SQL[] = [
    eq(onlineSubmissions.tenantId, actor.tenantId),
    eq(onlineSubmissions.status, "pending"),
    likeAny(sql`${onlineSubmissions.deskPath}`, paths),
  ];
  if (q.q) conds.push(sql`${onlineSubmissions.searchText} like ${`%${escapeLike(foldVietnamese(q.q))}%`}`);
  const where = and(...conds);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(onlineSubmissions).where(where);
  const rows = await db
    .select()
    .from(onlineSubmissions)
    .where(where)
    .orderBy(onlineSubmissions.submittedAt, onlineSubmissions.id)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await toDtos(db, actor.tenantId, rows), total: n?.n ?? 0 };
}

/** A submission of a desk in the actor's receiving scope (403 otherwise), whatever its status. */
async function submissionForDesk(db: Queryable, actor: Actor, id: string): Promise<SubmissionRow> {
  const s = await loadSubmission(db, actor.tenantId, id);
  if (!coversPath(actor, "dossier.receive", s.deskPath)) throw forbidden();
  return s;
}

/** One submission for the desk (see `submissionForDesk`). */
export async function queuedSubmission(db: Queryable, actor: Actor, id: string): Promise<TOnlineSubmission> {
  return (await toDtos(db, actor.tenantId, [await submissionForDesk(db, actor, id)]))[0]!;
}

/**
 * The desk decides on an online submission: the ordinary reception at the submission's desk and
 * agency (accept with code and form 01, ask to complete with form 02, refuse with form 03), the
 * clerk's corrections applied, with the submission's id as the idempotency key; the submission then
 * carries the decision and the dossier's code for the applicant. The submission row is locked:
 * of two clerks deciding at once, one wins and the other gets a conflict.
 */
export async function receiveOnline(
  tx: Tx,
  actor: Actor,
  id: string,
  input: TReceiveOnline,
  ctx: EngineContext,
): Promise<{ submission: TOnlineSubmission; dossier: TDossier }> {
  const s = await loadSubmission(tx, actor.tenantId, id, true);
  if (!coversPath(actor, "dossier.receive", s.deskPath)) throw forbidden();
  assertPending(s);
  const d = await receiveDossier(
    tx,
    actor,
    {
      procedureId: s.procedureId,
      deskUnitId: s.deskUnitId,
      agencyUnitId: s.agencyUnitId,
      method: "online",
      applicant: input.applicant ?? (s.applicant as TApplicant),
      documents: input.documents ?? withoutFiles(s.documents as StoredDocument[]),
      data: input.data ?? (s.data as TSubmitOnline["data"]),
      resultDelivery: input.resultDelivery ?? (s.resultDelivery as TSubmitOnline["resultDelivery"]),
      note: input.note ?? s.note,
      idempotencyKey: onlineDossierKey(s.id),
      decision: input.decision,
      reasons: input.reasons,
    },
    ctx,
  );
  // The submission's key is reserved (the reception schema refuses `eiso-queue-` keys): the dossier is new.
  if (d.createdAt.getTime() !== ctx.now.getTime()) throw conflict();
  // The scans of the papers the clerk kept (all, unless the clerk corrected the list).
  const kept = input.documents ? new Set(input.documents.map((x) => x.name)) : null;
  await attachScans(tx, actor, {
    dossierId: d.id,
    accountId: s.accountId,
    documents: (s.documents as StoredDocument[]).filter((x) => !kept || kept.has(x.name)),
    now: ctx.now,
    event: "documents.submitted_online",
  });
  const status: TOnlineSubmissionStatus =
    input.decision === "accept"
      ? "accepted"
      : input.decision === "refuse"
        ? "refused"
        : "supplement_requested";
  const [row] = await tx
    .update(onlineSubmissions)
    .set({
      status,
      decidedAt: ctx.now,
      decidedBy: actor.userId,
      reasons: input.reasons,
      dossierId: d.id,
      dossierCode: d.code,
    })
    .where(and(eq(onlineSubmissions.tenantId, actor.tenantId), eq(onlineSubmissions.id, id)))
    .returning();
  await recordAudit(tx, actor, {
    action: `dossier.online.${input.decision}`,
    entityType: "online_submission",
    entityId: id,
    unitId: s.agencyUnitId,
    before: { status: s.status },
    after: { status, dossierCode: d.code },
  });
  const [submission] = await toDtos(tx, actor.tenantId, [row!]);
  return { submission: submission!, dossier: toDossierDto(d) };
}

/** A scan of a submission, for the desk that receives it (403 outside its scope, 404 if not the submission's). */
export async function submissionFile(db: Queryable, actor: Actor, id: string, fileId: string) {
  const s = await submissionForDesk(db, actor, id);
  const own = fileIdsOf(s.documents as StoredDocument[]);
  if (!own.includes(fileId) && !(await supplementFileIds(db, actor.tenantId, s.id)).includes(fileId))
    throw notFound({ vi: "Không tìm thấy tệp", en: "File not found" });
  return fileStore.read(db, actor.tenantId, fileId);
}

/** A result released to the account's own submission (404 for anything else: not theirs, not released). */
export async function releasedResult(db: Queryable, actor: Actor, id: string, docId: string) {
  const s = await ownSubmission(db, actor, id);
  const [doc] = s.dossierId
    ? await db
        .select({ fileId: dossierDocuments.fileId })
        .from(dossierDocuments)
        .where(
          and(
            eq(dossierDocuments.tenantId, actor.tenantId),
            eq(dossierDocuments.id, docId),
            eq(dossierDocuments.dossierId, s.dossierId),
            releasedToApplicant,
          ),
        )
    : [];
  if (!doc) throw notFound({ vi: "Không có kết quả này", en: "No such result" });
  return fileStore.read(db, actor.tenantId, doc.fileId);
}
