import type { TOnlineSupplement, TSupplementOnline } from "@eiso/contracts";
import { and, desc, eq, sql } from "drizzle-orm";
import { type Actor, coversPath, scopePaths } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import type { Queryable, Tx } from "../../platform/db/client";
import { conflict, forbidden, invalidOperation, notFound } from "../../platform/errors";
import { fileStore } from "../../platform/files/stored-files";
import { newId } from "../../platform/ids";
import { receiveSupplement } from "./handling";
import {
  assertOwnFiles,
  attachScans,
  fileIdsOf,
  type StoredDocument,
  withFiles,
  withoutFiles,
} from "./online-scans";
import { inIds, ownSubmission } from "./online-store";
import { likeAny } from "./queries";
import type { EngineContext } from "./steps";
import { type DossierRow, loadDossier } from "./store";
import { dossierForms, dossiers, onlineSupplements } from "./tables";

type SupplementRow = typeof onlineSupplements.$inferSelect;

const notFoundSupplement = () =>
  notFound({ vi: "Không tìm thấy hồ sơ bổ sung trực tuyến", en: "Online supplement not found" });

/** What was asked of each dossier by its latest form 02 (the desk's or the handling officer's), and when. */
async function latestRequests(db: Queryable, tenantId: string, dossierIds: string[]) {
  const out = new Map<string, { items: string[]; at: string }>();
  if (!dossierIds.length) return out;
  const rows = await db
    .select({ dossierId: dossierForms.dossierId, data: dossierForms.data, at: dossierForms.createdAt })
    .from(dossierForms)
    .where(
      and(
        eq(dossierForms.tenantId, tenantId),
        eq(dossierForms.formNo, "02"),
        inIds(dossierForms.dossierId, dossierIds),
      ),
    )
    .orderBy(desc(dossierForms.createdAt));
  for (const r of rows) {
    if (out.has(r.dossierId)) continue;
    const items = ((r.data as { items?: { requirement: string; reason: string }[] }).items ?? []).map((i) =>
      !i.reason || i.requirement === i.reason ? i.requirement : `${i.requirement}: ${i.reason}`,
    );
    out.set(r.dossierId, { items, at: r.at.toISOString() });
  }
  return out;
}

/**
 * For the account's dossiers that wait for a supplement: what was asked (latest form 02) and when a
 * supplement sent online is still waiting at the desk.
 */
export async function supplementStates(db: Queryable, tenantId: string, waitingDossierIds: string[]) {
  // One after the other: `db` may be a transaction's single connection.
  const requests = await latestRequests(db, tenantId, waitingDossierIds);
  const pending = waitingDossierIds.length
    ? await db
        .select({ dossierId: onlineSupplements.dossierId, at: onlineSupplements.submittedAt })
        .from(onlineSupplements)
        .where(
          and(
            eq(onlineSupplements.tenantId, tenantId),
            eq(onlineSupplements.status, "pending"),
            inIds(onlineSupplements.dossierId, waitingDossierIds),
          ),
        )
    : [];
  return {
    request: (dossierId: string) => requests.get(dossierId) ?? null,
    sentAt: (dossierId: string) => pending.find((p) => p.dossierId === dossierId)?.at.toISOString() ?? null,
  };
}

/**
 * The account sends papers online for its dossier that waits for a supplement (asked at the desk, or
 * during handling): only its own uploads, one supplement waiting at a time. The desk receives it
 * from its online queue.
 */
export async function supplementOnline(
  tx: Tx,
  actor: Actor,
  submissionId: string,
  input: TSupplementOnline,
  now: Date,
): Promise<void> {
  if (actor.kind === "officer") throw forbidden();
  const s = await ownSubmission(tx, actor, submissionId);
  const d = s.dossierId ? await loadDossier(tx, actor.tenantId, s.dossierId, true) : null;
  if (d?.status !== "waiting_supplement")
    throw invalidOperation({
      vi: "Hồ sơ này không chờ bổ sung",
      en: "This dossier is not waiting for a supplement",
    });
  const [waiting] = await tx
    .select({ id: onlineSupplements.id })
    .from(onlineSupplements)
    .where(
      and(
        eq(onlineSupplements.tenantId, actor.tenantId),
        eq(onlineSupplements.dossierId, d.id),
        eq(onlineSupplements.status, "pending"),
      ),
    );
  if (waiting)
    throw conflict({
      vi: "Bạn đã gửi bổ sung cho hồ sơ này, Bộ phận Một cửa đang tiếp nhận",
      en: "You already sent a supplement for this dossier; the desk has yet to receive it",
    });
  await assertOwnFiles(tx, actor, input.documents);
  const id = newId();
  await tx.insert(onlineSupplements).values({
    tenantId: actor.tenantId,
    id,
    submissionId: s.id,
    dossierId: d.id,
    accountId: actor.userId,
    deskPath: d.deskPath,
    note: input.note ?? null,
    documents: input.documents,
    status: "pending",
    submittedAt: now,
  });
  await recordAudit(tx, actor, {
    action: "dossier.online.supplement",
    entityType: "online_supplement",
    entityId: id,
    unitId: d.agencyUnitId,
    after: { dossierCode: d.code, papers: input.documents.map((x) => x.name) },
  });
}

