// Form 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (apology for a late dossier with a
// request to extend, giving the new appointment). Circular 03/2025/TT-VPCP, Annex I, Mẫu số 04; the
// wording follows Mẫu số 04 of Circular 01/2018/TT-VPCP ("Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
// adapted to the new title, because the new text could not be read. Sources and what is verified: FORMS.md.

import { type FormPage, p, t } from "./layout";
import { renderForm } from "./render-form";
import {
  applicantInText,
  capitalize,
  letterBody,
  letterOpening,
  positionLines,
  sentence,
  signatures,
} from "./sections";
import { trackingQrPng } from "./tracking-qr";
import type { ApologyExtras, FormContextWithDue, GeneratedForm } from "./types";
import { vietnameseDate, vietnameseDateTime } from "./vietnamese-dates";

export const APOLOGY_TITLE = "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết";

/** Lays out form 04 (the QR image is made by the caller). */
export function apologyPage(ctx: FormContextWithDue, extras: ApologyExtras, qrPng: Buffer): FormPage {
  const { agency, desk, dossier } = ctx;
  // An extension that does not move the appointment later is a data error, not a letter to send.
  if (extras.newDueAt.getTime() <= dossier.dueAt.getTime()) {
    throw new RangeError("The new appointment must be later than the one on the receipt");
  }
  if (!extras.reason.trim()) throw new RangeError("The apology must state why the dossier is late");
  const you = applicantInText(dossier.applicant);
  return {
    title: `${APOLOGY_TITLE} – ${dossier.code}`,
    author: agency.name,
    orientation: "portrait",
    blocks: [
      ...letterOpening("04", APOLOGY_TITLE, ctx, extras.number, qrPng),
      letterBody(
        `${capitalize(vietnameseDate(dossier.receivedAt))}, ${agency.name} tiếp nhận hồ sơ của ${you} đề nghị giải quyết thủ tục ${dossier.procedureName}, mã hồ sơ ${dossier.code}, qua ${desk.name}.`,
      ),
      letterBody(
        `Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả là ${vietnameseDateTime(dossier.dueAt)}.`,
      ),
      letterBody(
        `Tuy nhiên, ${agency.name} không thể trả kết quả giải quyết hồ sơ của ${you} đúng thời hạn nêu trên.`,
      ),
      p([t("Lý do: ", { bold: true }), t(`${sentence(extras.reason)}.`)], {
        firstLineIndent: true,
        align: "justify",
      }),
      p(
        [
          t(
            `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ${you}. ${agency.name} thành thật xin lỗi ${you} và đề nghị ${you} đồng ý gia hạn thời gian giải quyết hồ sơ đến `,
          ),
          t(vietnameseDateTime(extras.newDueAt), { bold: true }),
          t(`; ${agency.name} sẽ trả kết quả giải quyết hồ sơ cho ${you} vào thời gian này.`),
        ],
        { firstLineIndent: true, align: "justify" },
      ),
      letterBody("Xin trân trọng cảm ơn./."),
      signatures(
        [
          { recipients: ["Như trên", ...(extras.copiesTo ?? []), "Lưu: VT"] },
          {
            title: positionLines(extras.leader.position, "Thủ trưởng cơ quan"),
            note: "(Ký, ghi rõ họ tên và đóng dấu)",
            name: extras.leader.name,
          },
        ],
        [45, 55],
      ),
    ],
  };
}

/** Form 04: apology for a late dossier with the request to extend and the new appointment, as DOCX and print view. */
export async function apologyForm(ctx: FormContextWithDue, extras: ApologyExtras): Promise<GeneratedForm> {
  return renderForm(apologyPage(ctx, extras, await trackingQrPng(ctx.dossier.trackingUrl)));
}
