import type {
  TAssignment,
  TCreateAssignment,
  TDefinition,
  TDefinitionSummary,
  TField,
  TProcedure,
  TProcedureImportPreview,
  TProcedureInput,
  TProcedureSummary,
  TUpdateProcedure,
  TValidationResult,
  TVersion,
  TVersionDiff,
  TVersionSummary,
} from "@eiso/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Query } from "../api/client";

export const catalogueKeys = {
  all: ["catalogue"] as const,
  fields: ["catalogue", "fields"] as const,
  procedures: (q: object) => ["catalogue", "procedures", q] as const,
  procedure: (id: string) => ["catalogue", "procedure", id] as const,
  assignments: (agencyUnitId: string) => ["catalogue", "assignments", agencyUnitId] as const,
  definitions: (q: object) => ["catalogue", "definitions", q] as const,
  definition: (id: string) => ["catalogue", "definition", id] as const,
  version: (id: string) => ["catalogue", "version", id] as const,
  diff: (from: string, to: string) => ["catalogue", "diff", from, to] as const,
};

/** After any catalogue change, everything catalogue-related is refetched (lists are small). */
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: catalogueKeys.all });
}

export function useFields() {
  return useQuery({
    queryKey: catalogueKeys.fields,
    queryFn: () => api.get<TField[]>("/api/catalogue/fields"),
  });
}

export function useSaveField() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id?: string;
      code: string;
      name: string;
      ownerUnitId?: string | null;
    }) =>
      id
        ? api.patch<TField>(`/api/catalogue/fields/${id}`, body)
        : api.post<TField>("/api/catalogue/fields", body),
    onSuccess: invalidate,
  });
}

export function useProcedures(q: Query) {
  return useQuery({
    queryKey: catalogueKeys.procedures(q),
    queryFn: () => api.get<{ items: TProcedureSummary[]; total: number }>("/api/procedures", q),
    placeholderData: keepPreviousData,
  });
}

export function useProcedure(id: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.procedure(id ?? ""),
    queryFn: () => api.get<TProcedure>(`/api/procedures/${id}`),
    enabled: !!id,
  });
}

export function useSaveProcedure() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TUpdateProcedure | TProcedureInput }) =>
      id
        ? api.patch<TProcedure>(`/api/procedures/${id}`, body)
        : api.post<TProcedure>("/api/procedures", body),
    onSuccess: invalidate,
  });
}

export function useImportProcedures() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ file, apply }: { file: File; apply: boolean }) =>
      api.upload<TProcedureImportPreview>("/api/procedures/import", file, {
        mode: apply ? "apply" : "preview",
      }),
    onSuccess: (_d, v) => (v.apply ? invalidate() : undefined),
  });
}

export function useAssignments(agencyUnitId: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.assignments(agencyUnitId ?? ""),
    queryFn: () => api.get<TAssignment[]>("/api/catalogue/assignments", { agencyUnitId }),
    enabled: !!agencyUnitId,
  });
}

export function useCreateAssignment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TCreateAssignment) => api.post<TAssignment>("/api/catalogue/assignments", body),
    onSuccess: invalidate,
  });
}

export function useRemoveAssignment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/api/catalogue/assignments/${id}/remove`),
    onSuccess: invalidate,
  });
}

export function useDefinitions(q: Query, enabled = true) {
  return useQuery({
    queryKey: catalogueKeys.definitions(q),
    queryFn: () => api.get<TDefinitionSummary[]>("/api/processes", q),
    enabled,
  });
}

export function useDefinition(id: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.definition(id ?? ""),
    queryFn: () => api.get<TDefinition>(`/api/processes/${id}`),
    enabled: !!id,
  });
}

export function useCreateDefinition() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { procedureId: string; unitId: string; kind?: "agency" | "template" }) =>
      api.post<TDefinition>("/api/processes", body),
    onSuccess: invalidate,
  });
}

export function useAdoptTemplate() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      templateId,
      ...body
    }: {
      templateId: string;
      unitId: string;
      effectiveFrom: string;
      bindings: object;
    }) => api.post<TDefinition>(`/api/processes/${templateId}/adopt`, body),
    onSuccess: invalidate,
  });
}

export function useVersion(id: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.version(id ?? ""),
    queryFn: () => api.get<TVersion>(`/api/process-versions/${id}`),
    enabled: !!id,
  });
}

export function useDiff(from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.diff(from ?? "", to ?? ""),
    queryFn: () => api.get<TVersionDiff>("/api/process-versions/diff", { from, to }),
    enabled: !!from && !!to && from !== to,
  });
}

/** The version transitions of the designer, each refetching the catalogue afterwards. */
export function useVersionAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      versionId,
      action,
      body,
    }: {
      versionId: string;
      action: "xml" | "submit" | "approve" | "reject" | "publish";
      body?: object;
    }) =>
      action === "xml"
        ? api.put<TVersionSummary>(`/api/process-versions/${versionId}/xml`, body)
        : api.post<TVersionSummary>(`/api/process-versions/${versionId}/${action}`, body ?? {}),
    onSuccess: invalidate,
  });
}

export function useNewVersion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (definitionId: string) =>
      api.post<TVersionSummary>(`/api/processes/${definitionId}/versions`, {}),
    onSuccess: invalidate,
  });
}

export function validateXml(versionId: string, xml: string) {
  return api.post<TValidationResult>(`/api/process-versions/${versionId}/validate`, { xml });
}
