import { Button, Flex, Result } from "antd";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router";

/**
 * After a new version is deployed, a tab still open on the old one asks for page chunks that no longer
 * exist; a reload picks up the new version.
 */
function isStaleChunk(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(
    text,
  );
}

/** What a screen shows instead of crashing the whole app when it fails to load or render. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const reload = (
    <Flex gap={8} justify="center">
      <Button type="primary" onClick={() => window.location.reload()}>
        {t("errors.reload")}
      </Button>
      <Button href="/">{t("errors.backHome")}</Button>
    </Flex>
  );
  if (isStaleChunk(error)) {
    return (
      <Result status="info" title={t("errors.updatedTitle")} subTitle={t("errors.updated")} extra={reload} />
    );
  }
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Result
      status="error"
      title={t("errors.unexpectedTitle")}
      subTitle={
        <>
          {t("errors.unexpected")}
          <br />
          <code>{detail}</code>
        </>
      }
      extra={reload}
    />
  );
}
