import { Tag, Timeline, Typography } from "antd";
import type { ReactNode } from "react";
import { type DossierKey, useDt } from "./i18n";
import { formatShortDateTime } from "./labels";
import type { TDossierDetail, TDossierEvent, TDossierStep } from "./queries";

type Data = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

const colors: Record<string, string> = {
  received: "green",
  "step.completed_at_reception": "green",
  "step.completed": "blue",
  "step.activated": "gray",
  "step.sent_back": "red",
  "step.escalated": "orange",
  refused: "red",
  stopped: "red",
  withdrawn: "gray",
  supplement_requested: "orange",
  supplement_requested_at_reception: "orange",
  apology_after_due: "orange",
  extended: "orange",
  "result.ready": "green",
  returned: "green",
  archived: "gray",
  "document.attached": "gray",
  "documents.submitted_online": "gray",
  "documents.supplemented_online": "gray",
};

const knownKinds = new Set([
  "received",
  "refused",
  "supplement_requested_at_reception",
  "step.activated",
  "step.completed_at_reception",
  "step.completed",
  "step.sent_back",
  "step.claimed",
  "step.assigned",
  "step.reassigned",
  "step.escalated",
  "supplement_requested",
  "supplement_received",
  "extended",
  "apology_after_due",
  "stopped",
  "withdrawn",
  "result.ready",
  "returned",
  "archived",
  "document.attached",
  "documents.submitted_online",
  "documents.supplemented_online",
]);

/** The dossier's log in Vietnamese: what happened, who did it, when, with their comment. */
export function DossierTimeline({ dossier }: { dossier: TDossierDetail }) {
  const dt = useDt();
  const steps = new Map(dossier.steps.map((s) => [s.id, s]));
  // A receive step done at the counter starts and ends with the reception itself: "received" says it
  // once (the control sheet still lists the step).
  const atReception = new Set(
    dossier.events.filter((e) => e.kind === "step.completed_at_reception").map((e) => e.stepId),
  );
  const shown = dossier.events.filter(
    (e) =>
      e.kind !== "step.completed_at_reception" && !(e.kind === "step.activated" && atReception.has(e.stepId)),
  );
  const items = shown.map((e) => {
    const d = describe(e, steps.get(e.stepId ?? ""), steps);
    const title = knownKinds.has(e.kind)
      ? dt(`events.${d.key}` as DossierKey, d.values)
      : dt("events.other", { kind: e.kind });
    return {
      key: e.id,
      color: colors[e.kind] ?? "blue",
      content: (
        <div data-testid="timeline-item" data-kind={e.kind}>
          <Typography.Text strong={e.kind !== "step.activated"}>{title}</Typography.Text>
          {d.late ? (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {dt("events.lateDone")}
            </Tag>
          ) : null}
          <div className="eiso-timeline-meta">
            {[formatShortDateTime(e.at), e.actorName, ...d.meta.map((m) => dt(m.key, m.values))]
              .filter(Boolean)
              .join(" · ")}
          </div>
          {e.comment ? <div className="eiso-timeline-comment">{e.comment}</div> : null}
          {d.extra}
        </div>
      ),
    };
  });
  return (
    <div className="eiso-dossier-timeline">
      <Timeline items={items} data-testid="dossier-timeline" />
    </div>
  );
}

interface Described {
  key: string;
  values: Record<string, unknown>;
  meta: { key: DossierKey; values: Record<string, unknown> }[];
  late?: boolean;
  extra?: ReactNode;
}

function describe(e: TDossierEvent, step: TDossierStep | undefined, steps: Map<string, TDossierStep>) {
  const data = (e.data ?? {}) as Data;
  const name = str(data.name) ?? step?.name ?? "";
  const out: Described = { key: e.kind.replace(".", "_"), values: { name }, meta: [] };
  switch (e.kind) {
    case "received": {
      const desk = str(data.deskName);
      if (desk) out.meta.push({ key: "events.at", values: { unit: desk } });
      break;
    }
    case "step.activated": {
      const unit = str(data.unitName);
      if (unit) out.meta.push({ key: "events.at", values: { unit } });
      // The step row carries the assignee's name; the event only their id.
      if (data.assigneeId && step?.assigneeName)
        out.meta.push({ key: "events.assignedTo", values: { name: step.assigneeName } });
      const due = str(data.dueAt);
      if (due) out.meta.push({ key: "events.dueAt", values: { due: formatShortDateTime(due) } });
      break;
    }
    case "step.completed": {
      if (data.outcome === "approve") out.key = "step_approved";
      else if (step?.stepKind === "assign") out.key = "step_directed";
      out.late = data.late === true;
      break;
    }
    case "step.sent_back":
      out.values.to = str(data.to) ?? "";
      break;
    case "step.assigned":
    case "step.reassigned": {
      const to = str(data.to);
      const person = to ? [...steps.values()].find((s) => s.assigneeId === to)?.assigneeName : undefined;
      if (person) out.meta.push({ key: "events.assignedTo", values: { name: person } });
      break;
    }
    case "extended":
    case "apology_after_due": {
      const due = str(data.newDueAt);
      if (due) out.meta.push({ key: "events.newDue", values: { due: formatShortDateTime(due) } });
      break;
    }
    case "supplement_requested": {
      const items = Array.isArray(data.items)
        ? (data.items as { requirement: string; reason: string }[])
        : [];
      if (items.length)
        out.extra = (
          <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
            {items.map((i) => (
              <li key={`${i.requirement}-${i.reason}`}>
                {i.requirement}: {i.reason}
              </li>
            ))}
          </ul>
        );
      break;
    }
    case "document.attached":
      out.values.name = str(data.label) ?? "";
      if (str(data.fileName)) out.meta.push({ key: "events.by", values: { name: data.fileName } });
      break;
    case "documents.submitted_online":
    case "documents.supplemented_online":
      out.values.count = typeof data.count === "number" ? data.count : 0;
      out.values.labels = Array.isArray(data.labels) ? (data.labels as string[]).join("; ") : "";
      break;
    case "returned": {
      const docs = Array.isArray(data.resultDocuments) ? (data.resultDocuments as { label: string }[]) : [];
      if (docs.length)
        out.meta.push({
          key: "events.resultDocuments",
          values: { labels: docs.map((r) => r.label).join("; ") },
        });
      break;
    }
    case "refused":
    case "supplement_requested_at_reception": {
      const reasons = Array.isArray(data.reasons) ? (data.reasons as string[]) : [];
      if (reasons.length)
        out.extra = (
          <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        );
      break;
    }
  }
  return out;
}
