import { z } from "zod";

/** Stable error codes; clients branch on these, never on messages. */
export const ErrorCode = z.enum([
  "validation_failed",
  "malformed_json",
  "payload_too_large",
  "unsupported_media_type",
  "unauthenticated",
  "forbidden",
  "csrf_failed",
  "not_found",
  "conflict",
  "rate_limited",
  "account_locked",
  "invalid_credentials",
  "password_policy",
  "invalid_operation",
  "import_failed",
  "file_too_large",
  "file_type_not_allowed",
  "documents_required",
  "internal",
]);
export type TErrorCode = z.infer<typeof ErrorCode>;

export const ZErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBodySchema>;

export type Lang = "vi" | "en";

/** Default user-facing message per code; a thrower may supply a more precise one. */
export const errorMessages: Record<TErrorCode, Record<Lang, string>> = {
  validation_failed: { vi: "Dữ liệu không hợp lệ", en: "Invalid input" },
  malformed_json: { vi: "Nội dung JSON không đúng cú pháp", en: "Malformed JSON body" },
  payload_too_large: { vi: "Dữ liệu gửi lên quá lớn", en: "Request body too large" },
  unsupported_media_type: { vi: "Kiểu nội dung không được hỗ trợ", en: "Unsupported content type" },
  unauthenticated: { vi: "Bạn cần đăng nhập", en: "Please sign in" },
  forbidden: { vi: "Bạn không có quyền thực hiện thao tác này", en: "You are not allowed to do this" },
  csrf_failed: {
    vi: "Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)",
    en: "Missing or invalid CSRF token",
  },
  not_found: { vi: "Không tìm thấy", en: "Not found" },
  conflict: { vi: "Dữ liệu đã bị thay đổi hoặc bị trùng", en: "Conflict with the current state" },
  rate_limited: {
    vi: "Bạn thao tác quá nhanh, vui lòng thử lại sau",
    en: "Too many requests, please retry later",
  },
  account_locked: {
    vi: "Tài khoản tạm khóa do đăng nhập sai nhiều lần",
    en: "Account temporarily locked after failed sign-ins",
  },
  invalid_credentials: {
    vi: "Tên đăng nhập hoặc mật khẩu không đúng",
    en: "Wrong username or password",
  },
  password_policy: {
    vi: "Mật khẩu phải có ít nhất 10 ký tự, gồm chữ và số",
    en: "Password needs at least 10 characters with letters and digits",
  },
  invalid_operation: { vi: "Thao tác không hợp lệ", en: "Operation not allowed" },
  import_failed: { vi: "Không nhập được tệp", en: "Import failed" },
  file_too_large: { vi: "Tệp vượt quá dung lượng cho phép", en: "The file is larger than allowed" },
  file_type_not_allowed: {
    vi: "Chỉ nhận tệp PDF, DOCX, XLSX, PNG hoặc JPEG",
    en: "Only PDF, DOCX, XLSX, PNG or JPEG files are accepted",
  },
  documents_required: {
    vi: "Bước này cần đính kèm tài liệu trước khi hoàn thành",
    en: "This step needs documents attached before it completes",
  },
  internal: { vi: "Lỗi hệ thống, vui lòng thử lại", en: "Internal error, please retry" },
};
