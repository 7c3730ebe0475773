import { type TProcedureImportPreview, type TProcedureInput, ZProcedureInputSchema } from "@eiso/contracts";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../../platform/actor";
import { coversPath } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import type { Tx } from "../../platform/db/client";
import { AppError, vietnameseZodMessages } from "../../platform/errors";
import { readSpreadsheet } from "../../platform/files/spreadsheet";
import { newId } from "../../platform/ids";
import { foldVietnamese } from "../../platform/text";
import { requireAccess } from "../org/access";
import { tenantRootUnitId, unitInfos } from "./org-lookup";
import {
  documentsFrom,
  feesFrom,
  levelFrom,
  methodsFrom,
  onlineLevelFrom,
  type ProcedureColumn,
  procedureColumns,
  processingTimeFrom,
  statusFrom,
} from "./procedure-columns";
import { canonical, columnsOf, proceduresByCode } from "./procedures";
import { catalogueFields, procedures } from "./tables";

const MAX_ROWS = 5000;

/**
 * Imports procedures from XLSX/CSV into the catalogue of `ownerUnitId` (the tenant's root when
 * absent). Rows are matched by procedure code: a known code updates that procedure, so importing
 * the same file twice creates nothing new. Preview reports what would happen; apply writes the good
 * rows and reports the bad ones by row and column, in one transaction.
 */
