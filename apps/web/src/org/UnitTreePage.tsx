import {
  ApartmentOutlined,
  ImportOutlined,
  MergeCellsOutlined,
  MinusSquareOutlined,
  PlusSquareOutlined,
  SearchOutlined,
} from "@ant-design/icons";
import type { TUnit } from "@eiso/contracts";
import { Button, Card, Checkbox, Col, Empty, Flex, Input, Row, Tag, Tooltip, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree";
import { type ComponentRef, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useCanAt } from "../auth/scope";
import { useCurrentSession } from "../auth/session";
import { foldVietnamese } from "../common/fold";
import { PageHeader } from "../common/PageHeader";
import { PageSpinner, QueryError } from "../common/QueryState";
import { ImportUnitsModal } from "./ImportUnitsModal";
import { MergeUnitsModal } from "./MergeUnitsModal";
import { MoveUnitModal } from "./MoveUnitModal";
import { useUnits } from "./queries";
import { UnitDetails } from "./UnitDetails";
import { UnitFormModal } from "./UnitFormModal";
import { ancestorIds, buildUnitForest, matchUnits, type UnitNode, visibleForQuery } from "./unit-tree";

/** Tree height follows the window so the page never scrolls twice. */
function useTreeHeight(offset: number): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener("resize", on);
    return () => window.removeEventListener("resize", on);
  }, []);
  return Math.max(320, h - offset);
}

