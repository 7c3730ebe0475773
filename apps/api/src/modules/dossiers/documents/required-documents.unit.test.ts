import { requiredDocumentList } from "@eiso/contracts";
import { describe, expect, it } from "vitest";
import { type AttachedDocument, missingDocuments } from "./required-documents";

describe("requiredDocumentList", () => {
  it.each([
    ["Dự thảo kết quả;Phiếu thẩm định", ["Dự thảo kết quả", "Phiếu thẩm định"]],
    [" Dự thảo kết quả ; ;Dự  thảo kết quả\nTờ trình", ["Dự thảo kết quả", "Tờ trình"]],
    ["", []],
    [null, []],
  ])("reads %j as %j", (value, expected) => {
    expect(requiredDocumentList(value)).toEqual(expected);
  });
});

describe("missingDocuments", () => {
  const required = ["Dự thảo kết quả", "Phiếu thẩm định"];
  const doc = (kind: AttachedDocument["kind"], label: string, nodeId: string | null): AttachedDocument => ({
    kind,
    label,
    nodeId,
  });
  it.each<[string, AttachedDocument[], string[]]>([
    ["nothing attached", [], required],
    ["a working paper of this step", [doc("working", "Phiếu thẩm định", "process")], ["Dự thảo kết quả"]],
    ["a result attached to the dossier", [doc("result", "Dự thảo kết quả", null)], ["Phiếu thẩm định"]],
    [
      "labels differing in case and spacing",
      [doc("working", "dự thảo  KẾT QUẢ", "process")],
      ["Phiếu thẩm định"],
    ],
    ["a paper of another step", [doc("working", "Dự thảo kết quả", "approve")], required],
    ["the applicant's scan with the same label", [doc("submitted", "Dự thảo kết quả", null)], required],
    ["a label without its accents", [doc("working", "Du thao ket qua", "process")], required],
    ["both", [doc("working", "Phiếu thẩm định", "process"), doc("result", "Dự thảo kết quả", "process")], []],
  ])("with %s", (_, attached, missing) => {
    expect(missingDocuments(required, attached, "process")).toEqual(missing);
  });
});
