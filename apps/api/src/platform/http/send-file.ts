import type { FastifyReply } from "fastify";
import { contentDisposition } from "../files/media-type";
import type { StoredFile } from "../files/stored-files";

/** Answers with a stored file: its checked media type, its name, never sniffed or cached by the browser. */
export function sendStoredFile(reply: FastifyReply, file: StoredFile, content: Buffer) {
  return reply
    .header("content-type", file.mediaType)
    .header("content-disposition", contentDisposition(file.name))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .header("x-content-sha256", file.sha256)
    .send(content);
}
