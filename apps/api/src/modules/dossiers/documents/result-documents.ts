import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "../../../platform/db/client";
import { fileStore } from "../../../platform/files/stored-files";
import type { DossierRow } from "../store";
import { dossierDocuments } from "./tables";

/** A result document as the return records it: enough to find it and to prove which content it was. */
export interface DeliveredDocument {
  id: string;
  label: string;
  fileId: string;
  fileName: string;
  sha256: string;
}

/**
 * The current result documents handed over with the return. Returned online, they are released to
 * the applicant (kept addressable by dossier and document id for the portal to serve).
 */
export async function deliverResultDocuments(
  tx: Tx,
  d: DossierRow,
  delivery: string,
  now: Date,
): Promise<DeliveredDocument[]> {
  const rows = await tx
    .select()
    .from(dossierDocuments)
    .where(
      and(
        eq(dossierDocuments.tenantId, d.tenantId),
        eq(dossierDocuments.dossierId, d.id),
        eq(dossierDocuments.kind, "result"),
        isNull(dossierDocuments.supersededAt),
      ),
    );
  if (!rows.length) return [];
  if (delivery === "online") {
    await tx
      .update(dossierDocuments)
      .set({ releasedAt: now })
      .where(
        and(
          eq(dossierDocuments.tenantId, d.tenantId),
          inArray(
            dossierDocuments.id,
            rows.map((r) => r.id),
          ),
        ),
      );
  }
  const files = await fileStore.describe(
    tx,
    d.tenantId,
    rows.map((r) => r.fileId),
  );
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    fileId: r.fileId,
    fileName: files.get(r.fileId)?.name ?? "",
    sha256: files.get(r.fileId)?.sha256 ?? "",
  }));
}
