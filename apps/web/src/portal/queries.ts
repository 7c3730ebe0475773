import type {
  TOnlineSubmission,
  TPortalFile,
  TPortalProcedure,
  TProcedureSummary,
  TSubmitOnlineInput,
  TSupplementOnlineInput,
} from "@eiso/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";

const portalKeys = {
  all: ["portal"] as const,
  procedures: (q: string) => ["portal", "procedures", q] as const,
  procedure: (id: string) => ["portal", "procedure", id] as const,
  mine: ["portal", "submissions"] as const,
};

/** Procedures in force, searched without accents. */
export function usePortalProcedures(q: string) {
  return useQuery({
    queryKey: portalKeys.procedures(q),
    queryFn: () =>
      api.get<{ items: TProcedureSummary[]; total: number }>("/api/portal/procedures", {
        q: q || undefined,
        pageSize: 50,
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePortalProcedure(id: string | undefined) {
  return useQuery({
    queryKey: portalKeys.procedure(id ?? ""),
    queryFn: () => api.get<TPortalProcedure>(`/api/portal/procedures/${id}`),
    enabled: !!id,
  });
}

export function useMySubmissions() {
  return useQuery({
    queryKey: portalKeys.mine,
    queryFn: () => api.get<{ items: TOnlineSubmission[]; total: number }>("/api/portal/submissions"),
    refetchInterval: 60_000,
  });
}

export function useSubmitOnline() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TSubmitOnlineInput) => api.post<TOnlineSubmission>("/api/portal/submissions", input),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: portalKeys.mine }),
  });
}

export function useCancelSubmission() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TOnlineSubmission>(`/api/portal/submissions/${id}/cancel`),
    onSettled: () => qc.invalidateQueries({ queryKey: portalKeys.mine }),
  });
}

/** Uploads one scan; the answer's id is attached to a paper when the dossier is submitted. */
export function useUploadPortalFile() {
  return useMutation({
    mutationFn: (file: File) => api.upload<TPortalFile>("/api/portal/files", file),
    meta: { silent: true },
  });
}

/** Sends papers for a dossier of the account that waits for a supplement. */
export function useSupplementOnline(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TSupplementOnlineInput) =>
      api.post<TOnlineSubmission>(`/api/portal/submissions/${id}/supplement`, input),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: portalKeys.mine }),
  });
}
