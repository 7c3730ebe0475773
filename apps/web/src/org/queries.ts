import type {
  TCreateUnit,
  TCreateUser,
  TDelegation,
  TMergeUnits,
  TRole,
  TRoleGrant,
  TUnit,
  TUnitImportPreview,
  TUpdateUnit,
  TUser,
  ZUnitEventSchema,
} from "@eiso/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";

/** One entry of a unit's history (GET /api/units/:id/history), including merged units' events. */
export type TUnitHistoryEvent = ReturnType<(typeof ZUnitEventSchema)["parse"]> & { unitName: string };

/** GET /api/users answers one page and the total (the schema lives in the route, not in contracts). */
export interface TUserPage {
  items: TUser[];
  total: number;
}

export const orgKeys = {
  units: (includeFormer: boolean) => ["units", { includeFormer }] as const,
  unitHistory: (id: string) => ["units", id, "history"] as const,
  unitFormer: (id: string) => ["units", id, "former"] as const,
  users: (q: object) => ["users", q] as const,
  grants: (userId: string) => ["users", userId, "grants"] as const,
  delegations: (userId?: string) => ["delegations", userId ?? "me"] as const,
};

/** Every unit in the user's scope (the API caps it at 5,000), active only unless `includeFormer`. */
export function useUnits(includeFormer = false, enabled = true) {
  return useQuery({
    enabled,
    queryKey: orgKeys.units(includeFormer),
    queryFn: () => api.get<TUnit[]>("/api/units", { includeFormer: includeFormer ? "true" : undefined }),
    placeholderData: keepPreviousData,
  });
}

export function useUnitHistory(id: string | null) {
  return useQuery({
    queryKey: orgKeys.unitHistory(id ?? ""),
    queryFn: () => api.get<TUnitHistoryEvent[]>(`/api/units/${id}/history`),
    enabled: !!id,
  });
}

export function useFormerUnits(id: string | null) {
  return useQuery({
    queryKey: orgKeys.unitFormer(id ?? ""),
    queryFn: () => api.get<TUnit[]>(`/api/units/${id}/former`),
    enabled: !!id,
  });
}

/** Unit mutations refresh every unit list, history and the session (scope units may change). */
function useUnitMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["units"] });
      void qc.invalidateQueries({ queryKey: ["session"] });
    },
  });
}

export const useCreateUnit = () => useUnitMutation((v: TCreateUnit) => api.post<TUnit>("/api/units", v));
export const useUpdateUnit = () =>
  useUnitMutation((v: { id: string; patch: TUpdateUnit }) => api.patch<TUnit>(`/api/units/${v.id}`, v.patch));
export const useMoveUnit = () =>
  useUnitMutation((v: { id: string; newParentId: string }) =>
    api.post<TUnit>(`/api/units/${v.id}/move`, { newParentId: v.newParentId }),
  );
export const useMergeUnits = () =>
  useUnitMutation((v: TMergeUnits) => api.post<TUnit>("/api/units/merge", v));

export function useImportUnits() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; parentId: string; mode: "preview" | "apply" }) =>
      api.upload<TUnitImportPreview>("/api/units/import", v.file, { mode: v.mode, parentId: v.parentId }),
    meta: { silent: true },
    onSuccess: (result) => {
      if (result.applied) void qc.invalidateQueries({ queryKey: ["units"] });
    },
  });
}

export function useUsers(q: {
  unitId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: orgKeys.users(q),
    queryFn: () => api.get<TUserPage>("/api/users", q),
    placeholderData: keepPreviousData,
  });
}

export function useGrants(userId: string | null) {
  return useQuery({
    queryKey: orgKeys.grants(userId ?? ""),
    queryFn: () => api.get<TRoleGrant[]>(`/api/users/${userId}/grants`),
    enabled: !!userId,
  });
}

export function useDelegations(userId?: string) {
  return useQuery({
    queryKey: orgKeys.delegations(userId),
    queryFn: () => api.get<TDelegation[]>("/api/delegations", { userId }),
  });
}

function useUserMutation<V, R>(fn: (v: V) => Promise<R>, silent = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["users"] });
      void qc.invalidateQueries({ queryKey: ["delegations"] });
    },
  });
}

export const useCreateUser = () =>
  useUserMutation((v: TCreateUser) => api.post<TUser>("/api/users", v), true);
export const useUpdateUser = () =>
  useUserMutation(
    (v: {
      id: string;
      patch: Partial<Pick<TUser, "email" | "fullName" | "phone" | "position" | "unitId" | "status">>;
    }) => api.patch<TUser>(`/api/users/${v.id}`, v.patch),
    true,
  );
export const useResetPassword = () =>
  useUserMutation(
    (v: { id: string; newPassword: string }) =>
      api.post<{ ok: true }>(`/api/users/${v.id}/reset-password`, { newPassword: v.newPassword }),
    true,
  );
export const useGrantRole = () =>
  useUserMutation((v: { userId: string; role: TRole; unitId: string }) =>
    api.post<{ id: string }>(`/api/users/${v.userId}/grants`, { role: v.role, unitId: v.unitId }),
  );
export const useRevokeGrant = () =>
  useUserMutation((v: { userId: string; grantId: string }) =>
    api.post<{ ok: true }>(`/api/users/${v.userId}/grants/${v.grantId}/revoke`),
  );
export const useCreateDelegation = () =>
  useUserMutation(
    (v: { grantId: string; toUserId: string; startsOn: string; endsOn: string; reason?: string | null }) =>
      api.post<TDelegation>("/api/delegations", v),
    true,
  );
export const useRevokeDelegation = () =>
  useUserMutation((id: string) => api.post<{ ok: true }>(`/api/delegations/${id}/revoke`));
