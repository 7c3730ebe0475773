import type { FormPage } from "./layout";
import { renderDocx } from "./render-docx";
import { renderHtml } from "./render-html";
import type { GeneratedForm } from "./types";

/** Both outputs of a form from the one layout: the Word file and the print view. */
export async function renderForm(page: FormPage): Promise<GeneratedForm> {
  return { docx: await renderDocx(page), html: renderHtml(page) };
}
