import type { TPublicDossierStatus } from "@eiso/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Descriptions, Flex, Input, Spin, Tag, Typography } from "antd";
import { useNavigate, useParams } from "react-router";
import { ApiError, api } from "../api/client";
import { useDt } from "../dossiers/i18n";
import { formatShortDateTime, StatusTag } from "../dossiers/labels";
import { PortalLayout } from "./PortalLayout";

/**
 * Public tracking of a dossier by its code: what the QR code on the receipt (form 01) and the other
 * letters opens. No session; the API answers progress only, with the applicant's name masked.
 */
export default function TrackingPage() {
  const dt = useDt();
  const navigate = useNavigate();
  const code = useParams().code?.trim() ?? "";
  const status = useQuery({
    queryKey: ["public", "dossier", code],
    queryFn: () => api.get<TPublicDossierStatus>(`/api/public/dossiers/${encodeURIComponent(code)}`),
    enabled: code.length > 0,
    retry: false,
  });
  const d = status.data;
  return (
    <PortalLayout>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {dt("tracking.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{dt("tracking.subtitle")}</Typography.Paragraph>
        <Input.Search
          key={code}
          defaultValue={code}
          size="large"
          enterButton={dt("tracking.search")}
          placeholder={dt("tracking.placeholder")}
          onSearch={(v) => {
            const next = v.trim();
            if (next) navigate(`/portal/tra-cuu/${encodeURIComponent(next)}`);
          }}
          data-testid="tracking-code"
        />
      </Card>
      {status.isFetching ? (
        <Flex justify="center">
          <Spin />
        </Flex>
      ) : null}
      {status.error ? (
        <Alert
          type={status.error instanceof ApiError && status.error.status === 404 ? "warning" : "error"}
          showIcon
          title={status.error.message}
          data-testid="tracking-error"
        />
      ) : null}
      {d ? (
        <Card data-testid="tracking-result" data-status={d.status}>
          <Flex align="center" gap={12} wrap style={{ marginBottom: 16 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {d.code}
            </Typography.Title>
            <StatusTag status={d.status} />
            {d.late ? <Tag color="red">{dt("common.late")}</Tag> : null}
          </Flex>
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: "procedure",
                label: dt("common.procedure"),
                children: `${d.procedureCode} · ${d.procedureName}`,
              },
              { key: "agency", label: dt("common.agency"), children: d.agencyName },
              { key: "applicant", label: dt("common.applicant"), children: d.applicantName },
              {
                key: "received",
                label: dt("common.receivedAt"),
                children: formatShortDateTime(d.receivedAt),
              },
              {
                key: "due",
                label: dt("common.dueAt"),
                children: d.dueAt
                  ? formatShortDateTime(d.dueAt)
                  : d.status === "refused"
                    ? dt("common.none")
                    : dt("tracking.noAppointment"),
              },
              ...(d.completedAt
                ? [
                    {
                      key: "completed",
                      label: dt("tracking.completedAt"),
                      children: formatShortDateTime(d.completedAt),
                    },
                  ]
                : []),
              ...(d.returnedAt
                ? [
                    {
                      key: "returned",
                      label: dt("tracking.returnedAt"),
                      children: formatShortDateTime(d.returnedAt),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      ) : null}
    </PortalLayout>
  );
}
