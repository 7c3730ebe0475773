import { diffGraphs, type TVersionDiff } from "@eiso/contracts";
import type { Actor } from "../../platform/actor";
import type { Queryable } from "../../platform/db/client";
import { invalidOperation } from "../../platform/errors";
import { readProcessXml } from "./process-xml";
import { loadDefinition, loadVersion, requireRead } from "./processes";

/** Steps added, removed and changed between two versions of one process, with the time changes. */
export async function diffVersions(
  db: Queryable,
  actor: Actor,
  fromId: string,
  toId: string,
): Promise<TVersionDiff> {
  const from = await loadVersion(db, actor.tenantId, fromId);
  const to = await loadVersion(db, actor.tenantId, toId);
  if (from.definitionId !== to.definitionId) {
    throw invalidOperation({
      vi: "Chỉ so sánh được hai phiên bản của cùng một quy trình",
      en: "Only versions of the same process can be compared",
    });
  }
  await requireRead(db, actor, await loadDefinition(db, actor.tenantId, from.definitionId));
  // Drafts may not compile, so the diff reads the XML of both sides the same lenient way.
  const [a, b] = await Promise.all([readProcessXml(from.xml), readProcessXml(to.xml)]);
  return {
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    ...diffGraphs(a, b),
  };
}
