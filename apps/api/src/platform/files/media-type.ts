import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../errors";

/** What uploads may hold, recognised by content (magic bytes, and the parts inside DOCX/XLSX). */
export const ACCEPTED_MEDIA_TYPES = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "image/png": "png",
  "image/jpeg": "jpg",
} as const;
export type AcceptedMediaType = keyof typeof ACCEPTED_MEDIA_TYPES;

const isAccepted = (mime: string): mime is AcceptedMediaType => mime in ACCEPTED_MEDIA_TYPES;

/**
 * The media type of an upload from its content, never its name: PDF, DOCX, XLSX, PNG or JPEG.
 * Anything else (an executable, HTML, a plain ZIP, an unknown format) is refused.
 */
export async function sniffMediaType(content: Uint8Array): Promise<AcceptedMediaType> {
  if (!content.length) {
    throw new AppError(
      "validation_failed",
      {
        vi: "Tệp rỗng (0 byte): hãy chọn lại tệp có nội dung",
        en: "The file is empty (0 bytes): choose the file again",
      },
      { size: 0 },
    );
  }
  const found = await fileTypeFromBuffer(content);
  if (found && isAccepted(found.mime)) return found.mime;
  throw new AppError(
    "file_type_not_allowed",
    {
      vi: `Tệp không phải PDF, DOCX, XLSX, PNG hoặc JPEG (nội dung nhận dạng được: ${found?.ext ?? "không rõ"}); hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp`,
      en: `The file is not a PDF, DOCX, XLSX, PNG or JPEG (its content reads as: ${found?.ext ?? "unknown"}); files are checked by content, not by name`,
    },
    { detected: found?.mime ?? null, accepted: Object.keys(ACCEPTED_MEDIA_TYPES) },
  );
}

/** The refusal of a file above the configured limit, naming the limit. */
export function fileTooLarge(maxBytes: number): AppError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppError(
    "file_too_large",
    { vi: `Tệp vượt quá dung lượng cho phép (${mb} MB)`, en: `The file is larger than the ${mb} MB allowed` },
    { maxBytes },
  );
}

/**
 * A file name safe to store and show: the last path segment, NFC, without control characters,
 * at most 255 characters (keeping the extension). Vietnamese letters stay as they are.
 */
export function cleanFileName(name: string | undefined | null, fallback = "tai-lieu"): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const printable = [...base.normalize("NFC")]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c !== "\u007f" && c !== '"')
    .join("");
  const clean = printable.replace(/\s+/g, " ").trim();
  if (!clean || clean === "." || clean === "..") return fallback;
  if (clean.length <= 255) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return clean.slice(0, 255 - ext.length) + ext;
}

/**
 * `Content-Disposition: attachment` with the name twice (RFC 6266): an ASCII fallback with the
 * Vietnamese accents folded, and the exact UTF-8 name in `filename*`.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
