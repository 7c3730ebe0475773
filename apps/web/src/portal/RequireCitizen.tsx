import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { ForcedPasswordChange } from "../auth/ForcedPasswordChange";
import { useSession } from "../auth/session";
import { PageSpinner, QueryError } from "../common/QueryState";

/** Gate of the portal's own pages: a citizen or business session; officers go to the back office. */
export function RequireCitizen({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { data: session, isPending, error, refetch } = useSession();
  const location = useLocation();
  if (isPending) return <PageSpinner tip={t("app.loading")} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!session)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (session.user.mustChangePassword) return <ForcedPasswordChange />;
  if (session.user.kind === "officer") return <Navigate to="/" replace />;
  return children;
}
