import { and, eq } from "drizzle-orm";
import type { Actor } from "../../../platform/actor";
import type { Queryable } from "../../../platform/db/client";
import { notFound } from "../../../platform/errors";
import { fileStore } from "../../../platform/files/stored-files";
import { readableDossier } from "../queries";
import { dossierDocuments } from "./tables";

/** The stored file of a document of a dossier the officer may read (any version, superseded ones too). */
export async function documentContent(db: Queryable, actor: Actor, dossierId: string, documentId: string) {
  const d = await readableDossier(db, actor, dossierId);
  const [doc] = await db
    .select()
    .from(dossierDocuments)
    .where(
      and(
        eq(dossierDocuments.tenantId, d.tenantId),
        eq(dossierDocuments.dossierId, d.id),
        eq(dossierDocuments.id, documentId),
      ),
    );
  if (!doc) throw notFound({ vi: "Không tìm thấy tài liệu của hồ sơ", en: "Dossier document not found" });
  return fileStore.read(db, d.tenantId, doc.fileId);
}
