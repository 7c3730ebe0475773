import { type TPublicDossierStatus, ZDossierCodeParamsSchema } from "@eiso/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Descriptions, Flex, Input, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { ApiError, api } from "../api/client";
import { useDt } from "../dossiers/i18n";
import { formatShortDateTime, StatusTag } from "../dossiers/labels";
import { PortalLayout } from "./PortalLayout";

/** A code as typed or scanned: trimmed and in capitals, as codes are made (the API matches them so too). */
const normalisedCode = (typed: string) => typed.trim().toUpperCase();
/** The API's own rule for a code (letters, digits, dots and dashes, 6–60 of them). */
const wellFormed = (code: string) => ZDossierCodeParamsSchema.shape.code.safeParse(code).success;

/**
 * Public tracking of a dossier by its code: what the QR code on the receipt (form 01) and the other
 * letters opens. No session; the API answers progress only, with the applicant's name masked.
 */
export default function TrackingPage() {
  const dt = useDt();
  const code = normalisedCode(useParams().code ?? "");
  // A code that cannot be one is told so here, in words, instead of the API's validation message.
  const malformed = code.length > 0 && !wellFormed(code);
  const status = useQuery({
    queryKey: ["public", "dossier", code],
    queryFn: () => api.get<TPublicDossierStatus>(`/api/public/dossiers/${encodeURIComponent(code)}`),
    enabled: code.length > 0 && !malformed,
    retry: false,
  });
  const d = status.data;
  const error = malformed
    ? { warning: true, message: dt("tracking.badCode") }
    : status.error
      ? status.error instanceof ApiError && status.error.status === 400
        ? { warning: true, message: dt("tracking.badCode") }
        : {
            warning: status.error instanceof ApiError && status.error.status === 404,
            message: status.error.message,
          }
      : null;
  return (
    <PortalLayout>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {dt("tracking.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{dt("tracking.subtitle")}</Typography.Paragraph>
        <CodeSearch key={code} code={code} />
      </Card>
      {status.isFetching ? (
        <Flex justify="center">
          <Spin />
        </Flex>
      ) : null}
      {error ? (
        <Alert
          type={error.warning ? "warning" : "error"}
          showIcon
          title={error.message}
          data-testid="tracking-error"
        />
      ) : null}
      {d && !malformed ? (
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
                // Refused at the desk or waiting there for missing papers: handed in, not received.
                label:
                  d.closed?.as === "refused" || (d.status === "waiting_supplement" && !d.dueAt)
                    ? dt("common.handedInAt")
                    : dt("common.receivedAt"),
                children: formatShortDateTime(d.receivedAt),
              },
              {
                key: "due",
                label: dt("common.dueAt"),
                // Refused: never an appointment; stopped or withdrawn: none any more (the row below
                // says when it ended); waiting for papers at the desk: none yet.
                children: (
                  <span data-testid="tracking-due">
                    {d.dueAt
                      ? formatShortDateTime(d.dueAt)
                      : d.status === "waiting_supplement"
                        ? dt("tracking.noAppointment")
                        : dt("common.none")}
                  </span>
                ),
              },
              // The refusal is the day it was handed in (above); a stop or withdrawal came later.
              ...(d.closed && d.closed.as !== "refused"
                ? [
                    {
                      key: "closed",
                      label: dt(`common.closedOn.${d.closed.as}`),
                      children: <span data-testid="tracking-closed">{formatShortDateTime(d.closed.at)}</span>,
                    },
                  ]
                : []),
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

/** The code field: shows the code as it is looked up (trimmed, in capitals) once searched. */
function CodeSearch({ code }: { code: string }) {
  const dt = useDt();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code);
  return (
    <Input.Search
      value={typed}
      onChange={(e) => setTyped(e.target.value)}
      size="large"
      enterButton={dt("tracking.search")}
      placeholder={dt("tracking.placeholder")}
      onSearch={(v) => {
        const next = normalisedCode(v);
        setTyped(next);
        if (next) navigate(`/portal/tra-cuu/${encodeURIComponent(next)}`);
      }}
      data-testid="tracking-code"
    />
  );
}
