import { describe, expect, it } from "vitest";
import { dossierDataProblems, missingDocuments, supplementItems } from "./receive-dossier";

const fields = [
  { key: "floors", label: "Số tầng", type: "number" as const },
  { key: "site", label: "Cần kiểm tra thực địa", type: "boolean" as const },
  { key: "permitDate", label: "Ngày cấp phép cũ", type: "date" as const },
  { key: "purpose", label: "Mục đích", type: "select" as const, options: ["Kết hôn", "Khác"] },
  { key: "note", label: "Ghi chú", type: "text" as const },
];
const keys = (data: Parameters<typeof dossierDataProblems>[1]) =>
  dossierDataProblems(fields, data).map((p) => p.key);

describe("the dossier's data against the procedure's fields", () => {
  it("accepts values of the declared types, and empty ones", () => {
    expect(
      keys({ floors: 3, site: false, permitDate: "2024-02-29", purpose: "Kết hôn", note: "x", ...{} }),
    ).toEqual([]);
    expect(keys({ floors: null, site: null, permitDate: null, purpose: null })).toEqual([]);
    expect(keys({})).toEqual([]);
  });

  it("refuses keys the procedure does not declare", () => {
    const problems = dossierDataProblems(fields, { pages: 4, floors: 2 });
    expect(problems.map((p) => p.key)).toEqual(["pages"]);
    expect(problems[0]!.vi).toContain("không có trường này");
  });

  it("refuses values of the wrong type, naming the field and what it needs", () => {
    expect(keys({ floors: "3" })).toEqual(["floors"]);
    expect(keys({ site: "có" })).toEqual(["site"]);
    expect(keys({ permitDate: "2023-02-29" })).toEqual(["permitDate"]);
    expect(keys({ permitDate: "29/02/2024" })).toEqual(["permitDate"]);
    expect(keys({ purpose: "Mua bán" })).toEqual(["purpose"]);
    expect(keys({ note: 5 })).toEqual(["note"]);
    const [problem] = dossierDataProblems(fields, { purpose: "Mua bán" });
    expect(problem!.vi).toBe("Mục đích: cần một trong: Kết hôn, Khác");
  });
});

describe("the papers handed in against the procedure's list", () => {
  const papers = [
    { name: "Tờ khai", originals: 1, copies: 0, required: true },
    { name: "Giấy tờ tùy thân", originals: 0, copies: 1, required: true },
    { name: "Văn bản ủy quyền (nếu có)", originals: 1, copies: 0, required: false },
  ];
  it('misses required papers, or too few of them, never a paper handed in "if any"', () => {
    expect(missingDocuments(papers, [{ name: "to khai", originals: 1, copies: 0 }])).toEqual([
      "Giấy tờ tùy thân",
    ]);
    expect(
      missingDocuments(papers, [
        { name: "Tờ khai", originals: 1, copies: 0 },
        { name: "Giấy tờ tùy thân", originals: 0, copies: 0 },
        { name: "Văn bản ủy quyền (nếu có)", originals: 0, copies: 0 },
      ]),
    ).toEqual(["Giấy tờ tùy thân"]);
    expect(
      missingDocuments(papers, [
        { name: "Tờ khai", originals: 1, copies: 0 },
        { name: "Giấy tờ tùy thân", originals: 0, copies: 1 },
      ]),
    ).toEqual([]);
  });
});

describe("form 02's rows when the desk asks the applicant to complete the papers", () => {
  it("say why a paper is asked for (missing or short of copies), and keep what the clerk wrote otherwise", () => {
    const papers = [
      { name: "Tờ khai", originals: 1, copies: 0 },
      { name: "Giấy tờ tùy thân", originals: 0, copies: 2 },
    ];
    expect(
      supplementItems(
        papers,
        [{ name: "Giấy tờ tùy thân", originals: 0, copies: 1 }],
        ["to khai", "Giấy tờ tùy thân", "Ký đủ các trang của tờ khai"],
      ),
    ).toEqual([
      { requirement: "Tờ khai", reason: "Chưa nộp giấy tờ này" },
      { requirement: "Giấy tờ tùy thân", reason: "Chưa đủ số bản: cần 0 bản chính, 2 bản sao" },
      { requirement: "Ký đủ các trang của tờ khai", reason: "" },
    ]);
  });
});
