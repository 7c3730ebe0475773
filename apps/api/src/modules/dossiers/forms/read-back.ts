// Reads generated forms back for the tests: the text of a DOCX, its embedded images, and what a QR
// image says. Kept beside the forms so every test file parses the same way.

import jsQR from "jsqr";
import JSZip from "jszip";
import { PNG } from "pngjs";

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
  "&amp;": "&",
};
const unescapeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (e) => ENTITIES[e] ?? e);

export interface DocxContent {
  /** word/document.xml as stored. */
  xml: string;
  /** Text of each paragraph (including those in table cells), in document order. */
  paragraphs: string[];
  /** Paths of the files under word/media/. */
  media: string[];
  zip: JSZip;
}

/** Opens a DOCX (a zip) and extracts its paragraphs' text and media list. */
export async function readDocx(docx: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file("word/document.xml");
  if (!file) throw new Error("No word/document.xml in the DOCX");
  const xml = await file.async("string");
  const paragraphs = [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) =>
    [...(m[1] ?? "").matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => unescapeXml(t[1] ?? ""))
      .join(""),
  );
  const media = Object.keys(zip.files).filter((name) => name.startsWith("word/media/"));
  return { xml, paragraphs, media, zip };
}

/** Decodes the QR code in a PNG image; null when none is found. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** Text of a print view with tags removed and entities decoded (the value a reader sees). */
export function htmlText(html: string): string {
  return unescapeXml(
    html
      .replace(/<style[\s\S]*?<\/style>/g, "")
      // Block ends break lines; inline tags (bold spans) do not, so a labelled value stays on its line.
      .replace(/<\/(p|td|th|tr|title)>/g, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&#39;/g, "'")
      .replace(/&nbsp;/g, " "),
  );
}
