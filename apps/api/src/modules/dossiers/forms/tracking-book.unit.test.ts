import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sampleFormContext } from "./sample-dossier";
import {
  TRACKING_BOOK_COLUMNS,
  TRACKING_BOOK_HEADER_ROW,
  TRACKING_BOOK_SHEET,
  trackingBook,
} from "./tracking-book";
import type { TrackingBookInput, TrackingBookRow } from "./types";

const at = (iso: string) => new Date(iso);
/** What a date cell holds: Vietnam's wall clock written as if it were UTC. */
const wall = (y: number, mo: number, d: number, h: number, mi: number) =>
  new Date(Date.UTC(y, mo - 1, d, h, mi));

const birth: TrackingBookRow = {
  code: "000.10.50.H29-261125-0001",
  procedureName: "Đăng ký khai sinh",
  applicantName: "Nguyễn Văn An",
  applicantAddress: "12 Lê Lợi, phường Sài Gòn",
  applicantPhone: "0903 123 456",
  handlingAgency: "Ủy ban nhân dân phường Sài Gòn",
  receivedAt: at("2026-11-25T09:15:00+07:00"),
  dueAt: at("2026-11-27T09:15:00+07:00"),
  handedToAgencyAt: at("2026-11-25T09:30:00+07:00"),
  resultReceivedAt: at("2026-11-27T08:40:00+07:00"),
  returnedAt: at("2026-11-27T09:05:00+07:00"),
  status: "returned_on_time",
};
const copy: TrackingBookRow = {
  code: "000.10.50.H29-261124-0007",
  procedureName: "Cấp bản sao trích lục hộ tịch",
  sets: 2,
  applicantName: "Công ty TNHH Bến Nghé",
  receivedAt: at("2026-11-24T16:50:00+07:00"),
  dueAt: at("2026-11-25T16:50:00+07:00"),
  status: "overdue",
  note: "Đã gửi văn bản xin lỗi",
};
const input: TrackingBookInput = {
  agency: sampleFormContext().agency,
  desk: "Bộ phận Một cửa phường Sài Gòn",
  from: at("2026-11-01T00:00:00+07:00"),
  to: at("2026-11-30T23:59:59+07:00"),
  // Given newest first: the book lists them in the order they were received.
  rows: [birth, copy],
};

async function open(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(TRACKING_BOOK_SHEET);
  if (!ws) throw new Error("tracking book sheet missing");
  const text = (r: number, c: number) => {
    const v = ws.getCell(r, c).value;
    return v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  };
  return { wb, ws, text };
}

describe("form 07 — tracking book", () => {
  it("has the national motto, the title, the desk and the period in Vietnamese", async () => {
    const { ws, text } = await open(await trackingBook(input));
    const all: string[] = [];
    for (let r = 1; r < TRACKING_BOOK_HEADER_ROW; r++) for (let c = 1; c <= 14; c++) all.push(text(r, c));
    expect(all).toEqual(
      expect.arrayContaining([
        "Mẫu số 07",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
        "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN",
        "SỔ THEO DÕI HỒ SƠ",
        "Bộ phận Một cửa phường Sài Gòn",
        "Từ ngày 01 tháng 11 năm 2026 đến ngày 30 tháng 11 năm 2026",
      ]),
    );
    expect(ws.pageSetup.orientation).toBe("landscape");
  });

  it("has the columns of the form, the dates grouped under one heading, and numbered", async () => {
    const { text } = await open(await trackingBook(input));
    const h = TRACKING_BOOK_HEADER_ROW;
    const headers = TRACKING_BOOK_COLUMNS.map((_, i) =>
      text(h, i + 1) === "Ngày, tháng, năm" ? text(h + 1, i + 1) : text(h, i + 1),
    );
    expect(headers).toEqual([
      "STT",
      "Mã hồ sơ",
      "Tên thủ tục hành chính",
      "Số lượng hồ sơ (bộ)",
      "Tên cá nhân, tổ chức",
      "Địa chỉ, số điện thoại",
      "Cơ quan chủ trì giải quyết",
      "Nhận hồ sơ",
      "Hẹn trả kết quả",
      "Chuyển hồ sơ đến cơ quan giải quyết",
      "Nhận kết quả từ cơ quan giải quyết",
      "Trả kết quả cho cá nhân, tổ chức",
      "Ký nhận",
      "Ghi chú",
    ]);
    expect([8, 9, 10, 11, 12].map((c) => text(h, c))).toEqual(Array(5).fill("Ngày, tháng, năm"));
    expect(text(h + 2, 1)).toBe("(1)");
    expect(text(h + 2, 14)).toBe("(14)");
  });

  it("writes one row per dossier in the order received, with Vietnam-time dates and the status", async () => {
    const { ws, text } = await open(await trackingBook(input));
    const first = TRACKING_BOOK_HEADER_ROW + 3;
    const row = (r: number) => TRACKING_BOOK_COLUMNS.map((_, c) => ws.getCell(r, c + 1).value ?? null);
    expect(row(first)).toEqual([
      1,
      "000.10.50.H29-261124-0007",
      "Cấp bản sao trích lục hộ tịch",
      2,
      "Công ty TNHH Bến Nghé",
      null,
      null,
      wall(2026, 11, 24, 16, 50),
      wall(2026, 11, 25, 16, 50),
      null,
      null,
      null,
      null,
      "Đang giải quyết, quá hạn; Đã gửi văn bản xin lỗi",
    ]);
    expect(row(first + 1)).toEqual([
      2,
      "000.10.50.H29-261125-0001",
      "Đăng ký khai sinh",
      1,
      "Nguyễn Văn An",
      "12 Lê Lợi, phường Sài Gòn; 0903 123 456",
      "Ủy ban nhân dân phường Sài Gòn",
      wall(2026, 11, 25, 9, 15),
      wall(2026, 11, 27, 9, 15),
      wall(2026, 11, 25, 9, 30),
      wall(2026, 11, 27, 8, 40),
      wall(2026, 11, 27, 9, 5),
      null,
      "Đã trả kết quả đúng hạn",
    ]);
    expect(text(first + 2, 2)).toBe("");
    expect(ws.getCell(first, 8).numFmt).toBe("dd/mm/yyyy hh:mm");
  });

  it("is an empty book, headings only, when the desk received nothing in the period", async () => {
    const { ws, text } = await open(await trackingBook({ ...input, rows: [] }));
    expect(text(TRACKING_BOOK_HEADER_ROW, 2)).toBe("Mã hồ sơ");
    expect(ws.getCell(TRACKING_BOOK_HEADER_ROW + 3, 2).value ?? null).toBeNull();
  });

  it("rejects a period that ends before it starts", async () => {
    await expect(trackingBook({ ...input, from: input.to, to: input.from })).rejects.toThrow(RangeError);
  });
});
