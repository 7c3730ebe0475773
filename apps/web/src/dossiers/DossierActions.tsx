import {
  CheckOutlined,
  DownOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  RollbackOutlined,
  SendOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import { vietnamDateOf, type WorkingCalendar } from "@eiso/calendar";
import type { TNextStep, TStepActions, TStepKind } from "@eiso/contracts";
import {
  Alert,
  App,
  Button,
  DatePicker,
  Dropdown,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Skeleton,
  Tooltip,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { showSuccess } from "../api/feedback";
import { useCurrentSession } from "../auth/session";
import { isWorkingInstant, useWorkingCalendar } from "../calendar/working-calendar";
import { labelSearch } from "../common/fold";
import { type DossierKey, useDt } from "./i18n";
import { DueTag } from "./labels";
import { type TDossierDetail, type TDossierStep, useDossierAction, useStepCandidates } from "./queries";

type Pending =
  | {
      kind: "complete";
      step: TDossierStep;
      outcome: "done" | "approve";
      assignee: "required" | "optional" | "none";
    }
  | { kind: "sendBack"; step: TDossierStep }
  | { kind: "assign"; step: TDossierStep }
  | { kind: "supplement" }
  | { kind: "supplementReceived" }
  | { kind: "apology" }
  | { kind: "stop" }
  | { kind: "withdraw" }
  | { kind: "return" };

/** The main button of a step: what finishing it means for its kind. */
function primaryFor(kind: string): {
  label: DossierKey;
  outcome: "done" | "approve";
  assignee: "required" | "optional" | "none";
} {
  switch (kind as TStepKind) {
    case "assign":
      return { label: "actions.direct", outcome: "done", assignee: "required" };
    case "review":
      return { label: "actions.forward", outcome: "approve", assignee: "optional" };
    case "approve":
      return { label: "actions.approve", outcome: "approve", assignee: "none" };
    case "sign":
      return { label: "actions.sign", outcome: "approve", assignee: "none" };
    case "return":
      return { label: "actions.returnStep", outcome: "done", assignee: "none" };
    default:
      return { label: "actions.complete", outcome: "done", assignee: "optional" };
  }
}

/**
 * The actions of a dossier open to the signed-in officer now: `steps` are the active steps they can
 * take (claim, complete, approve, send back, hand over); `dossier` the dossier-level ones (return at
 * the desk, supplement, apology, stop, withdraw, archive).
 */
export function DossierActions({ dossier, part }: { dossier: TDossierDetail; part: "steps" | "dossier" }) {
  const dt = useDt();
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const access = dossier.actions;
  const me = useCurrentSession().user.id;
  const action = useDossierAction(dossier.id);
  // The dialogs' requests: a refusal is shown inside the dialog, which stays open.
  const dialogAction = useDossierAction(dossier.id, { silent: true });
  const [pending, setPendingState] = useState<Pending | null>(null);
  const setPending = (p: Pending | null) => {
    dialogAction.reset();
    setPendingState(p);
  };

  const run = (path: string, body: unknown) =>
    action.mutateAsync({ path, body }).then(() => {
      showSuccess(dt("actions.done"));
      setPending(null);
    });
  const runDialog = (path: string, body: unknown) =>
    dialogAction.mutateAsync({ path, body }).then(() => {
      showSuccess(dt("actions.done"));
      setPending(null);
    });

  const activeSteps = dossier.steps.filter((s) => s.status === "active");
  const stepRows = activeSteps
    .map((s) => ({ step: s, can: access.steps[s.id] }))
    .filter((r): r is { step: TDossierStep; can: TStepActions } => !!r.can)
    .filter(({ can }) => can.claim || can.complete || can.assign);

  // The one supplement request is shown even once used, disabled with the reason (Decree 118/2025).
  const supplementShown =
    access.requestSupplement || (access.atAgency && access.supplementUsed && dossier.status === "processing");
  const more = [
    supplementShown
      ? {
          key: "supplement",
          label: access.requestSupplement ? (
            dt("actions.requestSupplement")
          ) : (
            <Tooltip title={dt("actions.supplementOnce")}>{dt("actions.requestSupplement")}</Tooltip>
          ),
          disabled: !access.requestSupplement,
        }
      : null,
    access.apologise ? { key: "apology", label: dt("actions.apology") } : null,
    access.stop ? { key: "stop", label: dt("actions.stop"), danger: true } : null,
    access.withdraw ? { key: "withdraw", label: dt("actions.withdraw") } : null,
    access.archive ? { key: "archive", label: dt("actions.archive") } : null,
  ].filter((x) => x !== null);

  const onMore = (key: string) => {
    if (key === "archive") {
      modal.confirm({
        title: dt("actions.archive"),
        content: dt("actions.confirmArchive"),
        okText: t("common.confirm"),
        cancelText: t("common.cancel"),
        onOk: () => run("archive", {}),
      });
      return;
    }
    setPending({ kind: key as "supplement" | "apology" | "stop" | "withdraw" });
  };

  const returnAtDesk = access.returnResult;
  const supplementBack = access.receiveSupplement;
  const dialog = pending ? (
    <ActionModal
      dossier={dossier}
      pending={pending}
      busy={dialogAction.isPending}
      error={dialogAction.error}
      onCancel={() => setPending(null)}
      onSubmit={runDialog}
    />
  ) : null;

  if (part === "dossier") {
    if (!more.length && !returnAtDesk && !supplementBack) return null;
    return (
      <Flex gap={8} wrap data-testid="dossier-actions">
        {supplementBack ? (
          <Button type="primary" onClick={() => setPending({ kind: "supplementReceived" })}>
            {dt("actions.supplementReceived")}
          </Button>
        ) : null}
        {returnAtDesk ? (
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={() => setPending({ kind: "return" })}
            data-testid="action-return"
          >
            {dt("actions.returnResult")}
          </Button>
        ) : null}
        {more.length ? (
          <Dropdown trigger={["click"]} menu={{ items: more, onClick: ({ key }) => onMore(key) }}>
            <Button data-testid="more-actions">
              {dt("actions.more")} <DownOutlined />
            </Button>
          </Dropdown>
        ) : null}
        {dialog}
      </Flex>
    );
  }

  if (!stepRows.length) return null;
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }} data-testid="step-action-list">
      {stepRows.map(({ step, can }) => (
        <StepActionRow
          key={step.id}
          step={step}
          can={can}
          mine={step.assigneeId === me}
          busy={action.isPending}
          onClaim={() => void run(`steps/${step.id}/claim`, { version: step.version }).catch(() => {})}
          onPick={setPending}
        />
      ))}
      {dialog}
    </Flex>
  );
}

