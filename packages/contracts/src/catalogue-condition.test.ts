import { describe, expect, it } from "vitest";
import {
  ConditionSyntaxError,
  checkCondition,
  conditionFields,
  evaluateCondition,
  parseCondition,
  type TConditionField,
} from "./catalogue-condition";

const fields: TConditionField[] = [
  { key: "landArea", type: "number" },
  { key: "purpose", type: "select", options: ["residential", "commercial"] },
  { key: "urgent", type: "boolean" },
  { key: "applicantName", type: "text" },
  { key: "birthDate", type: "date" },
];

describe("parseCondition", () => {
  it.each([
    ["landArea > 100", { op: "cmp", field: "landArea", cmp: ">", value: 100 }],
    ['purpose = "residential"', { op: "cmp", field: "purpose", cmp: "=", value: "residential" }],
    ["purpose == 'commercial'", { op: "cmp", field: "purpose", cmp: "=", value: "commercial" }],
    ["urgent", { op: "truthy", field: "urgent" }],
    ["landArea >= -2.5", { op: "cmp", field: "landArea", cmp: ">=", value: -2.5 }],
    ["urgent = false", { op: "cmp", field: "urgent", cmp: "=", value: false }],
    [
      'purpose in ["residential", "commercial"]',
      { op: "in", field: "purpose", values: ["residential", "commercial"] },
    ],
    ["not urgent", { op: "not", arg: { op: "truthy", field: "urgent" } }],
    ["!urgent", { op: "not", arg: { op: "truthy", field: "urgent" } }],
  ])("parses %s", (src, tree) => {
    expect(parseCondition(src)).toEqual(tree);
  });

  it("binds and tighter than or, and honours parentheses", () => {
    expect(parseCondition("a or b and c")).toEqual({
      op: "or",
      args: [
        { op: "truthy", field: "a" },
        {
          op: "and",
          args: [
            { op: "truthy", field: "b" },
            { op: "truthy", field: "c" },
          ],
        },
      ],
    });
    expect(parseCondition("(a or b) && c")).toEqual({
      op: "and",
      args: [
        {
          op: "or",
          args: [
            { op: "truthy", field: "a" },
            { op: "truthy", field: "b" },
          ],
        },
        { op: "truthy", field: "c" },
      ],
    });
  });

  it("accepts Vietnamese keywords", () => {
    expect(parseCondition('landArea > 100 và purpose = "residential"')).toEqual(
      parseCondition('landArea > 100 and purpose = "residential"'),
    );
    expect(parseCondition("urgent hoặc không urgent")).toEqual(parseCondition("urgent or not urgent"));
  });

  it.each([
    "",
    "landArea >",
    "> 100",
    "landArea > 100 and",
    '"x" = purpose',
    "landArea = 'open",
    "(landArea > 1",
    "landArea > 1)",
    "purpose in []",
    "landArea ; drop table",
    "process.exit()",
    "constructor.constructor('x')()",
  ])("rejects %j with a syntax error", (src) => {
    expect(() => parseCondition(src)).toThrow(ConditionSyntaxError);
  });

  it("lists the fields a condition reads", () => {
    expect(conditionFields(parseCondition("a > 1 and (b or not a) and c in [1]"))).toEqual(["a", "b", "c"]);
  });
});

describe("checkCondition", () => {
  it.each([
    ['landArea > 100 and purpose = "residential"', []],
    ["urgent", []],
    ['birthDate < "2020-01-01"', []],
    ['applicantName = "Nguyễn Văn A"', []],
  ])("accepts %s", (src, problems) => {
    expect(checkCondition(parseCondition(src), fields)).toEqual(problems);
  });

  it.each([
    ["floorArea > 100", /floorArea.*không có/],
    ['landArea > "lớn"', /là số/],
    ['purpose = "industrial"', /không thuộc các lựa chọn/],
    ['applicantName > "A"', /chỉ dùng cho số hoặc ngày/],
    ["landArea", /không phải kiểu đúng\/sai/],
    ['birthDate = "01/02/2020"', /YYYY-MM-DD/],
    ["urgent = 1", /đúng\/sai/],
  ])("reports %s", (src, message) => {
    const problems = checkCondition(parseCondition(src), fields);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
});

describe("evaluateCondition", () => {
  const data = { landArea: 120, purpose: "residential", urgent: false, birthDate: "2019-05-01" };
  it.each([
    ['landArea > 100 and purpose = "residential"', true],
    ["landArea > 120", false],
    ["landArea >= 120", true],
    ["landArea != 120", false],
    ['purpose in ["commercial", "residential"]', true],
    ["urgent", false],
    ["not urgent", true],
    ['birthDate < "2020-01-01"', true],
    ["landArea < 50 or urgent", false],
    ["missingField > 1", false],
    ['missingField = "x"', false],
    ['missingField != "x"', false],
    ['purpose != "commercial"', true],
  ])("%s → %s", (src, expected) => {
    expect(evaluateCondition(parseCondition(src), data)).toBe(expected);
  });

  it("compares numbers that arrive as text from a form", () => {
    expect(evaluateCondition(parseCondition("landArea > 100"), { landArea: "150.5" })).toBe(true);
    expect(evaluateCondition(parseCondition("landArea > 100"), { landArea: "abc" })).toBe(false);
  });
});
