import {
  ifAnyPaper,
  onlineLevelLabels,
  procedureLevelLabels,
  procedureMethodLabels,
  procedureStatusLabels,
  type TFee,
  type TProcedure,
  type TProcedureLevel,
  type TProcessingTime,
  type TRequiredDocument,
} from "@eiso/contracts";
import { foldVietnamese } from "../../platform/text";

/**
 * Columns of the procedure spreadsheet, Vietnamese header first (as exported), then accepted
 * aliases. Export writes exactly what import reads, so an exported file re-imports unchanged.
 */
export const procedureColumns = {
  code: ["Mã thủ tục", "code", "Mã TTHC"],
  name: ["Tên thủ tục", "name", "Tên TTHC"],
  field: ["Lĩnh vực", "field"],
  level: ["Cấp thực hiện", "level"],
  implementingAgencies: ["Cơ quan thực hiện", "implementing agencies"],
  methods: ["Cách thức thực hiện", "methods"],
  processingTime: ["Thời hạn giải quyết", "processing time"],
  fees: ["Phí, lệ phí (đồng)", "fees", "Phí, lệ phí"],
  feeNote: ["Ghi chú phí, lệ phí", "fee note"],
  documents: ["Thành phần hồ sơ", "documents"],
  resultDocument: ["Kết quả thực hiện", "result"],
  legalBasis: ["Căn cứ pháp lý", "legal basis"],
  conditions: ["Yêu cầu, điều kiện", "conditions"],
  onlineLevel: ["Dịch vụ công trực tuyến", "online level"],
  status: ["Trạng thái", "status"],
  abolishedOn: ["Ngày bãi bỏ", "abolished on"],
} as const;
export type ProcedureColumn = keyof typeof procedureColumns;

/** Finds a value of an enum by its code or by its Vietnamese/English label, accents ignored. */
export function enumFrom<K extends string>(
  labels: Record<K, { vi: string; en: string }>,
  value: string,
  extra: Record<string, K> = {},
): K | null {
  const folded = foldVietnamese(value);
  if (!folded) return null;
  for (const [k, l] of Object.entries(labels) as [K, { vi: string; en: string }][]) {
    if (folded === k || folded === foldVietnamese(l.vi) || folded === foldVietnamese(l.en)) return k;
  }
  return extra[folded] ?? null;
}

export const levelFrom = (v: string) =>
  enumFrom<TProcedureLevel>(procedureLevelLabels, v, {
    tinh: "province",
    "cap tinh": "province",
    huyen: "district",
    "cap quan/huyen": "district",
    "cap quan": "district",
    xa: "commune",
    "cap phuong/xa": "commune",
    "cap phuong": "commune",
  });
export const onlineLevelFrom = (v: string) =>
  v.trim() === ""
    ? "none"
    : enumFrom<"full" | "partial" | "none">(onlineLevelLabels, v, {
        "toan trinh": "full",
        "mot phan": "partial",
      });
export const statusFrom = (v: string) =>
  v.trim() === ""
    ? "active"
    : enumFrom<"active" | "suspended" | "abolished">(procedureStatusLabels, v, { "con hieu luc": "active" });

/** "Trực tiếp, Trực tuyến; Dịch vụ bưu chính" → ["counter", "online", "post"]; null when a part is unknown. */
export function methodsFrom(v: string): ("counter" | "online" | "post")[] | null {
  const parts = v
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return ["counter"];
  const out = parts.map((p) =>
    enumFrom<"counter" | "online" | "post">(procedureMethodLabels, p, {
      "buu chinh": "post",
      "truc tiep": "counter",
    }),
  );
  return out.every((m) => m !== null) ? [...new Set(out as ("counter" | "online" | "post")[])] : null;
}

/** "5 ngày làm việc", "0,5 ngày", "4 giờ", "3" (days) → processing time; "" → null; undefined when unreadable. */
export function processingTimeFrom(v: string): TProcessingTime | null | undefined {
  const s = foldVietnamese(v);
  if (!s) return null;
  const m = /^(\d+(?:[.,]\d+)?)\s*(ngay lam viec|ngay|gio lam viec|gio|h|days?|hours?)?$/.exec(s);
  if (!m) return undefined;
  const amount = Number(m[1]!.replace(",", "."));
  if (!(amount > 0)) return undefined;
  const unit = m[2] && /^(gio|h|hour)/.test(m[2]) ? "hours" : "days";
  return { amount, unit };
}

export function processingTimeText(t: TProcessingTime | null): string {
  if (!t) return "";
  const n = String(t.amount).replace(".", ",");
  return t.unit === "hours" ? `${n} giờ làm việc` : `${n} ngày làm việc`;
}

/** VND amount: "50.000", "50,000", "50000 đồng" → 50000. */
function vnd(s: string): number | null {
  const m = /^([\d.,\s]+)\s*(d|dong|vnd)?$/i.exec(foldVietnamese(s));
  if (!m) return null;
  const digits = m[1]!.replace(/[.,\s]/g, "");
  return digits ? Number(digits) : null;
}

