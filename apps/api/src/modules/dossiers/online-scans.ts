import type { TPortalFile, TSubmitOnline } from "@eiso/contracts";
import type { Actor } from "../../platform/actor";
import type { Tx } from "../../platform/db/client";
import { AppError } from "../../platform/errors";
import { fileStore, type StoredFile } from "../../platform/files/stored-files";
import { newId } from "../../platform/ids";
import { dossierDocuments } from "./documents/tables";
import { userNames } from "./queries";
import { addDossierEvent } from "./store";

/** A paper as stored with an online submission or supplement: its entry and the applicant's scans. */
export type StoredDocument = TSubmitOnline["documents"][number];

export const describeFile = (f: StoredFile): TPortalFile => ({
  id: f.id,
  name: f.name,
  mediaType: f.mediaType,
  size: f.size,
});

export const fileIdsOf = (documents: StoredDocument[]) => documents.flatMap((d) => d.fileIds ?? []);

/** The papers as the API shows them: each with its scans described (unknown ids left out). */
export function withFiles(documents: StoredDocument[], files: Map<string, StoredFile>) {
  return documents.map(({ fileIds, ...d }) => ({
    ...d,
    files: (fileIds ?? []).flatMap((id) => {
      const f = files.get(id);
      return f ? [describeFile(f)] : [];
    }),
  }));
}

/** The papers as the dossier keeps them (the scans go to its documents instead). */
export const withoutFiles = (documents: StoredDocument[]) => documents.map(({ fileIds: _, ...d }) => d);

/**
 * The applicant's scans become the dossier's submitted documents, each under its paper's name, with
 * one dossier event saying how many came and for which papers.
 */
export async function attachScans(
  tx: Tx,
  actor: Actor,
  input: {
    dossierId: string;
    accountId: string;
    documents: StoredDocument[];
    now: Date;
    event: "documents.submitted_online" | "documents.supplemented_online";
  },
): Promise<void> {
  const scans = input.documents.flatMap((d) =>
    (d.fileIds ?? []).map((fileId) => ({ label: d.name, fileId })),
  );
  if (!scans.length) return;
  const account = (await userNames(tx, actor.tenantId, [input.accountId])).get(input.accountId) ?? null;
  await tx.insert(dossierDocuments).values(
    scans.map((x) => ({
      tenantId: actor.tenantId,
      id: newId(),
      dossierId: input.dossierId,
      stepId: null,
      kind: "submitted" as const,
      label: x.label,
      fileId: x.fileId,
      uploadedBy: input.accountId,
      uploadedByName: account,
      uploadedAt: input.now,
    })),
  );
  await addDossierEvent(tx, actor, input.dossierId, input.event, {
    at: input.now,
    data: { count: scans.length, labels: [...new Set(scans.map((x) => x.label))] },
  });
}

/** Each scan attached once, and only the applicant's own uploads. */
export async function assertOwnFiles(tx: Tx, actor: Actor, documents: StoredDocument[]): Promise<void> {
  const fileIds = fileIdsOf(documents);
  if (new Set(fileIds).size !== fileIds.length)
    throw new AppError("validation_failed", {
      vi: "Một tệp chỉ đính kèm cho một giấy tờ",
      en: "A file is attached to one paper only",
    });
  const uploaded = await fileStore.describe(tx, actor.tenantId, fileIds);
  if (fileIds.some((id) => uploaded.get(id)?.createdBy !== actor.userId))
    throw new AppError("validation_failed", {
      vi: "Tệp đính kèm không tồn tại hoặc không phải của bạn: hãy tải lên lại",
      en: "An attached file does not exist or is not yours: upload it again",
    });
}
