// Input of the seven forms of Circular 03/2025/TT-VPCP, Annex I (see FORMS.md).
// Plain data on purpose: the dossier service maps its rows to these shapes, so the forms can be
// generated, tested and previewed without a database.

/** The agency that issues the form (its name goes top-left, under its parent's). */
export interface FormAgency {
  name: string;
  /** The governing body printed above the agency name, e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH". */
  parentName?: string | null;
  /** Electronic identifier code of the agency, e.g. "000.10.50.H29". */
  code: string;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface FormApplicant {
  name: string;
  /** Personal identification number (số định danh cá nhân / CCCD) or tax code of an organisation. */
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  /** Organisation the applicant acts for, when not a private person. */
  organization?: string | null;
}

/** One paper of the dossier, with how many originals and copies were handed in. */
export interface FormDocument {
  name: string;
  originals: number;
  copies: number;
  note?: string | null;
}

export type SubmissionMethod = "counter" | "online" | "post";

export interface FormDossier {
  /** Dossier code under Circular 03/2025 (agency code, date, daily sequence), e.g. "000.10.50.H29-261125-0001". */
  code: string;
  procedureCode: string;
  procedureName: string;
  fieldName?: string | null;
  receivedAt: Date;
  /** Appointment for the result; null only while the dossier has none (e.g. a refusal at the counter). */
  dueAt: Date | null;
  /** Handling time the procedure states, as printed, e.g. "02 ngày làm việc". */
  processingTime?: string | null;
  method: SubmissionMethod;
  applicant: FormApplicant;
  documents: FormDocument[];
  /** Number of sets (bộ) handed in; 1 when not given. */
  sets?: number | null;
  /** Public page where the applicant follows the dossier; encoded in the QR code. */
  trackingUrl: string;
  /** Where the result is handed back, e.g. "Tại Bộ phận Một cửa", "Qua dịch vụ bưu chính". */
  resultDelivery?: string | null;
  /** Fees and charges as printed, e.g. "Không" or "8.000 đồng". */
  fee?: string | null;
}

export interface FormOfficer {
  name: string;
  /** Title over the signature, e.g. "CHỦ TỊCH", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" (one line each, "/"-separated). */
  position?: string | null;
  phone?: string | null;
}

export interface FormDesk {
  /** Reception desk (Bộ phận Một cửa) or public service centre, e.g. "Bộ phận Một cửa phường Sài Gòn". */
  name: string;
  address?: string | null;
  phone?: string | null;
}

/** What every per-dossier form (01–06) is built from. */
export interface FormContext {
  agency: FormAgency;
  desk: FormDesk;
  dossier: FormDossier;
  /** The officer who receives, guides or prepares the form. */
  officer: FormOfficer;
  issuedAt: Date;
  /** Place name before the date line, e.g. "Thành phố Hồ Chí Minh". */
  place: string;
}

/** A context whose dossier has an appointment date (forms 01 and 04 print it). */
export type FormContextWithDue = FormContext & { dossier: FormDossier & { dueAt: Date } };

/** Form 01 extras: where the receipt is entered in the tracking book. */
export interface ReceiptExtras {
  bookNumber?: string | null;
  bookSequence?: number | null;
}

/** Form 02 extras. A supplement may be requested only once, so every item goes on one sheet. */
export interface SupplementRequestExtras {
  items: { requirement: string; reason: string }[];
  /** Legal ground of the request, e.g. the procedure's decision of publication. */
  legalBasis?: string | null;
  number?: string | null;
}

/** Form 03 extras. */
export interface RefusalExtras {
  reasons: string[];
  legalBasis?: string | null;
}

/** Form 04 extras: the late dossier's apology with the new appointment. */
export interface ApologyExtras {
  leader: FormOfficer;
  reason: string;
  newDueAt: Date;
  /** Document number as registered by the clerk, e.g. "125/UBND-VP"; blank for the clerk to fill when absent. */
  number?: string | null;
  /** Extra recipients after "Như trên", e.g. "Bộ phận Một cửa phường Sài Gòn". */
  copiesTo?: string[];
}

/** Form 05 extras. */
export interface StopNoticeExtras {
  reason: string;
  leader?: FormOfficer | null;
  number?: string | null;
  legalBasis?: string | null;
  /** Set when the applicant asked to stop; the notice then cites the request. */
  requestedAt?: Date | null;
  copiesTo?: string[];
}

/** How a hand-over ended, as the control sheet's result column states it. */
export type StepResult = "early" | "on_time" | "late" | "in_progress";

/** One hand-over in the dossier's log: who gave the dossier to whom, when, and how it went. */
export interface ControlSheetStep {
  fromUnit: string;
  fromPerson: string;
  toUnit: string;
  toPerson: string;
  handedAt: Date;
  dueAt: Date | null;
  doneAt: Date | null;
  result: StepResult;
  note?: string | null;
}

/** Form 06 extras. */
export interface ControlSheetExtras {
  steps: ControlSheetStep[];
  /** Agency (or unit) that handles the dossier; defaults to the issuing agency. */
  handlingUnit?: string | null;
  coordinatingUnits?: string[];
}

export type TrackingStatus =
  | "in_progress"
  | "overdue"
  | "supplement_requested"
  | "refused"
  | "stopped"
  | "withdrawn"
  | "returned_early"
  | "returned_on_time"
  | "returned_late";

/** One dossier's line in the tracking book (form 07). */
export interface TrackingBookRow {
  code: string;
  procedureName: string;
  sets?: number | null;
  applicantName: string;
  applicantAddress?: string | null;
  applicantPhone?: string | null;
  /** Agency in charge of the dossier (cơ quan chủ trì giải quyết). */
  handlingAgency?: string | null;
  receivedAt: Date;
  dueAt: Date | null;
  /** When the desk handed the dossier to the handling agency. */
  handedToAgencyAt?: Date | null;
  /** When the desk got the result back from the handling agency. */
  resultReceivedAt?: Date | null;
  /** When the result was handed to the applicant. */
  returnedAt?: Date | null;
  status: TrackingStatus;
  note?: string | null;
}

/** Form 07 input: one book per reception desk and period. */
export interface TrackingBookInput {
  agency: FormAgency;
  desk: string;
  /** First instant of the period. */
  from: Date;
  /** Last instant of the period (inclusive); its Vietnamese calendar date is printed. */
  to: Date;
  rows: TrackingBookRow[];
  issuedAt?: Date;
}

/** A generated form: the Word file and a print view of the same content. */
export interface GeneratedForm {
  docx: Buffer;
  html: string;
}