/** Highlights the searched part of a name (accent-insensitive; folding keeps string length for Vietnamese). */
function Highlight({ text, query }: { text: string; query: string }) {
  const q = foldVietnamese(query);
  if (!q) return <>{text}</>;
  const i = foldVietnamese(text).indexOf(q);
  // Folding may shift positions when whitespace collapses; fall back to plain text then.
  if (i < 0 || foldVietnamese(text).length !== text.length) return <>{text}</>;
  return (
    <>
      {text.slice(0, i)}
      <mark style={{ padding: 0, background: "#ffe58f" }}>{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

type Dialog =
  | { kind: "create"; parent: TUnit }
  | { kind: "edit"; unit: TUnit }
  | { kind: "move"; unit: TUnit }
  | { kind: "merge"; sourceIds: string[] }
  | { kind: "import" }
  | null;

export default function UnitTreePage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const canAt = useCanAt();
  const [params, setParams] = useSearchParams();
  const [showFormer, setShowFormer] = useState(false);
  const [query, setQuery] = useState("");
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const units = useUnits(showFormer);
  const treeHeight = useTreeHeight(336);
  const selectedId = params.get("unit");

  const list = units.data ?? [];
  const byId = useMemo(() => new Map(list.map((u) => [u.id, u])), [list]);
  const activeCount = useMemo(() => list.filter((u) => u.status === "active").length, [list]);
  const formerCount = list.length - activeCount;
  const forest = useMemo(() => buildUnitForest(list), [list]);
  const visible = useMemo(() => visibleForQuery(list, query), [list, query]);
  const matches = useMemo(() => matchUnits(list, query), [list, query]);

  // Default view: the top of the scope and its first level open, plus the path to the selection.
  const defaultExpanded = useMemo(() => {
    const keys = new Set(forest.map((n) => n.unit.id));
    if (forest.length === 1)
      for (const c of forest[0]!.children) if (c.children.length > 20) keys.add(c.unit.id);
    if (selectedId) for (const a of ancestorIds(byId, selectedId)) keys.add(a);
    return [...keys];
  }, [forest, byId, selectedId]);
  const expandedKeys = visible ? [...visible] : (expanded ?? defaultExpanded);

  // Ticking "show merged units" opens the tree down to them, or they would sit inside closed nodes.
  const [revealFormer, setRevealFormer] = useState(false);
  useEffect(() => {
    if (!revealFormer || units.isPlaceholderData || !units.data) return;
    const parents = list.filter((u) => u.status !== "active").flatMap((u) => ancestorIds(byId, u.id));
    setExpanded((prev) => [...new Set([...(prev ?? defaultExpanded), ...parents])]);
    setRevealFormer(false);
  }, [revealFormer, units.isPlaceholderData, units.data, list, byId, defaultExpanded]);

  const treeData = useMemo(() => {
    const toData = (n: UnitNode): DataNode | null => {
      if (visible && !visible.has(n.unit.id)) return null;
      const u = n.unit;
      const former = u.status !== "active";
      return {
        key: u.id,
        title: (
          <span data-unit-name={u.name} title={u.name}>
            {/* The tag goes first so an ellipsis on a long name never hides it. */}
            {former ? (
              <Tag style={{ marginInlineEnd: 6 }} bordered={false}>
                {t("units.statusMerged")}
              </Tag>
            ) : null}
            <span className={former ? "eiso-former" : undefined}>
              {matches.has(u.id) ? <Highlight text={u.name} query={query} /> : u.name}
            </span>
          </span>
        ),
        children: n.children.map(toData).filter((x): x is DataNode => x !== null),
      };
    };
    return forest.map(toData).filter((x): x is DataNode => x !== null);
  }, [forest, visible, matches, query, t]);

  const selected = selectedId ? byId.get(selectedId) : undefined;
  // The tree is a virtual list: after selecting from elsewhere (a link, a new unit), scroll to the node
  // once it is in the loaded data.
  const treeRef = useRef<ComponentRef<typeof Tree>>(null);
  const pendingScroll = useRef<string | null>(null);
  useEffect(() => {
    const id = pendingScroll.current;
    if (!id || !byId.has(id)) return;
    pendingScroll.current = null;
    requestAnimationFrame(() => treeRef.current?.scrollTo({ key: id, align: "auto" }));
  });

  /** Selects a unit and opens the tree down to it (`alsoOpen`: e.g. the parent of a unit just created). */
  const select = (id: string, alsoOpen: string[] = [], fromTree = false) => {
    if (!fromTree) pendingScroll.current = id;
    const next = new URLSearchParams(params);
    next.set("unit", id);
    setParams(next, { replace: true });
    const path = [...ancestorIds(byId, id), ...alsoOpen];
    if (path.some((a) => !expandedKeys.includes(a))) setExpanded([...new Set([...expandedKeys, ...path])]);
  };
  // Counted from the loaded list, so the figure follows the tree on screen after each change.
  const activeChildren = useMemo(() => {
    const counts = new Map<string, number>();
    for (const u of list)
      if (u.parentId && u.status === "active") counts.set(u.parentId, (counts.get(u.parentId) ?? 0) + 1);
    return counts;
  }, [list]);
  const allParentIds = useMemo(
    () => [...new Set(list.flatMap((u) => (u.parentId ? [u.parentId] : [])))],
    [list],
  );
  const manageSomewhere = session.permissions.includes("org.unit.manage");
  const importDefault =
    selected && canAt("org.unit.manage", selected)
      ? selected.id
      : session.scopeUnits.find((u) => canAt("org.unit.manage", u))?.id;

  if (units.isPending) return <PageSpinner />;
  if (units.error && !units.data)
    return <QueryError error={units.error} onRetry={() => void units.refetch()} />;

  return (
    <>
      <PageHeader
        title={t("units.title")}
        subtitle={t("units.subtitle")}
        extra={
          manageSomewhere ? (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setDialog({ kind: "import" })}>
                {t("units.import")}
              </Button>
              <Button
                icon={<MergeCellsOutlined />}
                onClick={() => setDialog({ kind: "merge", sourceIds: [] })}
                data-testid="merge-units"
              >
                {t("units.merge")}
              </Button>
            </>
          ) : null
        }
      />
      <Row gutter={16} wrap={false}>
        <Col flex="0 0 clamp(340px, 38%, 520px)" style={{ minWidth: 0 }}>
          <Card
            size="small"
            styles={{ body: { padding: 12 } }}
            title={
              <Flex align="center" gap={8}>
                <ApartmentOutlined />
                <Tooltip title={t("units.countHint")}>
                  <span data-testid="unit-count" data-count={activeCount}>
                    {t("units.count", { count: activeCount })}
                  </span>
                </Tooltip>
                {showFormer && formerCount > 0 ? (
                  <Tag bordered={false}>
                    +{formerCount} {t("units.statusMerged").toLowerCase()}
                  </Tag>
                ) : null}
              </Flex>
            }
            extra={
              <Flex gap={4}>
                <Tooltip title={t("units.expandAll")}>
                  <Button
                    size="small"
                    type="text"
                    icon={<PlusSquareOutlined />}
                    aria-label={t("units.expandAll")}
                    data-testid="expand-all"
                    onClick={() => {
                      setQuery("");
                      setExpanded(allParentIds);
                    }}
                  />
                </Tooltip>
                <Tooltip title={t("units.collapseAll")}>
                  <Button
                    size="small"
                    type="text"
                    icon={<MinusSquareOutlined />}
                    aria-label={t("units.collapseAll")}
                    onClick={() => {
                      setQuery("");
                      setExpanded(forest.map((n) => n.unit.id));
                    }}
                  />
                </Tooltip>
              </Flex>
            }
          >
            <Flex vertical gap={8}>
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t("units.searchPlaceholder")}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                data-testid="unit-search"
              />
              <Checkbox
                checked={showFormer}
                onChange={(e) => setShowFormer(e.target.checked)}
                data-testid="show-former"
              >
                {t("units.showFormer")}
              </Checkbox>
              {treeData.length === 0 ? (
                <Empty description={t("units.noMatch")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <Tree
                  ref={treeRef}
                  className="eiso-tree"
                  data-testid="unit-tree"
                  blockNode
                  showLine={{ showLeafIcon: false }}
                  height={treeHeight}
                  treeData={treeData}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => {
                    if (!visible) setExpanded(keys.map(String));
                  }}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keys) => {
                    const id = keys[0];
                    if (id) select(String(id), [], true);
                  }}
                />
              )}
            </Flex>
          </Card>
        </Col>
        <Col flex="1 1 auto" style={{ minWidth: 0 }}>
          {selected ? (
            <UnitDetails
              unit={selected}
              childCount={activeChildren.get(selected.id) ?? 0}
              unitsById={byId}
              onSelect={(id) => select(id)}
              onAddChild={() => setDialog({ kind: "create", parent: selected })}
              onEdit={() => setDialog({ kind: "edit", unit: selected })}
              onMove={() => setDialog({ kind: "move", unit: selected })}
              onMerge={() => setDialog({ kind: "merge", sourceIds: [selected.id] })}
            />
          ) : (
            <Card>
              <Empty
                description={<Typography.Text type="secondary">{t("units.selectHint")}</Typography.Text>}
              />
            </Card>
          )}
        </Col>
      </Row>
      <UnitFormModal
        open={dialog?.kind === "create" || dialog?.kind === "edit"}
        parent={dialog?.kind === "create" ? dialog.parent : null}
        unit={dialog?.kind === "edit" ? dialog.unit : null}
        onClose={() => setDialog(null)}
        onSaved={(u) => select(u.id, u.parentId ? [...ancestorIds(byId, u.parentId), u.parentId] : [])}
      />
      <MoveUnitModal unit={dialog?.kind === "move" ? dialog.unit : null} onClose={() => setDialog(null)} />
      <MergeUnitsModal
        open={dialog?.kind === "merge"}
        initialSourceIds={dialog?.kind === "merge" ? dialog.sourceIds : undefined}
        onClose={() => setDialog(null)}
        onMerged={(u) => select(u.id, u.parentId ? [...ancestorIds(byId, u.parentId), u.parentId] : [])}
      />
      <ImportUnitsModal
        open={dialog?.kind === "import"}
        defaultParentId={importDefault}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
