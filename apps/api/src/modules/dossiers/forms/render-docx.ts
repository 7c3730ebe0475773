import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import {
  BODY_SIZE,
  type Cell,
  type FormPage,
  type Inline,
  MARGINS_MM,
  type ParagraphBlock,
  type TableBlock,
} from "./layout";

// A4 in twentieths of a point; Word's landscape page is the same sheet turned.
const A4 = { short: 11906, long: 16838 };
const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
const pixels = (mm: number) => Math.round((mm * 96) / 25.4);

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const bordersOf = (b: typeof NO_BORDER | typeof THIN) => ({
  top: b,
  bottom: b,
  left: b,
  right: b,
  insideHorizontal: b,
  insideVertical: b,
});

function inline(i: Inline, tableSize: number | undefined): TextRun | ImageRun {
  if (i.kind === "image") {
    const px = pixels(i.sizeMm);
    return new ImageRun({
      type: "png",
      data: i.png,
      transformation: { width: px, height: px },
      altText: { name: i.alt, title: i.alt, description: i.alt },
    });
  }
  const size = i.size ?? tableSize;
  return new TextRun({
    text: i.text,
    bold: i.bold,
    italics: i.italic,
    underline: i.underline ? {} : undefined,
    size: size ? size * 2 : undefined,
  });
}

function paragraph(b: ParagraphBlock, tableSize?: number): Paragraph {
  return new Paragraph({
    alignment: ALIGN[b.align ?? "left"],
    indent: {
      firstLine: b.firstLineIndent ? twips(10) : undefined,
      left: b.indentMm ? twips(b.indentMm) : undefined,
    },
    spacing: { before: (b.before ?? 0) * 20, after: (b.after ?? (tableSize ? 0 : 3)) * 20 },
    children: b.inlines.map((i) => inline(i, tableSize)),
  });
}

function table(b: TableBlock, textWidth: number): Table {
  const widths = b.columns.map((pct) => Math.round((textWidth * pct) / 100));
  const spanWidth = (start: number, span: number) =>
    widths.slice(start, start + span).reduce((a, w) => a + w, 0);
  const row = (cells: Cell[], header: boolean) => {
    let col = 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c) => {
        const span = c.colSpan ?? 1;
        const width = spanWidth(col, span);
        col += span;
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          columnSpan: span > 1 ? span : undefined,
          verticalAlign: c.verticalAlign === "center" ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
          margins: { left: 80, right: 80, top: b.ruled ? 40 : 0, bottom: b.ruled ? 40 : 0 },
          // Word wants at least one paragraph in a cell.
          children: c.paragraphs.length ? c.paragraphs.map((x) => paragraph(x, b.size)) : [new Paragraph("")],
        });
      }),
    });
  };
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: bordersOf(b.ruled ? THIN : NO_BORDER),
    rows: [...(b.headerRows ?? []).map((r) => row(r, true)), ...b.rows.map((r) => row(r, false))],
  });
}

/** Writes a laid-out form as a Word document (A4, Times New Roman, Vietnamese). */
export async function renderDocx(page: FormPage): Promise<Buffer> {
  const landscape = page.orientation === "landscape";
  const width = landscape ? A4.long : A4.short;
  const textWidth = width - twips(MARGINS_MM.left) - twips(MARGINS_MM.right);
  const doc = new Document({
    creator: page.author,
    lastModifiedBy: page.author,
    title: page.title,
    styles: {
      default: {
        document: {
          run: { font: "Times New Roman", size: BODY_SIZE * 2, language: { value: "vi-VN" } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height itself for landscape, so the portrait size is given here.
            size: {
              width: A4.short,
              height: A4.long,
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: twips(MARGINS_MM.top),
              bottom: twips(MARGINS_MM.bottom),
              left: twips(MARGINS_MM.left),
              right: twips(MARGINS_MM.right),
            },
          },
        },
        children: page.blocks.map((b) => (b.kind === "paragraph" ? paragraph(b) : table(b, textWidth))),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
