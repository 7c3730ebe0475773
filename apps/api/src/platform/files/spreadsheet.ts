import ExcelJS from "exceljs";
import Papa from "papaparse";
import { AppError } from "../errors";

export interface SheetRow {
  /** 1-based row number as the user sees it in the file (header is row 1). */
  row: number;
  cells: Record<string, string>;
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    return "";
  }
  return String(v);
}

/**
 * Reads the first sheet of an XLSX file, or a CSV file (UTF-8, comma or semicolon), into rows keyed
 * by header text. The format is recognised by content (zip magic bytes), not by file name.
 */
export async function readSpreadsheet(buffer: Buffer): Promise<{ headers: string[]; rows: SheetRow[] }> {
  if (isZip(buffer)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch {
      throw new AppError("import_failed", {
        vi: "Tệp XLSX bị hỏng hoặc không đọc được",
        en: "Unreadable XLSX file",
      });
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new AppError("import_failed", { vi: "Tệp không có trang tính", en: "No worksheet" });
    const headers: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
      headers[col - 1] = cellText(cell.value).trim();
    });
    const rows: SheetRow[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: Record<string, string> = {};
      let any = false;
      headers.forEach((h, i) => {
        const t = cellText(row.getCell(i + 1).value).trim();
        if (t) any = true;
        cells[h] = t;
      });
      if (any) rows.push({ row: r, cells });
    }
    return { headers, rows };
  }
  if (buffer.includes(0)) {
    throw new AppError("import_failed", {
      vi: "Chỉ nhận tệp XLSX hoặc CSV",
      en: "Only XLSX or CSV files are accepted",
    });
  }
  const text = buffer.toString("utf8").replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, {
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t"],
  });
  const [head, ...body] = parsed.data;
  if (!head) throw new AppError("import_failed", { vi: "Tệp rỗng", en: "Empty file" });
  const headers = head.map((h) => h.trim());
  return {
    headers,
    rows: body.map((cells, i) => ({
      row: i + 2,
      cells: Object.fromEntries(headers.map((h, j) => [h, (cells[j] ?? "").trim()])),
    })),
  };
}

/** Builds an XLSX workbook with one sheet from a header row and data rows. */
export async function writeSpreadsheet(
  sheetName: string,
  headers: string[],
  rows: (string | number | null)[][],
) {
  return writeWorkbook([{ name: sheetName, headers, rows }]);
}

/** Builds an XLSX workbook with one sheet per entry, each a header row and data rows. */
export async function writeWorkbook(
  sheets: { name: string; headers: string[]; rows: (string | number | null)[][] }[],
) {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow(sheet.headers).font = { bold: true };
    for (const r of sheet.rows) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 24;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
