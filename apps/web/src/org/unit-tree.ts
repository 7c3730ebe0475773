import type { TUnit } from "@eiso/contracts";
import { foldVietnamese } from "../common/fold";

export interface UnitNode {
  unit: TUnit;
  children: UnitNode[];
}

/**
 * Builds the forest of units from the flat scope list: a unit whose parent is not in the list (the
 * top of the user's scope) becomes a root. Children keep the API's order (sort order, then name).
 */
export function buildUnitForest(units: readonly TUnit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const u of units) nodes.set(u.id, { unit: u, children: [] });
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // Former units sink below the active ones of the same parent.
  const order = (a: UnitNode, b: UnitNode) =>
    Number(a.unit.status !== "active") - Number(b.unit.status !== "active");
  const sortDeep = (list: UnitNode[]) => {
    list.sort(order);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** Ids of units on the path from a root down to `id` (excluding `id`), using parent links. */
export function ancestorIds(byId: ReadonlyMap<string, TUnit>, id: string): string[] {
  const out: string[] = [];
  let current = byId.get(id)?.parentId ?? null;
  while (current && byId.has(current)) {
    out.unshift(current);
    current = byId.get(current)!.parentId;
  }
  return out;
}

/** A unit and everything under it, by materialised path. */
export function subtreeIds(units: readonly TUnit[], root: TUnit): Set<string> {
  return new Set(units.filter((u) => u.path.startsWith(root.path)).map((u) => u.id));
}

/** Units whose name, short name or code matches the query (accent-insensitive). */
export function matchUnits(units: readonly TUnit[], query: string): Set<string> {
  const q = foldVietnamese(query);
  if (!q) return new Set();
  return new Set(
    units
      .filter((u) => foldVietnamese(`${u.name} ${u.shortName ?? ""} ${u.code}`).includes(q))
      .map((u) => u.id),
  );
}

/**
 * Keeps matching units and their ancestors, so a search shows where each hit sits in the tree.
 * Returns null when there is no query.
 */
export function visibleForQuery(units: readonly TUnit[], query: string): Set<string> | null {
  if (!foldVietnamese(query)) return null;
  const byId = new Map(units.map((u) => [u.id, u]));
  const keep = new Set<string>();
  for (const id of matchUnits(units, query)) {
    keep.add(id);
    for (const a of ancestorIds(byId, id)) keep.add(a);
  }
  return keep;
}
