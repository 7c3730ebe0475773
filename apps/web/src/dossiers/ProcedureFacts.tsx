import type { TProcedure, TProcedureSummary } from "@eiso/contracts";
import { Descriptions, Flex, Typography } from "antd";
import { useNumberFormat } from "../common/numbers";
import { useDt } from "./i18n";

/** What the applicant and the desk check first: field and code, legal time, fees (and the result, if given). */
export function ProcedureFacts({
  procedure: p,
  columns = 1,
}: {
  procedure: Pick<TProcedure, "fieldName" | "code" | "processingTime" | "fees"> & {
    resultDocument?: string | null;
  };
  columns?: 1 | 2;
}) {
  const dt = useDt();
  const format = useNumberFormat();
  // Half a working day is "0,5 ngày" in Vietnamese, "0.5 days" in English.
  const time = p.processingTime
    ? dt(p.processingTime.unit === "days" ? "reception.days" : "common.hours", {
        count: p.processingTime.amount,
        amount: format.number(p.processingTime.amount),
      })
    : "—";
  return (
    <Descriptions
      size="small"
      column={columns === 1 ? 1 : { xs: 1, md: 2 }}
      data-testid="procedure-facts"
      items={[
        { key: "field", label: dt("reception.field"), children: `${p.fieldName} · ${p.code}` },
        { key: "time", label: dt("reception.time"), children: time },
        {
          key: "fees",
          label: dt("reception.fees"),
          children: p.fees.length
            ? p.fees
                .map((f) => `${f.name}: ${format.number(f.amountVnd)} đ${f.note ? ` ${f.note}` : ""}`)
                .join("; ")
            : dt("reception.free"),
        },
        ...(p.resultDocument
          ? [{ key: "result", label: dt("portal.result"), children: p.resultDocument }]
          : []),
      ]}
    />
  );
}

/** A procedure in a picker's list: its name, then code and field. */
export function ProcedureOption({ procedure }: { procedure: TProcedureSummary }) {
  return (
    <Flex vertical style={{ whiteSpace: "normal" }}>
      <span>{procedure.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {procedure.code} · {procedure.fieldName}
      </Typography.Text>
    </Flex>
  );
}
