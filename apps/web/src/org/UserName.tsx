import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { shortId } from "../common/short-id";

/**
 * A user's full name by id, for lists whose rows carry only ids (delegations, audit entries). The
 * lookup is cached; a user outside the viewer's scope shows as a short id.
 */
export function UserName({ id, known }: { id: string; known?: string | null | undefined }) {
  const user = useQuery({
    queryKey: ["users", id],
    queryFn: () => api.get<{ fullName: string }>(`/api/users/${id}`),
    enabled: !known,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return <>{known ?? user.data?.fullName ?? (user.isError ? shortId(id) : "…")}</>;
}
