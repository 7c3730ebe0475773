import type {
  TDefinitionSummary,
  TDossier,
  TDossierStatus,
  TInboxCounts,
  TInboxItem,
  TOnlineSubmission,
  TOnlineSupplement,
  TProcedure,
  TProcedureSummary,
  TReceiveDossier,
  TReceiveOnline,
  TStatistics,
  TStatsGroupBy,
  TStepCandidates,
  ZDossierDetailSchema,
} from "@eiso/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Query, withQuery } from "../api/client";

export type { TInboxCounts, TInboxItem };

/** GET /api/dossiers/:id: the dossier with its steps (the control sheet), events and issued forms. */
export type TDossierDetail = ReturnType<(typeof ZDossierDetailSchema)["parse"]>;
export type TDossierStep = TDossierDetail["steps"][number];
export type TDossierEvent = TDossierDetail["events"][number];

export type TInboxScope = "mine" | "unit" | "role";

export interface TProcessView {
  xml: string;
  active: string[];
  completed: string[];
}

export const dossierKeys = {
  all: ["dossiers"] as const,
  counts: ["dossiers", "counts"] as const,
  inbox: (q: object) => ["dossiers", "inbox", q] as const,
  search: (q: object) => ["dossiers", "search", q] as const,
  detail: (id: string) => ["dossiers", "detail", id] as const,
  process: (id: string) => ["dossiers", "process", id] as const,
  stats: (q: object) => ["dossiers", "stats", q] as const,
  online: (q: object) => ["dossiers", "online", q] as const,
  submission: (id: string) => ["dossiers", "online", "one", id] as const,
  candidates: (id: string, stepId: string, version: number) =>
    ["dossiers", "candidates", id, stepId, version] as const,
};

