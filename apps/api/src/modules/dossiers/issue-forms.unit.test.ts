import { describe, expect, it } from "vitest";
import { processingTimeText } from "../catalogue/procedure-columns";
import { processingTimeOf } from "./issue-forms";

const hours = (h: number) => h * 3_600_000;

describe("the handling time printed on form 01", () => {
  it("is told in working days when it is a whole or half number of them, otherwise in hours", () => {
    expect([16, 8, 4, 12, 120, 3, 10].map((h) => processingTimeText(processingTimeOf(hours(h))))).toEqual([
      "2 ngày làm việc",
      "1 ngày làm việc",
      "0,5 ngày làm việc",
      "1,5 ngày làm việc",
      "15 ngày làm việc",
      "3 giờ làm việc",
      "10 giờ làm việc",
    ]);
  });
});
