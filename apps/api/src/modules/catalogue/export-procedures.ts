import type { TProcedureListQuery } from "@eiso/contracts";
import type { Actor } from "../../platform/actor";
import type { Queryable } from "../../platform/db/client";
import { writeSpreadsheet } from "../../platform/files/spreadsheet";
import { procedureHeaders, procedureRow } from "./procedure-columns";
import { allProcedures } from "./procedures";

/** The procedures matching a filter as an XLSX file in the import layout (export → edit → re-import). */
export async function exportProcedures(
  db: Queryable,
  actor: Actor,
  query: Omit<TProcedureListQuery, "page" | "pageSize">,
): Promise<Buffer> {
  const list = await allProcedures(db, actor, query);
  return writeSpreadsheet("Thủ tục hành chính", procedureHeaders, list.map(procedureRow));
}
