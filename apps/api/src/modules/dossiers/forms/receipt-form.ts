// Form 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt with the appointment for the result).
// Circular 03/2025/TT-VPCP, Annex I, Mẫu số 01; fields follow Mẫu số 01 of Circular 01/2018/TT-VPCP
// where the new text could not be read. Sources and what is verified: FORMS.md.

import { cell, type FormPage, p, t } from "./layout";
import { renderForm } from "./render-form";
import {
  applicantLines,
  BLANK,
  dossierReference,
  field,
  formNumberLine,
  nationalHeader,
  notes,
  type Signature,
  signatures,
  title,
} from "./sections";
import { trackingQrPng } from "./tracking-qr";
import type { FormContextWithDue, GeneratedForm, ReceiptExtras } from "./types";
import { vietnameseDateTime } from "./vietnamese-dates";

export const RECEIPT_TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả";

const two = (n: number) => String(n).padStart(2, "0");

/** Lays out form 01 for a dossier (the QR image is made by the caller). */
export function receiptPage(ctx: FormContextWithDue, extras: ReceiptExtras, qrPng: Buffer): FormPage {
  const { agency, desk, dossier, officer } = ctx;
  const docRows = dossier.documents.map((d, i) => [
    cell(p(String(i + 1), { align: "center" })),
    cell(d.name),
    cell(p(String(d.originals), { align: "center" })),
    cell(p(String(d.copies), { align: "center" })),
    cell(d.note ?? ""),
  ]);
  const center = (s: string) =>
    cell(p([t(s, { bold: true })], { align: "center" }), { verticalAlign: "center" });
  const receiver: Signature = {
    title: ["Người tiếp nhận hồ sơ"],
    note: "(Ký và ghi rõ họ tên)",
    name: officer.name,
  };
  // Only a dossier handed in at the counter has its applicant there to sign the receipt.
  const signing =
    dossier.method === "counter"
      ? signatures([
          { title: ["Người nộp hồ sơ"], note: "(Ký và ghi rõ họ tên)", name: dossier.applicant.name },
          receiver,
        ])
      : signatures([null, receiver]);
  return {
    title: `${RECEIPT_TITLE} – ${dossier.code}`,
    author: agency.name,
    orientation: "portrait",
    blocks: [
      formNumberLine("01"),
      nationalHeader({
        issuerAbove: agency.name,
        issuer: desk.name,
        place: ctx.place,
        issuedAt: ctx.issuedAt,
      }),
      ...title(RECEIPT_TITLE),
      dossierReference(dossier, qrPng),
      field("Nơi tiếp nhận", desk.name),
      ...applicantLines("Tiếp nhận hồ sơ của", dossier.applicant, dossier),
      p("1. Thành phần hồ sơ nộp gồm:"),
      {
        kind: "table",
        ruled: true,
        columns: [8, 52, 12, 12, 16],
        size: 12,
        headerRows: [
          [center("STT"), center("Tên giấy tờ"), center("Bản chính"), center("Bản sao"), center("Ghi chú")],
        ],
        rows: docRows.length
          ? docRows
          : [[cell(p("Không có giấy tờ kèm theo", { align: "center" }), { colSpan: 5 })]],
      },
      p(`2. Số lượng hồ sơ: ${two(dossier.sets ?? 1)} (bộ)`, { before: 3 }),
      p(`3. Thời gian giải quyết hồ sơ theo quy định là: ${dossier.processingTime?.trim() || BLANK}`),
      p([t("4. Thời gian nhận hồ sơ: "), t(vietnameseDateTime(dossier.receivedAt), { bold: true })]),
      p([
        t("5. Thời gian trả kết quả giải quyết hồ sơ: "),
        t(vietnameseDateTime(dossier.dueAt), { bold: true }),
      ]),
      p(`6. Đăng ký nhận kết quả: ${dossier.resultDelivery?.trim() || BLANK}`),
      ...(dossier.fee?.trim() ? [p(`7. Phí, lệ phí: ${dossier.fee.trim()}`)] : []),
      p(
        `Vào Sổ theo dõi hồ sơ, Quyển số: ${extras.bookNumber?.trim() || BLANK}     Số thứ tự: ${
          extras.bookSequence ?? BLANK
        }`,
        { after: 6 },
      ),
      signing,
      ...notes([
        "- Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên: một liên chuyển kèm theo Phiếu kiểm soát quá trình giải quyết hồ sơ và được lưu tại Bộ phận Một cửa; một liên giao cho cá nhân, tổ chức nộp hồ sơ;",
        "- Cá nhân, tổ chức có thể đăng ký nhận kết quả tại Bộ phận Một cửa hoặc tại nhà (trụ sở tổ chức) qua dịch vụ bưu chính.",
      ]),
    ],
  };
}

/** Form 01: receipt of a dossier with the appointment for its result, as DOCX and print view. */
export async function receiptForm(
  ctx: FormContextWithDue,
  extras: ReceiptExtras = {},
): Promise<GeneratedForm> {
  return renderForm(receiptPage(ctx, extras, await trackingQrPng(ctx.dossier.trackingUrl)));
}
