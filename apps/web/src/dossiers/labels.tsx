import { ClockCircleOutlined, ExclamationCircleOutlined } from "@ant-design/icons";
import { dossierStatusLabels, type TDossier, type TDossierStatus } from "@eiso/contracts";
import { Tag, Tooltip } from "antd";
import dayjs from "dayjs";
import { useLabel } from "../i18n";
import { useDt } from "./i18n";

const statusColors: Record<TDossierStatus, string> = {
  processing: "processing",
  waiting_supplement: "gold",
  result_ready: "cyan",
  returned: "success",
  archived: "default",
  refused: "error",
  stopped: "volcano",
  withdrawn: "default",
};

export function StatusTag({ status }: { status: TDossierStatus }) {
  const label = useLabel();
  return (
    <Tag color={statusColors[status]} data-testid="dossier-status" data-status={status}>
      {label(dossierStatusLabels, status)}
    </Tag>
  );
}

/**
 * Refused at the desk, stopped or withdrawn, also once archived (archiving takes closed dossiers:
 * one archived without its result returned ended so): no appointment to keep, whatever `dueAt` says.
 */
export function endedWithoutResult(d: Pick<TDossier, "status" | "returnedAt">): boolean {
  return (
    d.status === "refused" ||
    d.status === "stopped" ||
    d.status === "withdrawn" ||
    (d.status === "archived" && !d.returnedAt)
  );
}

/** Working hours before the due time under which a step counts as "due soon" (the API's inbox uses 8). */
const SOON_HOURS = 8;

/**
 * A due time with its urgency: red when past, orange when within a working day, plain otherwise.
 * `done` (completed) items show the time only.
 */
export function DueTag({
  due,
  done,
  now = dayjs(),
}: {
  due: string | null | undefined;
  done?: boolean;
  now?: dayjs.Dayjs;
}) {
  const dt = useDt();
  if (!due) return <>{dt("common.none")}</>;
  const at = dayjs(due);
  const text = formatShortDateTime(due);
  if (done) return <span>{text}</span>;
  if (at.isBefore(now)) {
    return (
      <Tooltip title={dt("common.overdue")}>
        <Tag color="red" icon={<ExclamationCircleOutlined />} data-due="overdue">
          {text}
        </Tag>
      </Tooltip>
    );
  }
  if (at.diff(now, "hour", true) < SOON_HOURS) {
    return (
      <Tooltip title={dt("common.dueSoon")}>
        <Tag color="orange" icon={<ClockCircleOutlined />} data-due="soon">
          {text}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tag bordered={false} data-due="ok">
      {text}
    </Tag>
  );
}

/** "HH:mm DD/MM/YYYY": officers read the hour first for same-day deadlines. */
export function formatShortDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format("HH:mm DD/MM/YYYY") : "—";
}
