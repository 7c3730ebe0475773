import { Button, Result, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../api/client";

/** The "you may not do this" page: shown for 403 answers and for menu entries the user lacks. */
export function Forbidden({ message }: { message?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t("errors.forbiddenTitle")}
      subTitle={message ?? t("errors.forbidden")}
      extra={
        <Link to="/">
          <Button type="primary">{t("errors.backHome")}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("errors.notFoundTitle")}
      subTitle={t("errors.notFound")}
      extra={
        <Link to="/">
          <Button type="primary">{t("errors.backHome")}</Button>
        </Link>
      }
    />
  );
}

/** Inline failure of a query: 403 gets the permission page, anything else a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.isForbidden) return <Forbidden message={error.message} />;
  return (
    <Result
      status="warning"
      title={t("errors.loadFailed")}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t("common.retry")}</Button> : undefined}
    />
  );
}

export function PageSpinner({ tip }: { tip?: ReactNode }) {
  return (
    <div style={{ display: "flex", justifyContent: "center", padding: 64 }}>
      <Spin size="large" description={tip} />
    </div>
  );
}
