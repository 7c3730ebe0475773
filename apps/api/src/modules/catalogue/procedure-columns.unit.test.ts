import { describe, expect, it } from "vitest";
import {
  documentsFrom,
  documentsText,
  feesFrom,
  feesText,
  levelFrom,
  methodsFrom,
  processingTimeFrom,
} from "./procedure-columns";

describe("reading procedure spreadsheet cells", () => {
  it.each([
    ["5 ngày làm việc", { amount: 5, unit: "days" }],
    ["0,5 ngày", { amount: 0.5, unit: "days" }],
    ["4 giờ", { amount: 4, unit: "hours" }],
    ["3", { amount: 3, unit: "days" }],
    ["", null],
    ["vài hôm", undefined],
    ["0 ngày", undefined],
  ])("processing time %j", (cell, expected) => {
    expect(processingTimeFrom(cell)).toEqual(expected);
  });

  it.each([
    ["Lệ phí: 8.000", [{ name: "Lệ phí", amountVnd: 8000 }]],
    ["50000", [{ name: "Lệ phí", amountVnd: 50000 }]],
    ["Miễn phí", []],
    ["", []],
    [
      "Lệ phí: 100.000 đồng; Phí thẩm định: 20,000 VND/hồ sơ",
      [
        { name: "Lệ phí", amountVnd: 100000 },
        { name: "Phí thẩm định", amountVnd: 20000, note: "/hồ sơ" },
      ],
    ],
    [
      "Phí chứng thực: 2.000 đồng /trang; từ trang thứ ba 1.000 đồng/trang",
      [{ name: "Phí chứng thực", amountVnd: 2000, note: "/trang; từ trang thứ ba 1.000 đồng/trang" }],
    ],
    ["Lệ phí: nhiều", null],
  ])("fees %j", (cell, expected) => {
    expect(feesFrom(cell)).toEqual(expected);
  });

  it("writes fees the way it reads them", () => {
    const fees = [{ name: "Phí chứng thực", amountVnd: 2000, note: "/trang; tối đa 200.000 đồng/bản" }];
    expect(feesFrom(feesText(fees))).toEqual(fees);
    expect(feesFrom(feesText([]))).toEqual([]);
  });

  it("reads levels, methods and documents by label, without accents", () => {
    expect(["Cấp xã", "cap huyen", "province", "Cấp phường"].map(levelFrom)).toEqual([
      "commune",
      "district",
      "province",
      "commune",
    ]);
    expect(levelFrom("Cấp vũ trụ")).toBeNull();
    expect(methodsFrom("Trực tiếp, Trực tuyến; Dịch vụ bưu chính")).toEqual(["counter", "online", "post"]);
    expect(methodsFrom("Bồ câu đưa thư")).toBeNull();
    expect(documentsFrom("Tờ khai | 1 | 0\nCMND | 0 | 2\nẢnh")).toEqual([
      { name: "Tờ khai", originals: 1, copies: 0, required: true },
      { name: "CMND", originals: 0, copies: 2, required: true },
      { name: "Ảnh", originals: 1, copies: 0, required: true },
    ]);
    expect(documentsFrom("Tờ khai | một | 0")).toBeNull();
  });

  it('reads papers handed in "if any" from a fourth column or from the name, and writes them back', () => {
    const text = [
      "Văn bản ủy quyền | 1 | 0 | nếu có",
      "Văn bản thỏa thuận chọn quốc tịch cho con (Nếu có) | 1 | 0",
      "Giấy tờ chứng minh (nếu có) | 0 | 1 | bắt buộc",
      "Tờ khai | 1 | 0 | Khong bat buoc",
      "Văn bản ủy quyền (nếu ủy quyền đăng ký) | 1 | 0",
      "Biên bản họp (nếu các thành viên cùng đăng ký) | 0 | 1",
      "Giấy tờ nêu rõ nếu có thay đổi | 1 | 0",
    ].join("\n");
    const docs = documentsFrom(text);
    // A parenthesis opening with "nếu": only in some cases; "nếu" elsewhere in the name says nothing.
    expect(docs?.map((d) => d.required)).toEqual([false, false, true, false, false, false, true]);
    expect(documentsFrom(documentsText(docs!))).toEqual(docs);
    expect(documentsFrom("Tờ khai | 1 | 0 | có lẽ")).toBeNull();
    expect(documentsFrom("Tờ khai | 1 | 0 | nếu có | thừa")).toBeNull();
  });
});
