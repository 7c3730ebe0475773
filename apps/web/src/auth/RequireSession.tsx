import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { PageSpinner, QueryError } from "../common/QueryState";
import { ForcedPasswordChange } from "./ForcedPasswordChange";
import { useSession } from "./session";

/**
 * Gate of the signed-in back office: login when there is no session, password change when one is due;
 * citizens and businesses go to their portal.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { data: session, isPending, error, refetch } = useSession();
  const location = useLocation();
  if (isPending) return <PageSpinner tip={t("app.loading")} />;
  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!session) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (session.user.mustChangePassword) return <ForcedPasswordChange />;
  if (session.user.kind !== "officer") return <Navigate to="/portal/ho-so" replace />;
  return children;
}
