import type { FastifyRequest } from "fastify";
import { AppError } from "../errors";

/**
 * The one file of a multipart request, read whole. No file is a validation error; a file over the
 * multipart limit is `tooLarge()` when given, otherwise the error handler's `payload_too_large`.
 */
export async function readUpload(
  req: FastifyRequest,
  tooLarge?: () => AppError,
): Promise<{ filename: string; content: Buffer }> {
  const part = await req.file();
  if (!part) throw new AppError("validation_failed", { vi: "Chưa chọn tệp", en: "No file uploaded" });
  try {
    return { filename: part.filename, content: await part.toBuffer() };
  } catch (e) {
    if (tooLarge && (e as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
    throw e;
  }
}
