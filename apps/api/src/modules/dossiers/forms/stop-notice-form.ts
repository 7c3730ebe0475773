// Form 05 — Thông báo dừng giải quyết hồ sơ (notice that handling of a dossier stops). New in
// Circular 03/2025/TT-VPCP, Annex I, Mẫu số 05; Circular 01/2018/TT-VPCP had no such form, so the layout
// is that of the other letters (Decree 30/2020/NĐ-CP) and the wording is ours. See FORMS.md.

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
import type { FormContext, GeneratedForm, StopNoticeExtras } from "./types";
import { vietnameseDate } from "./vietnamese-dates";

export const STOP_NOTICE_TITLE = "Thông báo dừng giải quyết hồ sơ";

/** Lays out form 05 (the QR image is made by the caller). */
export function stopNoticePage(ctx: FormContext, extras: StopNoticeExtras, qrPng: Buffer): FormPage {
  if (!extras.reason.trim()) throw new RangeError("A stop notice must state the reason");
  const { agency, desk, dossier } = ctx;
  const you = applicantInText(dossier.applicant);
  const basis = extras.legalBasis?.trim() ? `Căn cứ ${sentence(extras.legalBasis)}, ` : "";
  // Without a named leader the signature is left blank for whoever signs on paper.
  const leader = extras.leader ?? { name: "", position: null };
  return {
    title: `${STOP_NOTICE_TITLE} – ${dossier.code}`,
    author: agency.name,
    orientation: "portrait",
    blocks: [
      ...letterOpening("05", STOP_NOTICE_TITLE, ctx, extras.number, qrPng),
      letterBody(
        `${capitalize(vietnameseDate(dossier.receivedAt))}, ${desk.name} đã tiếp nhận hồ sơ của ${you} đề nghị giải quyết thủ tục ${dossier.procedureName}, mã hồ sơ ${dossier.code}.`,
      ),
      ...(extras.requestedAt
        ? [
            letterBody(
              `${capitalize(vietnameseDate(extras.requestedAt))}, ${you} có đề nghị dừng giải quyết hồ sơ nêu trên.`,
            ),
          ]
        : []),
      letterBody(`${basis}${agency.name} thông báo dừng giải quyết hồ sơ nêu trên.`),
      p([t("Lý do: ", { bold: true }), t(`${sentence(extras.reason)}.`)], {
        firstLineIndent: true,
        align: "justify",
      }),
      letterBody(`Xin thông báo để ${you} được biết./.`),
      signatures(
        [
          { recipients: ["Như trên", ...(extras.copiesTo ?? []), "Lưu: VT"] },
          {
            title: positionLines(leader.position, "Thủ trưởng cơ quan"),
            note: "(Ký, ghi rõ họ tên và đóng dấu)",
            name: leader.name,
          },
        ],
        [45, 55],
      ),
    ],
  };
}

/** Form 05: notice that handling of a dossier stops, with the reason, as DOCX and print view. */
export async function stopNoticeForm(ctx: FormContext, extras: StopNoticeExtras): Promise<GeneratedForm> {
  return renderForm(stopNoticePage(ctx, extras, await trackingQrPng(ctx.dossier.trackingUrl)));
}
