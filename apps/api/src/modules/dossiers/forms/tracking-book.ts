// Form 07 — Sổ theo dõi hồ sơ (dossier tracking book), one XLSX per reception desk and period, one row
// per dossier. Circular 03/2025/TT-VPCP, Annex I, Mẫu số 07 (Mẫu số 06 of Circular 01/2018/TT-VPCP,
// whose columns it keeps). Sources and what is verified: FORMS.md.
//
// exceljs is used directly rather than platform/files/spreadsheet.ts: the book needs the national
// motto, a two-level header with merged cells and date cells, which the generic helper does not do.

import ExcelJS from "exceljs";
import { capitalize } from "./sections";
import type { TrackingBookInput, TrackingBookRow, TrackingStatus } from "./types";
import { vietnameseDate, vietnamWallClock } from "./vietnamese-dates";

export const TRACKING_BOOK_TITLE = "Sổ theo dõi hồ sơ";
export const TRACKING_BOOK_SHEET = "Sổ theo dõi hồ sơ";

/** How each status reads in the book's note column. */
export const TRACKING_STATUS_LABEL: Record<TrackingStatus, string> = {
  in_progress: "Đang giải quyết",
  overdue: "Đang giải quyết, quá hạn",
  supplement_requested: "Yêu cầu bổ sung, hoàn thiện hồ sơ",
  refused: "Từ chối tiếp nhận giải quyết",
  stopped: "Dừng giải quyết",
  withdrawn: "Rút hồ sơ theo đề nghị",
  returned_early: "Đã trả kết quả trước hạn",
  returned_on_time: "Đã trả kết quả đúng hạn",
  returned_late: "Đã trả kết quả quá hạn",
};

type CellValue = string | number | Date | null;

interface Column {
  header: string;
  /** Heading of the merged group above, for the date columns. */
  group?: string;
  width: number;
  value: (row: TrackingBookRow, index: number) => CellValue;
  date?: boolean;
}

const at = (d: Date | null | undefined) => (d ? vietnamWallClock(d) : null);
const DATE_GROUP = "Ngày, tháng, năm";

/** The book's columns, in the order of the form. */
export const TRACKING_BOOK_COLUMNS: readonly Column[] = [
  { header: "STT", width: 5, value: (_, i) => i + 1 },
  { header: "Mã hồ sơ", width: 26, value: (r) => r.code },
  { header: "Tên thủ tục hành chính", width: 30, value: (r) => r.procedureName },
  { header: "Số lượng hồ sơ (bộ)", width: 9, value: (r) => r.sets ?? 1 },
  { header: "Tên cá nhân, tổ chức", width: 22, value: (r) => r.applicantName },
  {
    header: "Địa chỉ, số điện thoại",
    width: 28,
    value: (r) =>
      [r.applicantAddress, r.applicantPhone]
        .map((s) => s?.trim())
        .filter(Boolean)
        .join("; ") || null,
  },
  { header: "Cơ quan chủ trì giải quyết", width: 24, value: (r) => r.handlingAgency?.trim() || null },
  { header: "Nhận hồ sơ", group: DATE_GROUP, width: 15, date: true, value: (r) => at(r.receivedAt) },
  { header: "Hẹn trả kết quả", group: DATE_GROUP, width: 15, date: true, value: (r) => at(r.dueAt) },
  {
    header: "Chuyển hồ sơ đến cơ quan giải quyết",
    group: DATE_GROUP,
    width: 15,
    date: true,
    value: (r) => at(r.handedToAgencyAt),
  },
  {
    header: "Nhận kết quả từ cơ quan giải quyết",
    group: DATE_GROUP,
    width: 15,
    date: true,
    value: (r) => at(r.resultReceivedAt),
  },
  {
    header: "Trả kết quả cho cá nhân, tổ chức",
    group: DATE_GROUP,
    width: 15,
    date: true,
    value: (r) => at(r.returnedAt),
  },
  { header: "Ký nhận", width: 12, value: () => null },
  {
    header: "Ghi chú",
    width: 26,
    value: (r) => [TRACKING_STATUS_LABEL[r.status], r.note?.trim()].filter(Boolean).join("; "),
  },
];

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  bottom: { style: "thin" },
  left: { style: "thin" },
  right: { style: "thin" },
};
const FONT = "Times New Roman";

/** Row (1-based) of the two-level header; data starts three rows below (after the column numbers). */
export const TRACKING_BOOK_HEADER_ROW = 8;

