import type { TPermission, TSession } from "@eiso/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, setCsrfToken } from "../api/client";

export const sessionKey = ["session"] as const;

/** The signed-in session, or null when nobody is signed in. */
async function fetchSession(): Promise<TSession | null> {
  try {
    const session = await api.get<TSession>("/api/auth/session");
    setCsrfToken(session.csrfToken);
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.isUnauthenticated) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

/** The session inside the signed-in part of the app, where it is known to exist. */
export function useCurrentSession(): TSession {
  const { data } = useSession();
  if (!data) throw new Error("useCurrentSession used outside a signed-in route");
  return data;
}

export function usePermission(): (permission: TPermission) => boolean {
  const { data } = useSession();
  return (permission) => !!data?.permissions.includes(permission);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { login: string; password: string }) => api.post<TSession>("/api/auth/login", input),
    meta: { silent: true },
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      qc.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>("/api/auth/logout"),
    onSettled: () => {
      setCsrfToken(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      qc.setQueryData(sessionKey, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<{ ok: true }>("/api/auth/password", input),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKey }),
  });
}

/** Switches the working unit; every unit-dependent view reloads. */
export function useSwitchUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (unitId: string) => api.put<{ ok: true }>("/api/auth/active-unit", { unitId }),
    onSuccess: async () => {
      await qc.invalidateQueries();
    },
  });
}
