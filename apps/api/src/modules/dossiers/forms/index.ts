// The seven forms of Circular 03/2025/TT-VPCP, Annex I (one-stop-shop handling under Decree
// 118/2025/NĐ-CP). Forms 01–06 come as DOCX plus a print view (HTML) from the same layout; form 07 is
// an XLSX book. Pure functions of plain data: no database, no clock, no process time zone.

import type { FormNumber } from "./sections";

export { apologyForm } from "./apology-form";
export { controlSheetForm } from "./control-sheet-form";
export { receiptForm } from "./receipt-form";
export { refusalForm } from "./refusal-form";
export type { FormNumber } from "./sections";
export { stopNoticeForm } from "./stop-notice-form";
export { supplementRequestForm } from "./supplement-request-form";
export { trackingBook } from "./tracking-book";
export type * from "./types";

/** Vietnamese name of each form, as Annex I lists them. */
export const FORM_NAMES: Record<FormNumber, string> = {
  "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
  "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
  "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
  "04": "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
  "05": "Thông báo dừng giải quyết hồ sơ",
  "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
  "07": "Sổ theo dõi hồ sơ",
};

const SLUGS: Record<FormNumber, string> = {
  "01": "giay-tiep-nhan-hen-tra-ket-qua",
  "02": "phieu-yeu-cau-bo-sung-ho-so",
  "03": "phieu-tu-choi-tiep-nhan-ho-so",
  "04": "van-ban-xin-loi-gia-han",
  "05": "thong-bao-dung-giai-quyet",
  "06": "phieu-kiem-soat-qua-trinh",
  "07": "so-theo-doi-ho-so",
};

/**
 * Download name of a form, e.g. `mau-01-giay-tiep-nhan-hen-tra-ket-qua-000.10.50.H29-261125-0001.docx`.
 * `reference` is the dossier code (for form 07, the desk and period); characters that are unsafe in a
 * file name or a Content-Disposition header become "-". The extension defaults to the form's own format.
 */
export function formFileName(formNo: FormNumber, reference: string, ext?: "docx" | "html" | "xlsx"): string {
  const safe = reference
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
  const extension = ext ?? (formNo === "07" ? "xlsx" : "docx");
  return `mau-${formNo}-${SLUGS[formNo]}${safe ? `-${safe}` : ""}.${extension}`;
}
