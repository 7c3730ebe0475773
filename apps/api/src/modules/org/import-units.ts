import {
  type TUnitImportPreview,
  type TUnitKind,
  UnitKind,
  unitKindLabels,
  ZCreateUnitSchema,
} from "@eiso/contracts";
import { and, eq, like } from "drizzle-orm";
import type { Actor } from "../../platform/actor";
import type { Tx } from "../../platform/db/client";
import { AppError, vietnameseZodMessages } from "../../platform/errors";
import { readSpreadsheet } from "../../platform/files/spreadsheet";
import { escapeLike, foldVietnamese } from "../../platform/text";
import { requireAccess } from "./access";
import { units } from "./tables";
import { insertUnit, updateUnit } from "./units";

/** Accepted column headers (Vietnamese as in the template, or English). */
export const unitImportColumns = {
  code: ["Mã định danh", "code"],
  name: ["Tên đơn vị", "name"],
  shortName: ["Tên viết tắt", "short name"],
  kind: ["Loại đơn vị", "kind"],
  parentCode: ["Mã đơn vị cấp trên", "parent code"],
  address: ["Địa chỉ", "address"],
  phone: ["Điện thoại", "phone"],
  email: ["Thư điện tử", "email"],
  effectiveFrom: ["Ngày hiệu lực", "effective from"],
} as const;

type Field = keyof typeof unitImportColumns;

function kindFrom(value: string): string | null {
  if (UnitKind.safeParse(value).success) return value;
  const folded = foldVietnamese(value);
  for (const [k, label] of Object.entries(unitKindLabels)) {
    if (foldVietnamese(label.vi) === folded || foldVietnamese(label.en) === folded) return k;
  }
  return null;
}

/**
 * Imports units under `parentId` from XLSX/CSV. Each row names its parent by code (a unit already in
 * the tree, or an earlier row); without one it goes under `parentId`. Existing codes are updated.
 * Preview reports what would happen; apply writes the good rows and reports the bad ones by row and column.
 */
export async function importUnits(
  tx: Tx,
  actor: Actor,
  input: { buffer: Buffer; filename: string; parentId: string; apply: boolean },
): Promise<TUnitImportPreview> {
  const rootPath = (await requireAccess(tx, actor, "org.unit.manage", [input.parentId])).get(input.parentId)!;
  const { headers, rows } = await readSpreadsheet(input.buffer);
  const columnOf = {} as Record<Field, string | undefined>;
  for (const [field, names] of Object.entries(unitImportColumns) as [Field, readonly string[]][]) {
    columnOf[field] = headers.find((h) => names.some((n) => foldVietnamese(n) === foldVietnamese(h)));
  }
  const missing = (["code", "name", "kind"] as Field[]).filter((f) => !columnOf[f]);
  if (missing.length) {
    throw new AppError(
      "import_failed",
      {
        vi: `Thiếu cột: ${missing.map((f) => unitImportColumns[f][0]).join(", ")}`,
        en: `Missing columns: ${missing.map((f) => unitImportColumns[f][1]).join(", ")}`,
      },
      { headers },
    );
  }
  if (rows.length > 5000) throw new AppError("import_failed", "Tối đa 5.000 dòng mỗi lần nhập");

  const existing = await tx
    .select()
    .from(units)
    .where(and(eq(units.tenantId, actor.tenantId), like(units.path, `${escapeLike(rootPath)}%`)));
  const byCode = new Map(existing.map((u) => [u.code, u]));
  const [root] = existing.filter((u) => u.id === input.parentId);

  const errors: TUnitImportPreview["errors"] = [];
  const plan: TUnitImportPreview["rows"] = [];
  const fileCodes = new Set<string>();
  const goodCodes = new Set<string>();
  const cell = (r: { cells: Record<string, string> }, f: Field) =>
    columnOf[f] ? (r.cells[columnOf[f]] ?? "") : "";

  for (const r of rows) {
    const rowErrors: { column: string | null; message: string }[] = [];
    const code = cell(r, "code");
    const kindRaw = cell(r, "kind");
    const kind = kindFrom(kindRaw);
    if (!kind) rowErrors.push({ column: columnOf.kind!, message: `Loại đơn vị không hợp lệ: "${kindRaw}"` });
    const parentCode = cell(r, "parentCode");
    if (fileCodes.has(code))
      rowErrors.push({ column: columnOf.code!, message: `Mã ${code} bị lặp trong tệp` });
    const effective = cell(r, "effectiveFrom");
    const candidate = {
      parentId: input.parentId,
      code,
      name: cell(r, "name"),
      shortName: cell(r, "shortName") || null,
      kind: kind ?? "agency",
      address: cell(r, "address") || null,
      phone: cell(r, "phone") || null,
      email: cell(r, "email") || null,
      effectiveFrom: effective || null,
    };
    const parsed = ZCreateUnitSchema.safeParse(candidate, { error: vietnameseZodMessages });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as Field;
        rowErrors.push({ column: columnOf[field] ?? field, message: issue.message });
      }
    }
    if (parentCode && parentCode !== root?.code && !byCode.has(parentCode) && !goodCodes.has(parentCode)) {
      rowErrors.push({
        column: columnOf.parentCode ?? null,
        message: `Không tìm thấy đơn vị cấp trên mã ${parentCode} (phải có sẵn hoặc ở dòng phía trên)`,
      });
    }
    const existingUnit = byCode.get(code);
    if (existingUnit && !existingUnit.path.startsWith(rootPath)) {
      rowErrors.push({ column: columnOf.code!, message: `Mã ${code} thuộc đơn vị ngoài phạm vi nhập` });
    }
    if (code) fileCodes.add(code);
    if (rowErrors.length) {
      for (const e of rowErrors) errors.push({ row: r.row, ...e });
      continue;
    }
    goodCodes.add(code);
    plan.push({
      row: r.row,
      code,
      name: candidate.name,
      kind: candidate.kind,
      parentCode: parentCode || root?.code || "",
      action: existingUnit ? "update" : "create",
    });
  }

  if (input.apply) {
    const created = new Map<string, Awaited<ReturnType<typeof insertUnit>>>();
    for (const p of plan) {
      const src = rows.find((r) => r.row === p.row)!;
      const values = {
        code: p.code,
        name: p.name,
        shortName: cell(src, "shortName") || null,
        kind: p.kind as TUnitKind,
        address: cell(src, "address") || null,
        phone: cell(src, "phone") || null,
        email: cell(src, "email") || null,
        effectiveFrom: cell(src, "effectiveFrom") || null,
      };
      const existingUnit = byCode.get(p.code);
      if (existingUnit) {
        await updateUnit(tx, actor, existingUnit.id, values);
      } else {
        const parent = created.get(p.parentCode) ?? byCode.get(p.parentCode) ?? root!;
        const row = await insertUnit(tx, actor, parent, values);
        created.set(p.code, row);
      }
    }
  }
  return { rows: plan, errors, applied: input.apply };
}