function StepActionRow({
  step,
  can,
  mine,
  busy,
  onClaim,
  onPick,
}: {
  step: TDossierStep;
  can: TStepActions;
  mine: boolean;
  busy: boolean;
  onClaim: () => void;
  onPick: (p: Pending) => void;
}) {
  const dt = useDt();
  const primary = primaryFor(step.stepKind);
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={12}
      wrap
      style={{ padding: "10px 14px", background: mine ? "#fff8ec" : "#f5f8fd", borderRadius: 6 }}
      data-testid="step-actions"
      data-step-kind={step.stepKind}
    >
      <Flex vertical style={{ minWidth: 0 }}>
        <Typography.Text strong>{dt("actions.stepFor", { name: step.name })}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12.5 }}>
          {[step.unitName, step.assigneeName].filter(Boolean).join(" · ")} <DueTag due={step.dueAt} />
        </Typography.Text>
      </Flex>
      <Flex gap={8} wrap>
        {can.claim ? (
          <Button onClick={onClaim} loading={busy} data-testid="action-claim">
            {dt("actions.claim")}
          </Button>
        ) : null}
        {can.assign ? (
          <Button
            icon={<UserSwitchOutlined />}
            onClick={() => onPick({ kind: "assign", step })}
            data-testid="action-assign"
          >
            {step.assigneeId ? dt("actions.reassign") : dt("actions.assign")}
          </Button>
        ) : null}
        {can.sendBack ? (
          <Button
            danger
            icon={<RollbackOutlined />}
            onClick={() => onPick({ kind: "sendBack", step })}
            data-testid="action-send-back"
          >
            {dt("actions.sendBack")}
          </Button>
        ) : null}
        {can.complete ? (
          <Button
            type="primary"
            icon={<CheckOutlined />}
            onClick={() =>
              onPick({ kind: "complete", step, outcome: primary.outcome, assignee: primary.assignee })
            }
            data-testid="action-complete"
          >
            {dt(primary.label)}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}

interface FormValues {
  comment?: string;
  nextAssigneeId?: string;
  assigneeId?: string;
  reason?: string;
  newDueAt?: Dayjs;
  items?: { requirement: string; reason: string }[];
  documents?: string;
  note?: string;
  delivery?: "counter" | "post" | "online";
}

/** Working days the default new appointment of form 04 adds to the current one. */
const EXTENSION_WORKING_DAYS = 3;

const officerLabel = (u: { fullName: string; username: string; position: string | null }) =>
  `${u.fullName} (${u.username})${u.position ? ` — ${u.position}` : ""}`;

function ActionModal({
  dossier,
  pending,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  dossier: TDossierDetail;
  pending: Pending;
  busy: boolean;
  error: Error | null;
  onCancel: () => void;
  onSubmit: (path: string, body: unknown) => Promise<void>;
}) {
  const dt = useDt();
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const step = "step" in pending ? pending.step : null;
  // The officers the API accepts: for handing the step over, or for the step completing it leads to.
  const picksOfficer =
    pending.kind === "assign" || (pending.kind === "complete" && pending.assignee !== "none");
  const candidates = useStepCandidates(dossier.id, picksOfficer ? step : null);
  const next = pending.kind === "complete" ? (candidates.data?.next ?? null) : null;
  const people =
    pending.kind === "assign"
      ? (candidates.data?.assignees ?? []).filter((u) => u.id !== step?.assigneeId)
      : next?.kind === "step"
        ? next.candidates
        : [];
  const officerOptions = people.map((u) => ({ value: u.id, label: officerLabel(u) }));

  // Form 04: the new appointment comes after the current one (or now, once it has passed), on the
  // tenant's working time; proposed: that moment plus a few working days.
  const apology = pending.kind === "apology";
  const after = useMemo(() => new Date(Math.max(Date.parse(dossier.dueAt), Date.now())), [dossier.dueAt]);
  const year = Number(vietnamDateOf(after).slice(0, 4));
  const calendar = useWorkingCalendar([year, year + 1], apology);
  const proposed = useMemo(
    () => (calendar ? dayjs(calendar.addWorkingTime(after, { days: EXTENSION_WORKING_DAYS })) : null),
    [calendar, after],
  );

  const title = (() => {
    switch (pending.kind) {
      case "complete":
        return dt(primaryFor(pending.step.stepKind).label);
      case "sendBack":
        return dt("actions.sendBack");
      case "assign":
        return pending.step.assigneeId ? dt("actions.reassign") : dt("actions.assign");
      case "supplement":
        return dt("actions.requestSupplement");
      case "supplementReceived":
        return dt("actions.supplementReceived");
      case "apology":
        return dt("actions.apology");
      case "stop":
        return dt("actions.stop");
      case "withdraw":
        return dt("actions.withdraw");
      case "return":
        return dt("actions.returnResult");
    }
  })();

  const submit = async () => {
    const v = await form.validateFields();
    const comment = v.comment?.trim() || null;
    switch (pending.kind) {
      case "complete":
        return onSubmit(`steps/${pending.step.id}/complete`, {
          version: pending.step.version,
          outcome: pending.outcome,
          comment,
          nextAssigneeId: v.nextAssigneeId ?? null,
        });
      case "sendBack":
        return onSubmit(`steps/${pending.step.id}/complete`, {
          version: pending.step.version,
          outcome: "send_back",
          comment,
        });
      case "assign":
        return onSubmit(`steps/${pending.step.id}/assign`, {
          version: pending.step.version,
          assigneeId: v.assigneeId,
          comment,
        });
      case "supplement":
        return onSubmit("supplement-request", { items: v.items });
      case "supplementReceived":
        return onSubmit("supplement-received", {
          documents: (v.documents ?? "")
            .split("\n")
            .map((x) => x.trim())
            .filter(Boolean)
            .map((name) => ({ name, originals: 1, copies: 0 })),
          note: v.note?.trim() || null,
        });
      case "apology":
        return onSubmit("apology", { reason: v.reason?.trim(), newDueAt: v.newDueAt?.toISOString() });
      case "stop":
        return onSubmit("stop", { reason: v.reason?.trim() });
      case "withdraw":
        return onSubmit("withdraw", { reason: v.reason?.trim() });
      case "return":
        return onSubmit("return", { delivery: v.delivery, note: v.note?.trim() || null });
    }
  };

  const officerSelect = (
    <Select
      showSearch={labelSearch}
      options={officerOptions}
      loading={candidates.isLoading}
      allowClear
      placeholder={dt("actions.officer")}
      data-testid="officer-select"
    />
  );

  return (
    <Modal
      open
      title={title}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      onCancel={onCancel}
      onOk={() => void submit().catch(() => {})}
      confirmLoading={busy}
      okButtonProps={{ danger: pending.kind === "sendBack" || pending.kind === "stop" }}
      destroyOnHidden
      width={560}
    >
      {step ? (
        <Typography.Paragraph
          type="secondary"
          style={next?.kind === "step" ? { marginBottom: 4 } : undefined}
        >
          {dt("actions.stepFor", { name: step.name })} — {step.unitName}
        </Typography.Paragraph>
      ) : null}
      {next?.kind === "step" ? (
        <Typography.Paragraph data-testid="next-step" data-kind="step">
          {dt("actions.nextStep", { name: next.name, unit: next.unitName })}
        </Typography.Paragraph>
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error.message}
          style={{ marginBottom: 16 }}
          data-testid="action-error"
        />
      ) : null}
      {candidates.error ? (
        <Alert
          type="error"
          showIcon
          title={candidates.error.message}
          style={{ marginBottom: 16 }}
          data-testid="candidates-error"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name="dossier-action"
        data-testid="action-form"
        initialValues={{
          delivery: dossier.resultDelivery,
          items: [{ requirement: "", reason: "" }],
        }}
      >
        {pending.kind === "complete" && pending.assignee !== "none" && !candidates.error ? (
          next && next.kind !== "step" ? (
            <NextStepNote next={next} />
          ) : next && !next.candidates.length ? (
            <Alert
              type="warning"
              showIcon
              title={dt("actions.noCandidates", { unit: next.unitName })}
              style={{ marginBottom: 16 }}
              data-testid="no-candidates"
            />
          ) : (
            <Form.Item
              name="nextAssigneeId"
              label={dt("actions.nextAssignee")}
              extra={pending.assignee === "optional" ? dt("actions.nextAssigneeHint") : undefined}
              rules={
                pending.assignee === "required"
                  ? [{ required: true, message: dt("actions.officerRequired") }]
                  : []
              }
            >
              {officerSelect}
            </Form.Item>
          )
        ) : null}
        {pending.kind === "assign" ? (
          <Form.Item
            name="assigneeId"
            label={dt("actions.officer")}
            rules={[{ required: true, message: dt("actions.officerRequired") }]}
          >
            {officerSelect}
          </Form.Item>
        ) : null}
        {pending.kind === "complete" || pending.kind === "assign" || pending.kind === "sendBack" ? (
          <Form.Item
            name="comment"
            label={pending.kind === "sendBack" ? dt("common.reason") : dt("common.comment")}
            rules={
              pending.kind === "sendBack"
                ? [{ required: true, whitespace: true, message: dt("actions.commentRequired") }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-comment" />
          </Form.Item>
        ) : null}
        {pending.kind === "supplement" ? (
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline">
                    <Form.Item
                      name={[f.name, "requirement"]}
                      style={{ flex: 1 }}
                      rules={[{ required: true, whitespace: true, message: dt("actions.commentRequired") }]}
                    >
                      <Input placeholder={dt("actions.requirement")} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, "reason"]}
                      style={{ flex: 1 }}
                      rules={[{ required: true, whitespace: true, message: dt("actions.commentRequired") }]}
                    >
                      <Input placeholder={dt("common.reason")} />
                    </Form.Item>
                    {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ requirement: "", reason: "" })}
                  block
                >
                  {dt("reception.addReason")}
                </Button>
              </>
            )}
          </Form.List>
        ) : null}
        {pending.kind === "supplementReceived" ? (
          <>
            <Form.Item name="documents" label={dt("actions.documents")}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="note" label={dt("actions.note")}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        {apology && !calendar ? (
          <Form.Item label={dt("actions.newDueAt")}>
            <Skeleton.Input active style={{ width: 240 }} />
          </Form.Item>
        ) : null}
        {apology && calendar && proposed ? (
          <Form.Item
            name="newDueAt"
            label={dt("actions.newDueAt")}
            initialValue={proposed}
            rules={[
              { required: true, message: dt("actions.newDueRequired") },
              {
                validator: (_, v: Dayjs | null | undefined) =>
                  !v || (v.isAfter(after) && isWorkingInstant(calendar, v.toDate()))
                    ? Promise.resolve()
                    : Promise.reject(new Error(dt("actions.newDueWorking"))),
              },
            ]}
            extra={`${dt("common.dueAt")}: ${dayjs(dossier.dueAt).format("HH:mm DD/MM/YYYY")}. ${dt("actions.newDueHint")}.`}
          >
            <DatePicker
              showTime={{ format: "HH:mm", hideDisabledOptions: true }}
              format="HH:mm DD/MM/YYYY"
              disabledDate={(d) => offDay(calendar, after, d)}
              disabledTime={(d) => offHours(calendar, after, d)}
              style={{ width: 240 }}
              data-testid="new-due-at"
            />
          </Form.Item>
        ) : null}
        {pending.kind === "apology" || pending.kind === "stop" || pending.kind === "withdraw" ? (
          <Form.Item
            name="reason"
            label={dt("common.reason")}
            rules={[{ required: true, whitespace: true, message: dt("actions.commentRequired") }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        ) : null}
        {pending.kind === "return" ? (
          <>
            <Form.Item name="delivery" label={dt("actions.delivery")}>
              <Radio.Group
                options={(["counter", "post", "online"] as const).map((k) => ({
                  value: k,
                  label: dt(`deliveries.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="note" label={dt("actions.note")}>
              <Input />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** Where completing the step leads when no officer is to be chosen for it. */
function NextStepNote({ next }: { next: Exclude<TNextStep, { kind: "step" }> }) {
  const dt = useDt();
  const text =
    next.kind === "parallel"
      ? dt("actions.nextParallel", {
          steps: next.steps.map((s) => `«${s.name}» (${s.unitName})`).join("; "),
        })
      : next.kind === "wait"
        ? dt("actions.nextWait")
        : next.kind === "end"
          ? dt("actions.nextEnd")
          : dt("actions.nextUnknown");
  return (
    <Alert
      type={next.kind === "unknown" ? "warning" : "info"}
      showIcon
      title={text}
      style={{ marginBottom: 16 }}
      data-testid="next-step"
      data-kind={next.kind}
    />
  );
}

/**
 * A day the new appointment cannot fall on: not a working day of the tenant, before the current
 * appointment, or its day when no office time is left after it.
 */
function offDay(calendar: WorkingCalendar, after: Date, d: Dayjs): boolean {
  const day = dayjs(after);
  if (d.isBefore(day, "day")) return true;
  if (
    d.isSame(day, "day") &&
    !dayjs(calendar.countingStart(new Date(after.getTime() + 60_000))).isSame(day, "day")
  )
    return true;
  try {
    return !calendar.isWorkingDay(d.format("YYYY-MM-DD"));
  } catch {
    return true; // a year the calendar does not cover
  }
}

const HOURS = Array.from({ length: 24 }, (_, i) => i);
const MINUTES = Array.from({ length: 60 }, (_, i) => i);

/** Hours and minutes of the day `d` outside office time, or not after the current appointment. */
function offHours(calendar: WorkingCalendar, after: Date, d: Dayjs | null) {
  if (!d) return {};
  const ok = (h: number, m: number) => {
    const at = d.hour(h).minute(m).second(0).millisecond(0);
    return at.isAfter(after) && isWorkingInstant(calendar, at.toDate());
  };
  return {
    disabledHours: () => HOURS.filter((h) => !MINUTES.some((m) => ok(h, m))),
    disabledMinutes: (h: number) => MINUTES.filter((m) => !ok(h, m)),
  };
}
