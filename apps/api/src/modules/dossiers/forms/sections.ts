// Pieces shared by the forms: the national motto header, the applicant block, the QR reference,
// signature blocks. Layout follows Decree 30/2020/NĐ-CP (format of administrative documents), which
// the forms of Circular 03/2025/TT-VPCP use; see FORMS.md.

import {
  type Block,
  type Cell,
  cell,
  type Inline,
  type ParagraphBlock,
  p,
  type TableBlock,
  t,
} from "./layout";
import type { FormApplicant, FormContext, FormDossier } from "./types";
import { placeAndDate } from "./vietnamese-dates";

export type FormNumber = "01" | "02" | "03" | "04" | "05" | "06" | "07";

/** Placeholder where the form leaves a blank to fill by hand. */
export const BLANK = "…………";

/** "Mẫu số 01" in the top right corner, as the circular's annex labels each form. */
export function formNumberLine(no: FormNumber): ParagraphBlock {
  return p([t(`Mẫu số ${no}`, { bold: true, size: 12 })], { align: "right", after: 4 });
}

/** A short centred line, drawn as underlined blanks so that Word and the browser both show it. */
function rule(width: number): ParagraphBlock {
  return p([t("\u00a0".repeat(width), { underline: true, size: 6 })], { align: "center", after: 2 });
}

export interface HeaderOptions {
  /** Governing body, printed in capitals above the issuer; null when there is none. */
  issuerAbove: string | null;
  /** The issuing agency or reception desk, printed in bold capitals. */
  issuer: string;
  /** "Số: …" under the issuer; null prints a blank for the clerk, undefined leaves the line out. */
  number?: string | null;
  /** Summary line under the number ("V/v …") of a letter that has no document-type title. */
  subject?: string | null;
  place: string;
  issuedAt: Date;
}

/** The two-column heading of an administrative document: issuer left, national motto and date right. */
export function nationalHeader(o: HeaderOptions): TableBlock {
  const left: ParagraphBlock[] = [];
  if (o.issuerAbove)
    left.push(p([t(o.issuerAbove.toUpperCase(), { size: 12 })], { align: "center", after: 0 }));
  left.push(
    p([t(o.issuer.toUpperCase(), { bold: true, size: 12 })], { align: "center", after: 0 }),
    rule(14),
  );
  const right: ParagraphBlock[] = [
    p([t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, size: 12 })], { align: "center", after: 0 }),
    p([t("Độc lập - Tự do - Hạnh phúc", { bold: true, underline: true })], { align: "center", after: 0 }),
  ];
  const numberCell: ParagraphBlock[] = [];
  if (o.number !== undefined)
    numberCell.push(p(`Số: ${o.number?.trim() || `${BLANK}/${BLANK}`}`, { align: "center" }));
  if (o.subject) numberCell.push(p([t(o.subject, { size: 12 })], { align: "center" }));
  const dateLine = p([t(placeAndDate(o.place, o.issuedAt), { italic: true })], { align: "center" });
  // Decree 30 puts the number and the date on one line; without a number the date goes under the motto.
  const rows = numberCell.length
    ? [
        [cell(left), cell(right)],
        [cell(numberCell), cell(dateLine)],
      ]
    : [[cell(left), cell([...right, p([], { after: 0 }), dateLine])]];
  return { kind: "table", ruled: false, columns: [36, 64], rows };
}

/** The form's title in bold capitals, with optional lines under it. */
export function title(text: string, ...under: Inline[][]): ParagraphBlock[] {
  return [
    p([t(text.toUpperCase(), { bold: true, size: 14 })], {
      align: "center",
      before: 9,
      after: under.length ? 0 : 6,
    }),
    ...under.map((inlines, i) => p(inlines, { align: "center", after: i === under.length - 1 ? 6 : 0 })),
  ];
}

/** "Label: value", the value in bold; a missing value prints as a blank to fill by hand. */
export function field(label: string, value: string | null | undefined, bold = true): ParagraphBlock {
  const v = value?.trim();
  return p([t(`${label}: `), v ? t(v, { bold }) : t(BLANK)]);
}

/** Who handed in the dossier and what for, as forms 01–03 list it. */
export function applicantLines(
  lead: string,
  applicant: FormApplicant,
  dossier: FormDossier,
): ParagraphBlock[] {
  const who = applicant.organization ? `${applicant.name} – ${applicant.organization}` : applicant.name;
  const lines = [field(lead, who)];
  if (applicant.idNumber) lines.push(field("Số định danh cá nhân/Mã số thuế", applicant.idNumber, false));
  lines.push(
    field("Địa chỉ", applicant.address, false),
    p([
      t("Số điện thoại: "),
      t(applicant.phone?.trim() || BLANK),
      t("     Email: "),
      t(applicant.email?.trim() || BLANK),
    ]),
    p([
      t("Nội dung yêu cầu giải quyết: "),
      t(dossier.procedureName, { bold: true }),
      t(` (mã thủ tục ${dossier.procedureCode})`),
    ]),
  );
  return lines;
}

