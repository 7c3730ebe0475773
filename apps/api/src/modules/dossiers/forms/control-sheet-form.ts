// Form 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ (control sheet of the handling process), built
// from the dossier's log of hand-overs. Circular 03/2025/TT-VPCP, Annex I, Mẫu số 06 (Mẫu số 05 of
// Circular 01/2018/TT-VPCP, whose columns it keeps). Sources and what is verified: FORMS.md.
//
// On paper each hand-over is signed by the giver and the receiver; here the log already records who
// they were and when, so the names are printed and the sheet is the ISO record of the process.

import { type Cell, cell, type FormPage, p, t } from "./layout";
import { renderForm } from "./render-form";
import { BLANK, field, formNumberLine, nationalHeader, notes, title } from "./sections";
import type { ControlSheetExtras, ControlSheetStep, FormContext, GeneratedForm, StepResult } from "./types";
import { shortDateTime, vietnameseDateTime } from "./vietnamese-dates";

export const CONTROL_SHEET_TITLE = "Phiếu kiểm soát quá trình giải quyết hồ sơ";

/** The result column's words ("Trước hạn/đúng hạn/quá hạn" on the form). */
export const STEP_RESULT_LABEL: Record<StepResult, string> = {
  early: "Trước hạn",
  on_time: "Đúng hạn",
  late: "Quá hạn",
  in_progress: "Đang giải quyết",
};

function stepRow(s: ControlSheetStep): Cell[] {
  const small = (text: string) => p([t(text, { italic: true, size: 11 })]);
  const result = [p([t(STEP_RESULT_LABEL[s.result], { bold: true })], { align: "center" })];
  if (s.dueAt) result.push(small(`Hạn: ${shortDateTime(s.dueAt)}`));
  if (s.doneAt) result.push(small(`Xong: ${shortDateTime(s.doneAt)}`));
  return [
    cell([
      p([t("1. Giao: "), t(s.fromUnit, { bold: true })]),
      p([t("2. Nhận: "), t(s.toUnit, { bold: true })]),
    ]),
    cell([
      p(vietnameseDateTime(s.handedAt)),
      p([t("Người giao: "), t(s.fromPerson, { bold: true })]),
      p([t("Người nhận: "), t(s.toPerson, { bold: true })]),
    ]),
    cell(result),
    cell(s.note?.trim() ?? ""),
  ];
}

/** Lays out form 06 from the dossier's hand-overs, oldest first. */
export function controlSheetPage(ctx: FormContext, extras: ControlSheetExtras): FormPage {
  const { agency, desk, dossier } = ctx;
  const steps = [...extras.steps].sort((a, b) => a.handedAt.getTime() - b.handedAt.getTime());
  const head = (text: string, sub?: string) =>
    cell(
      [
        p([t(text, { bold: true })], { align: "center" }),
        ...(sub ? [p([t(sub, { italic: true })], { align: "center" })] : []),
      ],
      { verticalAlign: "center" },
    );
  const coordinating = (extras.coordinatingUnits ?? []).map((u) => u.trim()).filter(Boolean);
  return {
    title: `${CONTROL_SHEET_TITLE} – ${dossier.code}`,
    author: agency.name,
    orientation: "portrait",
    blocks: [
      formNumberLine("06"),
      nationalHeader({
        issuerAbove: agency.name,
        issuer: desk.name,
        place: ctx.place,
        issuedAt: ctx.issuedAt,
      }),
      ...title(CONTROL_SHEET_TITLE, [t("Mã hồ sơ: "), t(dossier.code, { bold: true })]),
      field("Kèm theo hồ sơ của", dossier.applicant.name),
      field("Thủ tục hành chính", `${dossier.procedureName} (mã ${dossier.procedureCode})`),
      field("Thời gian nhận hồ sơ", vietnameseDateTime(dossier.receivedAt)),
      field("Thời gian hẹn trả kết quả", dossier.dueAt ? vietnameseDateTime(dossier.dueAt) : BLANK),
      field("Cơ quan (bộ phận) giải quyết hồ sơ", extras.handlingUnit?.trim() || agency.name),
      field("Cơ quan phối hợp giải quyết hồ sơ", coordinating.length ? coordinating.join("; ") : "Không"),
      {
        kind: "table",
        ruled: true,
        columns: [26, 33, 23, 18],
        size: 11,
        headerRows: [
          [
            head("TÊN CƠ QUAN"),
            head("THỜI GIAN GIAO, NHẬN HỒ SƠ"),
            head("KẾT QUẢ GIẢI QUYẾT HỒ SƠ", "(Trước hạn/đúng hạn/quá hạn)"),
            head("GHI CHÚ"),
          ],
        ],
        rows: steps.length
          ? steps.map(stepRow)
          : [[cell(p("Chưa có lượt giao, nhận hồ sơ nào", { align: "center" }), { colSpan: 4 })]],
      },
      ...notes([
        "- Trường hợp hồ sơ được chuyển qua dịch vụ bưu chính thì thời gian giao, nhận hồ sơ và việc ký nhận thể hiện trong hóa đơn của cơ quan bưu chính.",
      ]),
    ],
  };
}

/** Form 06: control sheet of the dossier's handling, one row per hand-over, as DOCX and print view. */
export async function controlSheetForm(ctx: FormContext, extras: ControlSheetExtras): Promise<GeneratedForm> {
  return renderForm(controlSheetPage(ctx, extras));
}
