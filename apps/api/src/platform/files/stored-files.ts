import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable, Tx } from "../db/client";
import { notFound } from "../errors";
import { newId } from "../ids";
import { cleanFileName, fileTooLarge, sniffMediaType } from "./media-type";
import { storedFiles } from "./tables";

/** A stored file without its content. */
export interface StoredFile {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdBy: string | null;
  createdAt: Date;
}

/**
 * The file store: the only code that knows where content lives (today a `bytea` column, so every
 * API node sees every file). Another backend (object storage) would implement these three functions.
 */
export interface FileStore {
  /** Checks size and content type, then stores the file in the caller's transaction. */
  put(
    tx: Tx,
    owner: { tenantId: string; userId: string | null },
    input: { name: string | undefined; content: Buffer; maxBytes: number },
  ): Promise<StoredFile>;
  /** The file and its content. */
  read(db: Queryable, tenantId: string, id: string): Promise<{ file: StoredFile; content: Buffer }>;
  /** Descriptions of files by id, without content. */
  describe(db: Queryable, tenantId: string, ids: string[]): Promise<Map<string, StoredFile>>;
}

const described = {
  id: storedFiles.id,
  name: storedFiles.name,
  mediaType: storedFiles.mediaType,
  size: storedFiles.size,
  sha256: storedFiles.sha256,
  createdBy: storedFiles.createdBy,
  createdAt: storedFiles.createdAt,
};

export const databaseFileStore: FileStore = {
  async put(tx, owner, input) {
    if (input.content.length > input.maxBytes) throw fileTooLarge(input.maxBytes);
    const mediaType = await sniffMediaType(input.content);
    const file: StoredFile = {
      id: newId(),
      name: cleanFileName(input.name),
      mediaType,
      size: input.content.length,
      sha256: createHash("sha256").update(input.content).digest("hex"),
      createdBy: owner.userId,
      createdAt: new Date(),
    };
    await tx.insert(storedFiles).values({ tenantId: owner.tenantId, ...file, content: input.content });
    return file;
  },

  async read(db, tenantId, id) {
    const [row] = await db
      .select({ ...described, content: storedFiles.content })
      .from(storedFiles)
      .where(and(eq(storedFiles.tenantId, tenantId), eq(storedFiles.id, id)));
    if (!row) throw notFound({ vi: "Không tìm thấy tệp", en: "File not found" });
    const { content, ...file } = row;
    return { file, content };
  },

  async describe(db, tenantId, ids) {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await db
      .select(described)
      .from(storedFiles)
      .where(and(eq(storedFiles.tenantId, tenantId), inArray(storedFiles.id, unique)));
    return new Map(rows.map((r) => [r.id, r]));
  },
};

/** The store in use. */
export const fileStore: FileStore = databaseFileStore;
