import {
  BranchesOutlined,
  DownOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
} from "@ant-design/icons";
import { type TUnit, type TUnitKind, unitKindLabels } from "@eiso/contracts";
import {
  Button,
  Card,
  Descriptions,
  Dropdown,
  Empty,
  Flex,
  Spin,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCanAt } from "../auth/scope";
import { formatDate, formatDateTime } from "../common/dates";
import { ItemList } from "../common/ItemList";
import { QueryError } from "../common/QueryState";
import { shortId } from "../common/short-id";
import { useLabel } from "../i18n";
import { type TUnitHistoryEvent, useFormerUnits, useUnitHistory } from "./queries";

export function UnitStatusTag({ unit }: { unit: TUnit }) {
  const { t } = useTranslation();
  if (unit.status === "merged") return <Tag color="default">{t("units.statusMerged")}</Tag>;
  if (unit.status === "dissolved") return <Tag color="default">{t("units.statusDissolved")}</Tag>;
  return <Tag color="green">{t("units.statusActive")}</Tag>;
}

const fieldKeys = [
  "code",
  "name",
  "shortName",
  "kind",
  "address",
  "phone",
  "email",
  "effectiveFrom",
  "effectiveTo",
] as const;

function HistoryItem({
  e,
  selected,
  nameOf,
}: {
  e: TUnitHistoryEvent;
  selected: TUnit;
  nameOf: (id: unknown) => string;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const data = (e.data ?? {}) as Record<string, unknown>;
  const fieldLabel = (k: string) =>
    (fieldKeys as readonly string[]).includes(k) ? t(`units.${k as (typeof fieldKeys)[number]}`) : k;
  const show = (k: string, v: unknown) =>
    v === null || v === undefined || v === ""
      ? "—"
      : k === "kind"
        ? label(unitKindLabels, v as TUnitKind)
        : String(v);
  let title: string;
  let body: ReactNode = null;
  switch (e.event) {
    case "merged_into":
      title = t("units.event.merged_into", { target: String(data.targetName ?? nameOf(data.targetId)) });
      break;
    case "absorbed": {
      const sources = (data.sources as { name: string; code: string }[] | undefined) ?? [];
      title = t("units.event.absorbed", { count: sources.length });
      body = (
        <ul style={{ margin: "4px 0", paddingLeft: 18 }}>
          {sources.map((s) => (
            <li key={s.code}>
              {s.name} <Typography.Text type="secondary">({s.code})</Typography.Text>
            </li>
          ))}
        </ul>
      );
      break;
    }
    case "moved":
      title = t("units.event.moved");
      body = (
        <div>
          {nameOf(data.fromParentId)} → {nameOf(data.toParentId)}
        </div>
      );
      break;
    case "created":
    case "updated":
    case "renamed":
      title = t(`units.event.${e.event}`);
      if (Array.isArray(data.changed) && data.changed.length) {
        const before = (data.before ?? {}) as Record<string, unknown>;
        const after = (data.after ?? {}) as Record<string, unknown>;
        body = (
          <ul style={{ margin: "4px 0", paddingLeft: 18 }}>
            {(data.changed as string[]).map((k) => (
              <li key={k}>
                {fieldLabel(k)}:{" "}
                <Typography.Text delete type="secondary">
                  {show(k, before[k])}
                </Typography.Text>{" "}
                → {show(k, after[k])}
              </li>
            ))}
          </ul>
        );
      }
      break;
    default:
      title = e.event;
  }
  const decision = typeof data.decision === "string" && data.decision ? data.decision : null;
  const effective = typeof data.effectiveDate === "string" ? data.effectiveDate : null;
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {e.unitId !== selected.id ? (
        <Typography.Text type="secondary"> {t("units.eventOf", { unit: e.unitName })}</Typography.Text>
      ) : null}
      {body}
      {effective || decision ? (
        <div>
          <Typography.Text type="secondary">
            {effective ? `${t("units.effectiveDate")}: ${formatDate(effective)}` : ""}
            {effective && decision ? " · " : ""}
            {decision ? `${t("units.decision")}: ${decision}` : ""}
          </Typography.Text>
        </div>
      ) : null}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(e.at)} · {t("units.byActor", { actor: e.actorName ?? t("units.system") })}
        </Typography.Text>
      </div>
    </div>
  );
}

function UnitHistory({ unit, nameOf }: { unit: TUnit; nameOf: (id: unknown) => string }) {
  const { t } = useTranslation();
  const history = useUnitHistory(unit.id);
  if (history.isPending) return <Spin />;
  if (history.error) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Empty description={t("units.noHistory")} />;
  return (
    <Timeline
      data-testid="unit-history"
      items={history.data.map((e) => ({
        key: e.id,
        color:
          e.event === "merged_into"
            ? "gray"
            : e.event === "absorbed"
              ? "purple"
              : e.event === "created"
                ? "green"
                : "blue",
        content: <HistoryItem e={e} selected={unit} nameOf={nameOf} />,
      }))}
    />
  );
}

