// A small page model that both renderers read: each form is laid out once, as data, and then written
// as DOCX (render-docx.ts) and as a print view (render-html.ts). That keeps the Word file and the
// printed page from drifting apart, and lets tests check one against the other.

export type Align = "left" | "center" | "right" | "justify";

export interface TextInline {
  kind: "text";
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Font size in points; the page's body size when absent. */
  size?: number;
}

export interface ImageInline {
  kind: "image";
  png: Buffer;
  /** Size on paper in millimetres (square images only need one). */
  sizeMm: number;
  alt: string;
}

export type Inline = TextInline | ImageInline;

export interface ParagraphBlock {
  kind: "paragraph";
  inlines: Inline[];
  align?: Align;
  /** First-line indent, as Vietnamese administrative prose uses (1 cm). */
  firstLineIndent?: boolean;
  /** Left indent in millimetres. */
  indentMm?: number;
  /** Space before and after, in points. */
  before?: number;
  after?: number;
}

export interface Cell {
  paragraphs: ParagraphBlock[];
  colSpan?: number;
  verticalAlign?: "top" | "center";
}

export interface TableBlock {
  kind: "table";
  /** Ruled grid (data tables) or invisible (the header and signature layouts). */
  ruled: boolean;
  /** Column widths in percent of the text width; they should add up to 100. */
  columns: number[];
  /** Rows repeated at the top of each printed page. */
  headerRows?: Cell[][];
  rows: Cell[][];
  /** Font size in points for the whole table. */
  size?: number;
}

export type Block = ParagraphBlock | TableBlock;

export interface FormPage {
  /** Document title (Word properties, browser tab). */
  title: string;
  /** Issuing agency, recorded as the Word document's author. */
  author: string;
  orientation: "portrait" | "landscape";
  blocks: Block[];
}

/** Body font size in points (Decree 30/2020/NĐ-CP: 13–14 for the text of administrative documents). */
export const BODY_SIZE = 13;

/** Margins in millimetres, inside the ranges of Decree 30/2020/NĐ-CP (top/bottom 20–25, left 30–35, right 15–20). */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

/** A text run. */
export function t(text: string, style: Omit<TextInline, "kind" | "text"> = {}): TextInline {
  return { kind: "text", text, ...style };
}

/** A paragraph of runs (a bare string is one plain run). */
export function p(
  inlines: Inline[] | string,
  options: Omit<ParagraphBlock, "kind" | "inlines"> = {},
): ParagraphBlock {
  return { kind: "paragraph", inlines: typeof inlines === "string" ? [t(inlines)] : inlines, ...options };
}

/** A table cell holding the given paragraphs (a bare string is one plain paragraph). */
export function cell(
  content: ParagraphBlock[] | ParagraphBlock | string,
  options: Omit<Cell, "paragraphs"> = {},
): Cell {
  const paragraphs =
    typeof content === "string" ? [p(content)] : Array.isArray(content) ? content : [content];
  return { paragraphs, ...options };
}

/** Every piece of text on the page, in reading order; tests compare renderers against it. */
export function pageText(page: FormPage): string[] {
  const out: string[] = [];
  const para = (b: ParagraphBlock) => {
    const s = b.inlines.map((i) => (i.kind === "text" ? i.text : "")).join("");
    if (s) out.push(s);
  };
  for (const block of page.blocks) {
    if (block.kind === "paragraph") para(block);
    else
      for (const row of [...(block.headerRows ?? []), ...block.rows])
        for (const c of row) c.paragraphs.forEach(para);
  }
  return out;
}
