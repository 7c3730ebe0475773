import {
  BODY_SIZE,
  type Cell,
  type FormPage,
  type Inline,
  MARGINS_MM,
  type ParagraphBlock,
  type TableBlock,
} from "./layout";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and attribute values; every piece of data goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function inline(i: Inline): string {
  if (i.kind === "image") {
    const src = `data:image/png;base64,${i.png.toString("base64")}`;
    return `<img src="${src}" alt="${escapeHtml(i.alt)}" style="width:${i.sizeMm}mm;height:${i.sizeMm}mm">`;
  }
  const styles: string[] = [];
  if (i.bold) styles.push("font-weight:bold");
  if (i.italic) styles.push("font-style:italic");
  if (i.underline) styles.push("text-decoration:underline");
  if (i.size) styles.push(`font-size:${i.size}pt`);
  const text = escapeHtml(i.text);
  return styles.length ? `<span style="${styles.join(";")}">${text}</span>` : text;
}

function paragraph(b: ParagraphBlock, inTable: boolean): string {
  const styles = [`text-align:${b.align ?? "left"}`];
  if (b.firstLineIndent) styles.push("text-indent:10mm");
  if (b.indentMm) styles.push(`margin-left:${b.indentMm}mm`);
  styles.push(`margin-top:${b.before ?? 0}pt`, `margin-bottom:${b.after ?? (inTable ? 0 : 3)}pt`);
  // An empty paragraph still takes a line, as in Word (signature space).
  const body = b.inlines.map(inline).join("") || "&nbsp;";
  return `<p style="${styles.join(";")}">${body}</p>`;
}

function table(b: TableBlock): string {
  const cellHtml = (c: Cell, tag: "td" | "th") => {
    const attrs = [c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ""];
    if (c.verticalAlign === "center") attrs.push(' style="vertical-align:middle"');
    return `<${tag}${attrs.join("")}>${c.paragraphs.map((x) => paragraph(x, true)).join("")}</${tag}>`;
  };
  const rows = (rs: Cell[][], tag: "td" | "th") =>
    rs.map((r) => `<tr>${r.map((c) => cellHtml(c, tag)).join("")}</tr>`).join("");
  const cols = b.columns.map((w) => `<col style="width:${w}%">`).join("");
  const style = b.size ? ` style="font-size:${b.size}pt"` : "";
  const head = b.headerRows?.length ? `<thead>${rows(b.headerRows, "th")}</thead>` : "";
  return `<table class="${b.ruled ? "ruled" : "plain"}"${style}><colgroup>${cols}</colgroup>${head}<tbody>${rows(b.rows, "td")}</tbody></table>`;
}

/** Writes a laid-out form as one self-contained HTML page (A4, Times New Roman) for the browser to print. */
export function renderHtml(page: FormPage): string {
  const size = page.orientation === "landscape" ? "A4 landscape" : "A4 portrait";
  const sheetWidth = page.orientation === "landscape" ? 297 : 210;
  const m = MARGINS_MM;
  const css = `
@page { size: ${size}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
* { box-sizing: border-box; }
html { background: #e5e5e5; }
body { margin: 0; font-family: "Times New Roman", Times, serif; font-size: ${BODY_SIZE}pt; line-height: 1.2; color: #000; }
.sheet { width: ${sheetWidth}mm; margin: 8mm auto; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; background: #fff; box-shadow: 0 0 4px rgba(0,0,0,.3); }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
td, th { vertical-align: top; font-weight: normal; padding: 0 1.5mm; overflow-wrap: anywhere; }
table.ruled td, table.ruled th { border: 0.5pt solid #000; padding: 1mm 1.5mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
img { display: block; }
@media print {
  html { background: none; }
  .sheet { width: auto; margin: 0; padding: 0; box-shadow: none; }
}`;
  const body = page.blocks.map((b) => (b.kind === "paragraph" ? paragraph(b, false) : table(b))).join("\n");
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="author" content="${escapeHtml(page.author)}">
<title>${escapeHtml(page.title)}</title>
<style>${css}</style>
</head>
<body>
<main class="sheet">
${body}
</main>
</body>
</html>
`;
}