/** Menu badges: refreshed every minute and after every dossier change. */
export function useInboxCounts(enabled: boolean) {
  return useQuery({
    queryKey: dossierKeys.counts,
    queryFn: () => api.get<TInboxCounts>("/api/dossiers/inbox/counts"),
    enabled,
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
}

export function useInbox(
  q: {
    scope: TInboxScope;
    procedureId?: string;
    status?: TDossierStatus;
    due?: "soon" | "overdue";
  } & Query,
) {
  return useQuery({
    queryKey: dossierKeys.inbox(q),
    queryFn: () => api.get<{ items: TInboxItem[]; total: number }>("/api/dossiers/inbox", q),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

export function useDossierSearch(q: Query) {
  return useQuery({
    queryKey: dossierKeys.search(q),
    queryFn: () => api.get<{ items: TDossier[]; total: number }>("/api/dossiers", q),
    placeholderData: keepPreviousData,
  });
}

export function useDossier(id: string | undefined) {
  return useQuery({
    queryKey: dossierKeys.detail(id ?? ""),
    queryFn: () => api.get<TDossierDetail>(`/api/dossiers/${id}`),
    enabled: !!id,
    staleTime: 5_000,
  });
}

export function useDossierProcess(id: string, enabled = true) {
  return useQuery({
    queryKey: dossierKeys.process(id),
    queryFn: () => api.get<TProcessView>(`/api/dossiers/${id}/process`),
    enabled,
    staleTime: 5_000,
  });
}

export function useStatistics(q: { unitId?: string; from: string; to: string; groupBy: TStatsGroupBy }) {
  return useQuery({
    queryKey: dossierKeys.stats(q),
    queryFn: () => api.get<TStatistics>("/api/dossiers/statistics", q),
    placeholderData: keepPreviousData,
  });
}

/** Active procedures for the reception picker; the API folds accents, so "khai sinh" finds "Khai sinh". */
export function useProcedureOptions(q: string) {
  return useQuery({
    queryKey: ["catalogue", "procedures", { q, status: "active", pageSize: 50, for: "reception" }],
    queryFn: () =>
      api.get<{ items: TProcedureSummary[]; total: number }>("/api/procedures", {
        q: q || undefined,
        status: "active",
        pageSize: 50,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useProcedure(id: string | undefined) {
  return useQuery({
    queryKey: ["catalogue", "procedure", id ?? ""],
    queryFn: () => api.get<TProcedure>(`/api/procedures/${id}`),
    enabled: !!id,
  });
}

/** Agencies with a published process for the procedure: the competent agencies a desk may route to. */
export function useCompetentAgencies(procedureId: string | undefined) {
  return useQuery({
    queryKey: ["catalogue", "definitions", { procedureId, kind: "agency" }],
    queryFn: () =>
      api.get<TDefinitionSummary[]>("/api/processes", { procedureId: procedureId ?? "", kind: "agency" }),
    enabled: !!procedureId,
    select: (defs) => defs.filter((d) => d.published),
  });
}

/**
 * The officers the API accepts for an active step (GET …/steps/:stepId/candidates): who it can be
 * handed to, and the step completing it leads to with who may take that one. Read fresh when a
 * dialog opens (the step's version is in the key), refreshed with every dossier change.
 */
/**
 * What a dossier action makes stale: everything about dossiers but the step candidates, which are
 * read fresh when a dialog opens (their key holds the step's version); refetched at once they would
 * ask for a step the action just completed (409).
 */
const dossierChanges = {
  queryKey: dossierKeys.all,
  predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[1] !== "candidates",
};

export function useStepCandidates(dossierId: string, step: Pick<TDossierStep, "id" | "version"> | null) {
  return useQuery({
    queryKey: dossierKeys.candidates(dossierId, step?.id ?? "", step?.version ?? -1),
    queryFn: () => api.get<TStepCandidates>(`/api/dossiers/${dossierId}/steps/${step!.id}/candidates`),
    enabled: !!step,
    staleTime: 0,
  });
}

export function useReceiveDossier() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<TReceiveDossier> & Pick<TReceiveDossier, "procedureId" | "deskUnitId">) =>
      api.post<TDossier>("/api/dossiers", input),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries(dossierChanges),
  });
}

/**
 * Any transition of a dossier (`steps/:stepId/complete`, `supplement-request`, `return`…). The API
 * answers with the fresh dossier; every dossier list, count and the diagram are refetched. `silent`:
 * the caller shows a refusal itself (a dialog, inside it).
 */
export function useDossierAction(id: string, options: { silent?: boolean } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api.post<TDossierDetail | { ok: true }>(`/api/dossiers/${id}/${path}`, body),
    meta: { silent: options.silent ?? false },
    onSuccess: (data) => {
      if (data && "steps" in data) qc.setQueryData(dossierKeys.detail(id), data);
      return qc.invalidateQueries(dossierChanges);
    },
    // A conflict (someone else acted first) or refusal: show the dossier as it now is.
    onError: () => qc.invalidateQueries({ queryKey: dossierKeys.detail(id) }),
  });
}

/** Claims a step straight from the inbox. */
export function useClaimStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (item: Pick<TInboxItem, "dossierId" | "stepId" | "stepVersion">) =>
      api.post<TDossierDetail>(`/api/dossiers/${item.dossierId}/steps/${item.stepId}/claim`, {
        version: item.stepVersion,
      }),
    onSettled: () => qc.invalidateQueries(dossierChanges),
  });
}

/** Online submissions waiting at the desks where the clerk receives, oldest first. */
export function useOnlineQueue(q: { q?: string; deskUnitId?: string } & Query) {
  return useQuery({
    queryKey: dossierKeys.online(q),
    queryFn: () => api.get<{ items: TOnlineSubmission[]; total: number }>("/api/dossiers/online-queue", q),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useQueuedSubmission(id: string | null) {
  return useQuery({
    queryKey: dossierKeys.submission(id ?? ""),
    queryFn: () => api.get<TOnlineSubmission>(`/api/dossiers/online-queue/${id}`),
    enabled: !!id,
  });
}

/** The desk's decision on an online submission (the ordinary reception, from the queue). */
export function useReceiveOnline(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TReceiveOnline) =>
      api.post<{ submission: TOnlineSubmission; dossier: TDossier }>(
        `/api/dossiers/online-queue/${id}/receive`,
        input,
      ),
    meta: { silent: true },
    onSettled: () => qc.invalidateQueries(dossierChanges),
  });
}

/** Supplements sent online waiting at the clerk's desks. */
export function useOnlineSupplements(q: Query) {
  return useQuery({
    queryKey: dossierKeys.online({ ...q, supplements: true }),
    queryFn: () =>
      api.get<{ items: TOnlineSupplement[]; total: number }>("/api/dossiers/online-queue/supplements", q),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** The desk receives a supplement sent online; the answer is the dossier's page. */
export function useReceiveOnlineSupplement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<TDossierDetail>(`/api/dossiers/online-queue/supplements/${id}/receive`),
    onSettled: () => qc.invalidateQueries(dossierChanges),
  });
}

/** Links the browser opens itself (cookie session): print views in a new tab, DOCX/XLSX downloads. */
export const dossierLinks = {
  form: (id: string, formNo: string, format: "html" | "docx") =>
    `/api/dossiers/${id}/forms/${formNo}?format=${format}`,
  statisticsXlsx: (q: Query) => withQuery("/api/dossiers/statistics.xlsx", q),
  trackingBook: (q: { deskUnitId: string; from: string; to: string }) =>
    withQuery("/api/dossiers/tracking-book.xlsx", q),
};