/**
 * Form 07: the tracking book of a reception desk for a period, as XLSX. Rows are ordered by reception
 * time (then code), which is the order dossiers are entered in the book. Date cells hold Vietnam's wall
 * clock time (spreadsheets have no time zones).
 */
export async function trackingBook(input: TrackingBookInput): Promise<Buffer> {
  if (input.to.getTime() < input.from.getTime()) throw new RangeError("The period ends before it starts");
  const rows = [...input.rows].sort(
    (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.code.localeCompare(b.code),
  );
  const cols = TRACKING_BOOK_COLUMNS;
  const last = cols.length;
  const wb = new ExcelJS.Workbook();
  wb.creator = input.agency.name;
  wb.title = `${TRACKING_BOOK_TITLE} – ${input.desk}`;
  const issued = input.issuedAt ?? input.to;
  wb.created = vietnamWallClock(issued);
  const ws = wb.addWorksheet(TRACKING_BOOK_SHEET, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${TRACKING_BOOK_HEADER_ROW}:${TRACKING_BOOK_HEADER_ROW + 2}`,
    },
    views: [{ state: "frozen", ySplit: TRACKING_BOOK_HEADER_ROW + 2 }],
  });
  ws.columns = cols.map((c) => ({ width: c.width }));

  const put = (
    row: number,
    from: number,
    to: number,
    value: string,
    font: Partial<ExcelJS.Font> = {},
    align: ExcelJS.Alignment["horizontal"] = "center",
  ) => {
    if (to > from) ws.mergeCells(row, from, row, to);
    const c = ws.getCell(row, from);
    c.value = value;
    c.font = { name: FONT, size: 12, ...font };
    c.alignment = { horizontal: align, vertical: "middle", wrapText: true };
  };
  const split = 6; // issuer on the left columns, national motto on the right
  put(1, last - 1, last, "Mẫu số 07", { bold: true }, "right");
  put(2, 1, split, (input.agency.parentName ?? input.agency.name).toUpperCase());
  put(2, split + 1, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true });
  put(3, 1, split, (input.agency.parentName ? input.agency.name : input.desk).toUpperCase(), { bold: true });
  put(3, split + 1, last, "Độc lập - Tự do - Hạnh phúc", { bold: true, underline: true, size: 13 });
  put(5, 1, last, TRACKING_BOOK_TITLE.toUpperCase(), { bold: true, size: 14 });
  put(6, 1, last, input.desk, { bold: true, size: 13 });
  const sameDay = vietnameseDate(input.from) === vietnameseDate(input.to);
  put(
    7,
    1,
    last,
    sameDay
      ? capitalize(vietnameseDate(input.from))
      : `Từ ${vietnameseDate(input.from)} đến ${vietnameseDate(input.to)}`,
    { italic: true, size: 13 },
  );

  // Two-level header: the date columns sit under one merged "Ngày, tháng, năm"; the others span both rows.
  const h = TRACKING_BOOK_HEADER_ROW;
  cols.forEach((c, i) => {
    const col = i + 1;
    if (c.group) {
      if (cols[i - 1]?.group !== c.group) {
        const span = cols.slice(i).findIndex((x) => x.group !== c.group);
        put(h, col, span === -1 ? last : col + span - 1, c.group, { bold: true, size: 11 });
      }
      put(h + 1, col, col, c.header, { bold: true, size: 11 });
    } else {
      ws.mergeCells(h, col, h + 1, col);
      put(h, col, col, c.header, { bold: true, size: 11 });
    }
    put(h + 2, col, col, `(${col})`, { italic: true, size: 10 });
  });

  rows.forEach((r, i) => {
    const row = ws.getRow(h + 3 + i);
    cols.forEach((c, j) => {
      const cellRef = row.getCell(j + 1);
      cellRef.value = c.value(r, i);
      cellRef.font = { name: FONT, size: 11 };
      cellRef.alignment = {
        vertical: "top",
        wrapText: true,
        horizontal: c.date || j === 0 || j === 3 ? "center" : "left",
      };
      if (c.date) cellRef.numFmt = "dd/mm/yyyy hh:mm";
    });
  });

  const lastRow = h + 2 + rows.length;
  for (let r = h; r <= lastRow; r++) for (let c = 1; c <= last; c++) ws.getCell(r, c).border = THIN;
  ws.getRow(h).height = 20;
  ws.getRow(h + 1).height = 48;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
