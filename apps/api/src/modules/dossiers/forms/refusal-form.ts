// Form 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (refusal to accept a dossier for handling).
// Circular 03/2025/TT-VPCP, Annex I, Mẫu số 03; fields follow Mẫu số 03 of Circular 01/2018/TT-VPCP
// where the new text could not be read. Sources and what is verified: FORMS.md.

import { type FormPage, p, t } from "./layout";
import { renderForm } from "./render-form";
import {
  applicantLines,
  dossierReference,
  field,
  formNumberLine,
  nationalHeader,
  sentence,
  signatures,
  title,
} from "./sections";
import { trackingQrPng } from "./tracking-qr";
import type { FormContext, GeneratedForm, RefusalExtras } from "./types";
import { vietnameseDateTime } from "./vietnamese-dates";

export const REFUSAL_TITLE = "Phiếu từ chối tiếp nhận giải quyết hồ sơ";

/** Lays out form 03 (the QR image is made by the caller). */
export function refusalPage(ctx: FormContext, extras: RefusalExtras, qrPng: Buffer): FormPage {
  const reasons = extras.reasons.map(sentence).filter(Boolean);
  // A refusal must say why (Decree 118/2025/NĐ-CP); a sheet without a reason is not a valid refusal.
  if (reasons.length === 0) throw new RangeError("A refusal needs at least one reason");
  const { agency, desk, dossier, officer } = ctx;
  const basis = extras.legalBasis?.trim() ? `, căn cứ ${sentence(extras.legalBasis)}` : "";
  return {
    title: `${REFUSAL_TITLE} – ${dossier.code}`,
    author: agency.name,
    orientation: "portrait",
    blocks: [
      formNumberLine("03"),
      nationalHeader({
        issuerAbove: agency.name,
        issuer: desk.name,
        place: ctx.place,
        issuedAt: ctx.issuedAt,
      }),
      ...title(REFUSAL_TITLE),
      dossierReference(dossier, qrPng),
      field("Nơi tiếp nhận", desk.name),
      ...applicantLines("Tiếp nhận hồ sơ của", dossier.applicant, dossier),
      field("Thời gian nhận hồ sơ", vietnameseDateTime(dossier.receivedAt)),
      p(
        `Qua nghiên cứu, xem xét hồ sơ${basis}, ${desk.name} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
        { firstLineIndent: true, align: "justify", before: 3 },
      ),
      ...reasons.map((r, i) =>
        p([t(`${i + 1}. ${r}${i === reasons.length - 1 ? "." : ";"}`)], { indentMm: 10, align: "justify" }),
      ),
      p("Xin thông báo cho Ông/Bà được biết và thực hiện./.", { firstLineIndent: true, before: 3, after: 6 }),
      signatures([
        null,
        { title: ["Người tiếp nhận hồ sơ"], note: "(Ký và ghi rõ họ tên)", name: officer.name },
      ]),
    ],
  };
}

/** Form 03: refusal to accept a dossier, with its reasons, as DOCX and print view. */
export async function refusalForm(ctx: FormContext, extras: RefusalExtras): Promise<GeneratedForm> {
  return renderForm(refusalPage(ctx, extras, await trackingQrPng(ctx.dossier.trackingUrl)));
}
