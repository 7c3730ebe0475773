import type { TUnit } from "@eiso/contracts";
import { TreeSelect } from "antd";
import { useMemo } from "react";
import { foldedIncludes } from "../common/fold";
import { useUnits } from "./queries";
import { buildUnitForest, type UnitNode } from "./unit-tree";

interface SelectNode {
  value: string;
  title: string;
  search: string;
  disabled?: boolean;
  children: SelectNode[];
}

interface Props {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  /** Units that may not be picked (e.g. a unit and its subtree when moving it). */
  disabledIds?: ReadonlySet<string>;
  /** Only units passing this test are selectable (e.g. ones the user may manage). */
  selectable?: (unit: TUnit) => boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  "data-testid"?: string;
}

/** Picks units of the user's scope from a searchable tree (accent-insensitive, by name or code). */
export function UnitSelect({
  value,
  onChange,
  multiple,
  placeholder,
  disabledIds,
  selectable,
  allowClear,
  style,
  id,
  ...rest
}: Props) {
  const { data: units = [], isLoading } = useUnits(false);
  const { treeData, rootKeys } = useMemo(() => {
    const toNode = (n: UnitNode): SelectNode => ({
      value: n.unit.id,
      title: n.unit.name,
      search: `${n.unit.name} ${n.unit.shortName ?? ""} ${n.unit.code}`,
      disabled: !!disabledIds?.has(n.unit.id) || (selectable ? !selectable(n.unit) : false),
      children: n.children.map(toNode),
    });
    const forest = buildUnitForest(units);
    return { treeData: forest.map(toNode), rootKeys: forest.map((n) => n.unit.id) };
  }, [units, disabledIds, selectable]);
  return (
    <TreeSelect<string | string[]>
      id={id}
      data-testid={rest["data-testid"]}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      multiple={multiple}
      loading={isLoading}
      placeholder={placeholder}
      allowClear={allowClear}
      treeData={treeData}
      treeDefaultExpandedKeys={rootKeys}
      showSearch
      filterTreeNode={(input, node) => foldedIncludes((node as unknown as SelectNode).search, input)}
      treeNodeLabelProp="title"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 560 } } }}
      style={{ width: "100%", ...style }}
      maxTagCount="responsive"
    />
  );
}