/** Supplements sent online waiting at the desks where the actor receives, oldest first. */
export async function onlineSupplementQueue(
  db: Queryable,
  actor: Actor,
  q: { page: number; pageSize: number },
): Promise<{ items: TOnlineSupplement[]; total: number }> {
  const paths = scopePaths(actor, "dossier.receive");
  if (!paths.length) return { items: [], total: 0 };
  const where = and(
    eq(onlineSupplements.tenantId, actor.tenantId),
    eq(onlineSupplements.status, "pending"),
    likeAny(sql`${onlineSupplements.deskPath}`, paths),
  );
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(onlineSupplements).where(where);
  const rows = await db
    .select()
    .from(onlineSupplements)
    .where(where)
    .orderBy(onlineSupplements.submittedAt, onlineSupplements.id)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const ids = rows.map((r) => r.dossierId);
  const [found, requests, files] = await Promise.all([
    ids.length
      ? db
          .select()
          .from(dossiers)
          .where(and(eq(dossiers.tenantId, actor.tenantId), inIds(dossiers.id, ids)))
      : Promise.resolve([] as DossierRow[]),
    latestRequests(db, actor.tenantId, ids),
    fileStore.describe(
      db,
      actor.tenantId,
      rows.flatMap((r) => fileIdsOf(r.documents as StoredDocument[])),
    ),
  ]);
  const byId = new Map(found.map((d) => [d.id, d]));
  return {
    total: n?.n ?? 0,
    items: rows.map((r) => {
      const d = byId.get(r.dossierId)!;
      return {
        id: r.id,
        submissionId: r.submissionId,
        dossierId: d.id,
        dossierCode: d.code,
        procedureName: d.procedureName,
        applicantName: d.applicantName,
        stage: d.pausedSince ? "handling" : "reception",
        requested: requests.get(d.id)?.items ?? [],
        note: r.note,
        documents: withFiles(r.documents as StoredDocument[], files),
        submittedAt: r.submittedAt.toISOString(),
      };
    }),
  };
}

/** A supplement of a desk in the actor's receiving scope (403 otherwise). */
export async function supplementForDesk(db: Queryable, actor: Actor, id: string): Promise<SupplementRow> {
  const [row] = await db
    .select()
    .from(onlineSupplements)
    .where(and(eq(onlineSupplements.tenantId, actor.tenantId), eq(onlineSupplements.id, id)));
  if (!row) throw notFoundSupplement();
  if (!coversPath(actor, "dossier.receive", row.deskPath)) throw forbidden();
  return row;
}

/**
 * The desk receives a supplement sent online, on the dossier locked by the caller: the ordinary
 * supplement receipt (during handling the clock resumes and the due times move; at the desk the
 * dossier is accepted now, form 01), the scans attached to the dossier. Received once: a second
 * receipt is a conflict.
 */
export async function receiveOnlineSupplement(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  supplementId: string,
  ctx: EngineContext,
): Promise<void> {
  const [row] = await tx
    .select()
    .from(onlineSupplements)
    .where(and(eq(onlineSupplements.tenantId, actor.tenantId), eq(onlineSupplements.id, supplementId)))
    .for("update");
  if (!row || row.dossierId !== d.id) throw notFoundSupplement();
  if (!coversPath(actor, "dossier.receive", row.deskPath)) throw forbidden();
  if (row.status !== "pending")
    throw conflict({ vi: "Hồ sơ bổ sung này đã được tiếp nhận", en: "This supplement was already received" });
  const documents = row.documents as StoredDocument[];
  await receiveSupplement(
    tx,
    actor,
    d,
    { documents: withoutFiles(documents), note: row.note ?? "Công dân nộp bổ sung trực tuyến" },
    ctx,
  );
  await attachScans(tx, actor, {
    dossierId: d.id,
    accountId: row.accountId,
    documents,
    now: ctx.now,
    event: "documents.supplemented_online",
  });
  await tx
    .update(onlineSupplements)
    .set({ status: "received", receivedAt: ctx.now, receivedBy: actor.userId })
    .where(and(eq(onlineSupplements.tenantId, actor.tenantId), eq(onlineSupplements.id, supplementId)));
}

/** Scans of a submission's supplements, for `submissionFile`. */
export async function supplementFileIds(
  db: Queryable,
  tenantId: string,
  submissionId: string,
): Promise<string[]> {
  const rows = await db
    .select({ documents: onlineSupplements.documents })
    .from(onlineSupplements)
    .where(and(eq(onlineSupplements.tenantId, tenantId), eq(onlineSupplements.submissionId, submissionId)));
  return rows.flatMap((r) => fileIdsOf(r.documents as StoredDocument[]));
}