export async function importProcedures(
  tx: Tx,
  actor: Actor,
  input: { buffer: Buffer; ownerUnitId?: string | undefined; apply: boolean },
): Promise<TProcedureImportPreview> {
  const ownerUnitId = input.ownerUnitId ?? (await tenantRootUnitId(tx, actor.tenantId));
  await requireAccess(tx, actor, "catalogue.manage", [ownerUnitId]);
  const { headers, rows } = await readSpreadsheet(input.buffer);
  const columnOf = {} as Record<ProcedureColumn, string | undefined>;
  for (const [col, names] of Object.entries(procedureColumns) as [ProcedureColumn, readonly string[]][]) {
    columnOf[col] = headers.find((h) => names.some((n) => foldVietnamese(n) === foldVietnamese(h)));
  }
  const missing = (["code", "name", "field", "level"] as ProcedureColumn[]).filter((c) => !columnOf[c]);
  if (missing.length) {
    throw new AppError(
      "import_failed",
      {
        vi: `Thiếu cột: ${missing.map((c) => procedureColumns[c][0]).join(", ")}`,
        en: `Missing columns: ${missing.map((c) => procedureColumns[c][1]).join(", ")}`,
      },
      { headers },
    );
  }
  if (rows.length > MAX_ROWS) {
    throw new AppError("import_failed", {
      vi: `Tối đa ${MAX_ROWS.toLocaleString("vi-VN")} dòng mỗi lần nhập`,
      en: `At most ${MAX_ROWS} rows per import`,
    });
  }

  const fields = await tx.select().from(catalogueFields).where(eq(catalogueFields.tenantId, actor.tenantId));
  const fieldByKey = new Map<string, string>();
  for (const f of fields) {
    fieldByKey.set(foldVietnamese(f.code), f.id);
    fieldByKey.set(foldVietnamese(f.name), f.id);
  }
  const existing = await proceduresByCode(tx, actor.tenantId);
  const owners = await unitInfos(
    tx,
    actor.tenantId,
    [...existing.values()].map((p) => p.ownerUnitId),
  );

  const result: TProcedureImportPreview = {
    rows: [],
    errors: [],
    applied: input.apply,
    created: 0,
    updated: 0,
  };
  const seen = new Set<string>();
  const creates: Omit<TProcedureInput, "ownerUnitId">[] = [];
  const updates: { before: typeof procedures.$inferSelect; values: Omit<TProcedureInput, "ownerUnitId"> }[] =
    [];
  const cell = (r: { cells: Record<string, string> }, c: ProcedureColumn) =>
    columnOf[c] ? (r.cells[columnOf[c]] ?? "").trim() : "";

  for (const r of rows) {
    const errors: { column: string | null; message: string }[] = [];
    const bad = (c: ProcedureColumn, message: string) =>
      errors.push({ column: columnOf[c] ?? procedureColumns[c][0], message });
    const code = cell(r, "code");
    if (code && seen.has(code)) bad("code", `Mã ${code} bị lặp trong tệp`);
    const fieldRaw = cell(r, "field");
    const fieldId = fieldByKey.get(foldVietnamese(fieldRaw));
    if (!fieldRaw) bad("field", "Chưa có lĩnh vực");
    else if (!fieldId) bad("field", `Không có lĩnh vực "${fieldRaw}" (nhập mã hoặc tên lĩnh vực đã có)`);
    const level = levelFrom(cell(r, "level"));
    if (!level)
      bad("level", `Cấp thực hiện không hợp lệ: "${cell(r, "level")}" (Cấp tỉnh, Cấp huyện, Cấp xã)`);
    const methods = methodsFrom(cell(r, "methods"));
    if (!methods) bad("methods", `Cách thức thực hiện không hợp lệ: "${cell(r, "methods")}"`);
    const processingTime = processingTimeFrom(cell(r, "processingTime"));
    if (processingTime === undefined) {
      bad(
        "processingTime",
        `Thời hạn không đọc được: "${cell(r, "processingTime")}" (ví dụ "5 ngày làm việc", "4 giờ")`,
      );
    }
    const fees = feesFrom(cell(r, "fees"));
    if (!fees) bad("fees", `Phí, lệ phí không đọc được: "${cell(r, "fees")}" (ví dụ "Lệ phí: 8.000")`);
    const documents = documentsFrom(cell(r, "documents"));
    if (!documents)
      bad(
        "documents",
        'Thành phần hồ sơ: mỗi dòng dạng "Tên giấy tờ | số bản chính | số bản sao", thêm "| nếu có" cho giấy tờ không bắt buộc',
      );
    const onlineLevel = onlineLevelFrom(cell(r, "onlineLevel"));
    if (!onlineLevel)
      bad("onlineLevel", `Mức dịch vụ công trực tuyến không hợp lệ: "${cell(r, "onlineLevel")}"`);
    const status = statusFrom(cell(r, "status"));
    if (!status) bad("status", `Trạng thái không hợp lệ: "${cell(r, "status")}"`);

    const current = code ? existing.get(code) : undefined;
    const candidate = {
      code,
      name: cell(r, "name"),
      fieldId: fieldId ?? "00000000-0000-7000-8000-000000000000",
      level: level ?? "commune",
      implementingAgencies: cell(r, "implementingAgencies") || null,
      methods: methods ?? ["counter"],
      documents: documents ?? [],
      processingTime: processingTime ?? null,
      fees: fees ?? [],
      feeNote: cell(r, "feeNote") || null,
      resultDocument: cell(r, "resultDocument") || null,
      legalBasis: cell(r, "legalBasis") || null,
      conditions: cell(r, "conditions") || null,
      onlineLevel: onlineLevel ?? "none",
      status: status ?? "active",
      abolishedOn: cell(r, "abolishedOn") || null,
      // Dossier fields and descriptions are edited in the app; a re-import keeps them.
      dossierFields: current?.dossierFields ?? [],
      description: current?.description ?? null,
    };
    const parsed = ZProcedureInputSchema.safeParse(candidate, { error: vietnameseZodMessages });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]) as ProcedureColumn;
        bad(key in procedureColumns ? key : "code", issue.message);
      }
    }
    if (status === "abolished" && !candidate.abolishedOn)
      bad("abolishedOn", "Thủ tục đã bãi bỏ cần có ngày bãi bỏ");
    if (current) {
      const owner = owners.get(current.ownerUnitId);
      if (!owner || !coversPath(actor, "catalogue.manage", owner.path)) {
        bad("code", `Thủ tục ${code} do đơn vị khác quản lý, không được cập nhật`);
      }
    }
    if (code) seen.add(code);
    if (errors.length || !parsed.success) {
      for (const e of errors) result.errors.push({ row: r.row, ...e });
      continue;
    }
    result.rows.push({ row: r.row, code, name: candidate.name, action: current ? "update" : "create" });
    if (current) updates.push({ before: current, values: parsed.data });
    else creates.push(parsed.data);
  }
  if (!input.apply) return result;

  // Written in bulk, with one audit entry for the import that lists what it created and changed:
  // a file of thousands of rows stays one quick transaction.
  const now = new Date();
  for (let i = 0; i < creates.length; i += 500) {
    await tx.insert(procedures).values(
      creates.slice(i, i + 500).map((values) => ({
        tenantId: actor.tenantId,
        id: newId(),
        ownerUnitId,
        ...columnsOf(values),
      })),
    );
  }
  const changed: { code: string; fields: string[] }[] = [];
  for (const { before, values } of updates) {
    const next = columnsOf(values);
    const fields = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => k !== "nameSearch" && canonical(before[k]) !== canonical(next[k]),
    );
    if (!fields.length) continue;
    await tx
      .update(procedures)
      .set({ ...next, updatedAt: now })
      .where(and(eq(procedures.tenantId, actor.tenantId), eq(procedures.id, before.id)));
    changed.push({ code: before.code, fields });
  }
  result.created = creates.length;
  result.updated = updates.length;
  await recordAudit(tx, actor, {
    action: "catalogue.procedure.import",
    entityType: "procedure_import",
    entityId: newId(),
    unitId: ownerUnitId,
    after: {
      created: creates.map((c) => c.code),
      changed,
      unchanged: updates.length - changed.length,
      errors: result.errors.length,
    },
  });
  return result;
}