/** Dossier code beside a QR code of the tracking page, so the applicant can follow the dossier. */
export function dossierReference(dossier: FormDossier, qrPng: Buffer): TableBlock {
  const qr = p([{ kind: "image", png: qrPng, sizeMm: 22, alt: `Mã QR tra cứu hồ sơ ${dossier.code}` }], {
    align: "center",
  });
  return {
    kind: "table",
    ruled: false,
    columns: [18, 82],
    rows: [
      [
        cell(qr, { verticalAlign: "center" }),
        cell(
          [
            p([t("Mã hồ sơ: "), t(dossier.code, { bold: true })], { after: 2 }),
            p([
              t("Tra cứu tình trạng giải quyết hồ sơ bằng mã QR hoặc tại địa chỉ:", {
                italic: true,
                size: 12,
              }),
            ]),
            p([t(dossier.trackingUrl, { size: 11 })]),
          ],
          { verticalAlign: "center" },
        ),
      ],
    ],
  };
}

/** "(title) / (Ký và ghi rõ họ tên) / space / name" — one signature. */
export interface Signature {
  /** Lines in bold capitals, e.g. ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
  title: string[];
  note?: string;
  name?: string | null;
}

/** The "Nơi nhận" list of a letter. */
export interface Recipients {
  recipients: string[];
}

function signatureCell(s: Signature | Recipients | null): Cell {
  if (s === null) return cell([]);
  if ("recipients" in s) {
    const items = s.recipients.map((r, i) =>
      p([t(`- ${r}${i === s.recipients.length - 1 ? "." : ";"}`, { size: 11 })], { after: 0 }),
    );
    return cell([p([t("Nơi nhận:", { bold: true, italic: true, size: 12 })], { after: 0 }), ...items]);
  }
  const lines: ParagraphBlock[] = s.title.map((line) =>
    p([t(line.toUpperCase(), { bold: true })], { align: "center", after: 0 }),
  );
  if (s.note) lines.push(p([t(s.note, { italic: true })], { align: "center", after: 0 }));
  // Room for the handwritten signature (and seal, for letters).
  for (let i = 0; i < 3; i++) lines.push(p([], { after: 0 }));
  lines.push(p([t(s.name?.trim() || "", { bold: true })], { align: "center" }));
  return cell(lines);
}

/** Signature blocks side by side at the foot of a form; null leaves a column empty. */
export function signatures(columns: (Signature | Recipients | null)[], widths?: number[]): Block {
  const even = columns.map(() => 100 / columns.length);
  return { kind: "table", ruled: false, columns: widths ?? even, rows: [columns.map(signatureCell)] };
}

/** Splits a position such as "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" into the lines of a signature title. */
export function positionLines(position: string | null | undefined, fallback: string): string[] {
  const lines = (position ?? "")
    .split("/")
    .map((s) => s.trim())
    .filter(Boolean);
  return lines.length ? lines : [fallback];
}

/** "Ghi chú:" and its lines in small italics at the foot of a form. */
export function notes(lines: string[]): ParagraphBlock[] {
  return [
    p([t("Ghi chú:", { bold: true, italic: true, size: 11 })], { before: 6, after: 0 }),
    ...lines.map((l) => p([t(l, { italic: true, size: 11 })], { after: 0 })),
  ];
}

/** "Ông/Bà Nguyễn Văn An" or the organisation's name, as the letters address the applicant. */
export function addressee(applicant: FormApplicant): string {
  return applicant.organization ? applicant.organization : `Ông/Bà ${applicant.name}`;
}

/** How a letter's text speaks of the applicant: "Quý cơ quan, tổ chức" for an organisation, else "Ông/Bà". */
export function applicantInText(applicant: FormApplicant): string {
  return applicant.organization ? "Quý cơ quan, tổ chức" : "Ông/Bà";
}

/** A paragraph of a letter's body: justified, first line indented. */
export function letterBody(text: string): ParagraphBlock {
  return p(text, { firstLineIndent: true, align: "justify" });
}

/**
 * The opening of a letter from the competent agency to the applicant (forms 04 and 05): the form's
 * number, the national header with the agency as issuer, the title, "Kính gửi" with the applicant's
 * address, and the dossier's reference with its tracking QR code.
 */
export function letterOpening(
  no: FormNumber,
  titleText: string,
  ctx: FormContext,
  number: string | null | undefined,
  qrPng: Buffer,
): Block[] {
  const { agency, dossier } = ctx;
  const address = dossier.applicant.address?.trim();
  return [
    formNumberLine(no),
    nationalHeader({
      issuerAbove: agency.parentName ?? null,
      issuer: agency.name,
      number: number ?? null,
      place: ctx.place,
      issuedAt: ctx.issuedAt,
    }),
    ...title(titleText),
    p([t("Kính gửi: "), t(addressee(dossier.applicant), { bold: true })], { align: "center", after: 0 }),
    ...(address ? [p([t(`(Địa chỉ: ${address})`, { italic: true })], { align: "center" })] : []),
    dossierReference(dossier, qrPng),
  ];
}

/** A clause without its trailing punctuation, so the form can end it with its own. */
export function sentence(text: string): string {
  return text.trim().replace(/[.;,\s]+$/, "");
}

/** First letter in upper case ("ngày 25 …" → "Ngày 25 …") to open a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