/**
 * Fees, one per line or separated by ";": "Lệ phí: 8.000", "Phí chứng thực: 2.000 đồng/trang" (text
 * after the amount is kept as a note), or a bare amount (a single "Lệ phí"). "Miễn phí" → none.
 * Returns null when an amount cannot be read.
 */
export function feesFrom(v: string): TFee[] | null {
  // One fee per line; ";" also separates fees, but only before another "Name: amount" (notes may hold ";").
  const parts = v
    .split(/\n|;(?=\s*[^:;\d]+:\s*\d)/)
    .map((p) => p.trim())
    .filter(Boolean);
  const fees: TFee[] = [];
  for (const part of parts) {
    const folded = foldVietnamese(part);
    if (/^(mien phi|khong|khong thu|0)$/.test(folded)) continue;
    const [label, rest] = part.includes(":")
      ? [part.slice(0, part.indexOf(":")), part.slice(part.indexOf(":") + 1)]
      : ["Lệ phí", part];
    const m = /^\s*([\d.,]+)\s*(đồng|đ|VNĐ|VND)?\s*(.*)$/i.exec(rest);
    const amount = m ? vnd(m[1]!) : null;
    if (amount === null || !Number.isSafeInteger(amount)) return null;
    const note = m![3]?.trim();
    fees.push({ name: label.trim() || "Lệ phí", amountVnd: amount, ...(note ? { note } : {}) });
  }
  return fees;
}

export function feesText(fees: TFee[]): string {
  if (!fees.length) return "Miễn phí";
  return fees
    .map((f) => `${f.name}: ${f.amountVnd.toLocaleString("vi-VN")} đồng${f.note ? ` ${f.note}` : ""}`)
    .join("\n");
}

/** The fourth column of a document line: whether the paper is required or handed in "if any". */
const requiredWords = new Map([
  ["bat buoc", true],
  ["co", true],
  ["required", true],
  ["neu co", false],
  ["khong bat buoc", false],
  ["khong", false],
  ["optional", false],
]);

/**
 * Required documents, one per line: "Tờ khai đăng ký khai sinh | 1 | 0" (name | originals | copies),
 * optionally "| nếu có" for a paper handed in only if the applicant has one (also read from a name
 * ending in "(nếu có)"); without counts, one original. Returns null when a column does not parse.
 */
export function documentsFrom(v: string): TRequiredDocument[] | null {
  const docs: TRequiredDocument[] = [];
  for (const line of v
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [name, originals, copies, requiredCell, ...rest] = line.split("|").map((p) => p.trim());
    const o = originals === undefined || originals === "" ? 1 : Number(originals);
    const c = copies === undefined || copies === "" ? 0 : Number(copies);
    if (!name || !Number.isInteger(o) || !Number.isInteger(c) || o < 0 || c < 0 || rest.length) return null;
    const required = requiredCell ? requiredWords.get(foldVietnamese(requiredCell)) : !ifAnyPaper(name);
    if (required === undefined) return null;
    docs.push({ name, originals: o, copies: c, required });
  }
  return docs;
}

/** Document lines as `documentsFrom` reads them; the fourth column only where the name does not say it. */
export function documentsText(docs: TRequiredDocument[]): string {
  const flag = (d: TRequiredDocument) =>
    d.required === !ifAnyPaper(d.name) ? "" : d.required ? " | bắt buộc" : " | nếu có";
  return docs.map((d) => `${d.name} | ${d.originals} | ${d.copies}${flag(d)}`).join("\n");
}

/** One procedure as a spreadsheet row, in `procedureColumns` order. */
export function procedureRow(p: TProcedure): string[] {
  const cells: Record<ProcedureColumn, string> = {
    code: p.code,
    name: p.name,
    field: p.fieldCode,
    level: procedureLevelLabels[p.level].vi,
    implementingAgencies: p.implementingAgencies ?? "",
    methods: p.methods.map((m) => procedureMethodLabels[m].vi).join(", "),
    processingTime: processingTimeText(p.processingTime),
    fees: feesText(p.fees),
    feeNote: p.feeNote ?? "",
    documents: documentsText(p.documents),
    resultDocument: p.resultDocument ?? "",
    legalBasis: p.legalBasis ?? "",
    conditions: p.conditions ?? "",
    onlineLevel: onlineLevelLabels[p.onlineLevel].vi,
    status: procedureStatusLabels[p.status].vi,
    abolishedOn: p.abolishedOn ?? "",
  };
  return (Object.keys(procedureColumns) as ProcedureColumn[]).map((k) => cells[k]);
}

export const procedureHeaders = (Object.keys(procedureColumns) as ProcedureColumn[]).map(
  (k) => procedureColumns[k][0],
);
