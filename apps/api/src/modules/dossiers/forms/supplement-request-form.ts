// Form 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (request to supplement or complete a dossier).
// Circular 03/2025/TT-VPCP, Annex I, Mẫu số 02; fields follow Mẫu số 02 of Circular 01/2018/TT-VPCP
// where the new text could not be read. Sources and what is verified: FORMS.md.

import { cell, type FormPage, p, t } from "./layout";
import { renderForm } from "./render-form";
import {
  applicantLines,
  dossierReference,
  field,
  formNumberLine,
  nationalHeader,
  signatures,
  title,
} from "./sections";
import { trackingQrPng } from "./tracking-qr";
import type { FormContext, GeneratedForm, SupplementRequestExtras } from "./types";
import { vietnameseDateTime } from "./vietnamese-dates";

export const SUPPLEMENT_REQUEST_TITLE = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ";

/** Lays out form 02 (the QR image is made by the caller). */
export function supplementRequestPage(
  ctx: FormContext,
  extras: SupplementRequestExtras,
  qrPng: Buffer,
): FormPage {
  // The law allows one request per dossier, so an empty one would waste it.
  if (extras.items.length === 0) throw new RangeError("A supplement request needs at least one item");
  const { agency, desk, dossier, officer } = ctx;
  const center = (s: string) =>
    cell(p([t(s, { bold: true })], { align: "center" }), { verticalAlign: "center" });
  const phone = officer.phone?.trim() || desk.phone?.trim() || agency.phone?.trim();
  return {
    title: `${SUPPLEMENT_REQUEST_TITLE} – ${dossier.code}`,
    author: agency.name,
    orientation: "portrait",
    blocks: [
      formNumberLine("02"),
      nationalHeader({
        issuerAbove: agency.name,
        issuer: desk.name,
        number: extras.number?.trim() ? extras.number : undefined,
        place: ctx.place,
        issuedAt: ctx.issuedAt,
      }),
      ...title(SUPPLEMENT_REQUEST_TITLE),
      dossierReference(dossier, qrPng),
      ...applicantLines("Hồ sơ của", dossier.applicant, dossier),
      field("Thời gian nhận hồ sơ", vietnameseDateTime(dossier.receivedAt)),
      p("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", { before: 3 }),
      {
        kind: "table",
        ruled: true,
        columns: [8, 52, 40],
        size: 12,
        headerRows: [[center("STT"), center("Nội dung yêu cầu bổ sung, hoàn thiện"), center("Lý do")]],
        rows: extras.items.map((item, i) => [
          cell(p(String(i + 1), { align: "center" })),
          cell(item.requirement),
          cell(item.reason),
        ]),
      },
      ...(extras.legalBasis?.trim() ? [field("Căn cứ", extras.legalBasis, false)] : []),
      p(
        `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ${officer.name}${
          phone ? `, số điện thoại ${phone}` : ""
        } để được hướng dẫn./.`,
        { firstLineIndent: true, align: "justify", before: 6, after: 6 },
      ),
      signatures([null, { title: ["Người hướng dẫn"], note: "(Ký và ghi rõ họ tên)", name: officer.name }]),
    ],
  };
}

/** Form 02: the one request to supplement or complete a dossier, as DOCX and print view. */
export async function supplementRequestForm(
  ctx: FormContext,
  extras: SupplementRequestExtras,
): Promise<GeneratedForm> {
  return renderForm(supplementRequestPage(ctx, extras, await trackingQrPng(ctx.dossier.trackingUrl)));
}