function FormerUnits({ unit, onSelect }: { unit: TUnit; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const former = useFormerUnits(unit.id);
  if (former.isPending) return <Spin />;
  if (former.error) return <QueryError error={former.error} onRetry={() => void former.refetch()} />;
  if (former.data.length === 0) return <Empty description={t("units.noFormer")} />;
  return (
    <ItemList
      testId="former-units"
      items={former.data.map((u) => ({
        key: u.id,
        title: <Typography.Link onClick={() => onSelect(u.id)}>{u.name}</Typography.Link>,
        description: `${u.code} · ${label(unitKindLabels, u.kind)} · ${t("units.effectiveTo")}: ${formatDate(u.effectiveTo)}`,
        extra: <UnitStatusTag unit={u} />,
      }))}
    />
  );
}

/** The selected unit: its details, history (with merged units'), and units merged into it. */
export function UnitDetails({
  unit,
  childCount,
  unitsById,
  onSelect,
  onAddChild,
  onEdit,
  onMove,
  onMerge,
}: {
  unit: TUnit;
  /** Active sub-units, counted from the loaded tree. */
  childCount: number;
  unitsById: ReadonlyMap<string, TUnit>;
  onSelect: (id: string) => void;
  onAddChild: () => void;
  onEdit: () => void;
  onMove: () => void;
  onMerge: () => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const canAt = useCanAt();
  const canManage = canAt("org.unit.manage", unit) && unit.status === "active";
  const parent = unit.parentId ? unitsById.get(unit.parentId) : undefined;
  const mergedInto = unit.mergedIntoId ? unitsById.get(unit.mergedIntoId) : undefined;
  const nameOf = (id: unknown) => (typeof id === "string" ? (unitsById.get(id)?.name ?? shortId(id)) : "—");
  return (
    <Card data-testid="unit-details">
      {/* Name and actions wrap onto two lines on narrow screens instead of squeezing the name. */}
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 8 }}>
        <Flex vertical style={{ flex: "1 1 280px", minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {unit.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {unit.code} · {label(unitKindLabels, unit.kind)}
          </Typography.Text>
        </Flex>
        {canManage ? (
          <Flex gap={8}>
            <Button type="primary" icon={<PlusOutlined />} onClick={onAddChild} data-testid="add-child-unit">
              {t("units.addChild")}
            </Button>
            <Button icon={<EditOutlined />} onClick={onEdit}>
              {t("common.edit")}
            </Button>
            <Dropdown
              trigger={["click"]}
              menu={{
                items: [
                  {
                    key: "move",
                    icon: <BranchesOutlined />,
                    label: t("units.move"),
                    disabled: !unit.parentId,
                  },
                  {
                    key: "merge",
                    icon: <MergeCellsOutlined />,
                    label: t("units.merge"),
                    disabled: !unit.parentId,
                  },
                ],
                onClick: ({ key }) => (key === "move" ? onMove() : onMerge()),
              }}
            >
              <Button aria-label={t("common.more")}>
                <DownOutlined />
              </Button>
            </Dropdown>
          </Flex>
        ) : null}
      </Flex>
      <Tabs
        items={[
          {
            key: "info",
            label: t("units.tabInfo"),
            children: (
              <Descriptions
                column={1}
                size="small"
                bordered
                styles={{ label: { width: 180 } }}
                items={[
                  { key: "code", label: t("units.code"), children: unit.code },
                  { key: "name", label: t("units.name"), children: unit.name },
                  { key: "short", label: t("units.shortName"), children: unit.shortName ?? "—" },
                  { key: "kind", label: t("units.kind"), children: label(unitKindLabels, unit.kind) },
                  {
                    key: "parent",
                    label: t("units.parent"),
                    children: parent ? (
                      <Typography.Link onClick={() => onSelect(parent.id)}>{parent.name}</Typography.Link>
                    ) : unit.parentId ? (
                      // The parent exists but lies outside the user's scope, so the API does not list it.
                      <Typography.Text type="secondary">{t("units.outOfScope")}</Typography.Text>
                    ) : (
                      "—"
                    ),
                  },
                  { key: "address", label: t("units.address"), children: unit.address ?? "—" },
                  { key: "phone", label: t("units.phone"), children: unit.phone ?? "—" },
                  { key: "email", label: t("units.email"), children: unit.email ?? "—" },
                  { key: "from", label: t("units.effectiveFrom"), children: formatDate(unit.effectiveFrom) },
                  { key: "to", label: t("units.effectiveTo"), children: formatDate(unit.effectiveTo) },
                  {
                    key: "status",
                    label: t("units.status"),
                    children: (
                      <>
                        <UnitStatusTag unit={unit} />
                        {mergedInto ? (
                          <>
                            {t("units.mergedInto")}{" "}
                            <Typography.Link onClick={() => onSelect(mergedInto.id)}>
                              {mergedInto.name}
                            </Typography.Link>
                          </>
                        ) : null}
                      </>
                    ),
                  },
                  { key: "children", label: t("units.children"), children: childCount },
                ]}
              />
            ),
          },
          {
            key: "history",
            label: t("units.tabHistory"),
            children: <UnitHistory unit={unit} nameOf={nameOf} />,
          },
          {
            key: "former",
            label: t("units.tabFormer"),
            children: <FormerUnits unit={unit} onSelect={onSelect} />,
          },
        ]}
      />
    </Card>
  );
}
