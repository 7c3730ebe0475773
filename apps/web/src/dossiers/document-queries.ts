import type { TDossierDocumentKind, TDossierDocumentList } from "@eiso/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { dossierKeys } from "./queries";

/** Under `dossierKeys.all`: any dossier action (a completed step, a return) refetches them. */
const documentsKey = (id: string) => [...dossierKeys.all, "documents", id] as const;

/** GET /api/dossiers/:id/documents: every version, what active steps still need, what I may attach. */
export function useDossierDocuments(id: string) {
  return useQuery({
    queryKey: documentsKey(id),
    queryFn: () => api.get<TDossierDocumentList>(`/api/dossiers/${id}/documents`),
    staleTime: 5_000,
  });
}

export interface DocumentUpload {
  file: File;
  kind: TDossierDocumentKind;
  label: string;
  stepId?: string | undefined;
  replaces?: string | undefined;
}

/** Uploads one file (multipart) and refreshes the list, the dossier's timeline and its actions. */
export function useUploadDocument(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, ...query }: DocumentUpload) =>
      api.upload<{ id: string; label: string }>(`/api/dossiers/${id}/documents`, file, query),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: dossierKeys.all }),
  });
}

/** The link the browser follows to download a document (cookie session). */
export const documentLink = (dossierId: string, documentId: string) =>
  `/api/dossiers/${dossierId}/documents/${documentId}/content`;

/** "1,2 MB", "340 kB": sizes as people read them. */
export function formatSize(bytes: number, lang: "vi" | "en"): string {
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
