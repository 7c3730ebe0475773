import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { calendarCommand } from "./calendar";

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await calendarCommand(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe("eiso calendar holidays", () => {
  it("prints the year's days as a JSON array of {date, name, kind} sorted by date", async () => {
    const { code, out, err } = await run("holidays", "2026", "--json");
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out.endsWith("\n")).toBe(true);
    const days = JSON.parse(out) as Array<Record<string, string>>;
    for (const d of days) {
      expect(Object.keys(d)).toEqual(["date", "name", "kind"]);
      expect(d.date).toMatch(/^2026-\d{2}-\d{2}$/);
      expect(["holiday", "compensatory", "swap-off", "swap-work"]).toContain(d.kind);
    }
    expect(days.map((d) => d.date)).toEqual(days.map((d) => d.date).sort());
    expect(days).toContainEqual({
      date: "2026-02-17",
      name: "Tết Âm lịch (mùng 1 tháng Giêng)",
      kind: "holiday",
    });
    expect(days).toContainEqual({
      date: "2026-04-27",
      name: "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)",
      kind: "compensatory",
    });
    expect(days.find((d) => d.date === "2026-01-02")?.kind).toBe("swap-off");
    expect(days.find((d) => d.date === "2026-01-10")?.kind).toBe("swap-work");
    expect(out).toBe(`${JSON.stringify(days)}\n`);
  });

  it("prints readable Vietnamese without --json", async () => {
    const { code, out } = await run("holidays", "2026");
    expect(code).toBe(0);
    expect(out).toContain("2026-02-17  Thứ Ba    Tết Âm lịch (mùng 1 tháng Giêng) [nghỉ lễ, tết]");
  });

  it("passes tenant overrides through", async () => {
    let out = "";
    const code = await calendarCommand(
      ["holidays", "2026", "--json"],
      { out: (s) => (out += s), err: () => {} },
      {
        overrides: [
          { year: 2026, days: [{ date: "2026-11-24", name: "Ngày Văn hóa Việt Nam", kind: "holiday" }] },
        ],
      },
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toContainEqual({
      date: "2026-11-24",
      name: "Ngày Văn hóa Việt Nam",
      kind: "holiday",
    });
  });
});

describe("eiso calendar lunar / solar", () => {
  it.each([
    ["2026-02-17", '{"year":2026,"month":1,"day":1,"leap":false}\n'],
    ["2025-07-25", '{"year":2025,"month":6,"day":1,"leap":true}\n'],
    ["1985-01-21", '{"year":1985,"month":1,"day":1,"leap":false}\n'],
  ])("lunar %s --json", async (date, expected) => {
    expect(await run("lunar", date, "--json")).toEqual({ code: 0, out: expected, err: "" });
  });

  it.each([
    [["2026", "3", "10"], '{"date":"2026-04-26"}\n'],
    [["2025", "6", "1", "--leap"], '{"date":"2025-07-25"}\n'],
    [["2025", "6", "1"], '{"date":"2025-06-25"}\n'],
    [["2007", "1", "1"], '{"date":"2007-02-17"}\n'],
  ])("solar %j --json", async (args, expected) => {
    expect(await run("solar", ...args, "--json")).toEqual({ code: 0, out: expected, err: "" });
  });

  it("explains the conversion in Vietnamese without --json", async () => {
    const { out } = await run("lunar", "2026-02-17");
    expect(out).toBe("Ngày 2026-02-17 dương lịch là ngày 1 tháng 1 năm 2026 âm lịch.\n");
  });
});

describe("eiso calendar deadline", () => {
  it.each([
    [["--from", "2026-02-13T10:00:00+07:00", "--days", "3"], '{"due":"2026-02-25T10:00:00+07:00"}\n'],
    [["--from", "2026-02-13T03:00:00Z", "--days", "3"], '{"due":"2026-02-25T10:00:00+07:00"}\n'],
    [["--from", "2026-03-13T18:00:00+07:00", "--hours", "4"], '{"due":"2026-03-16T11:30:00+07:00"}\n'],
    [["--from", "2026-03-13T18:00:00+07:00", "--days", "0.5"], '{"due":"2026-03-16T11:30:00+07:00"}\n'],
    [["--from", "2026-01-09T16:00:00+07:00", "--hours", "4"], '{"due":"2026-01-10T10:30:00+07:00"}\n'],
    [
      ["--from", "2026-02-13T07:30:00+07:00", "--days", "1", "--hours", "8"],
      '{"due":"2026-02-23T17:00:00+07:00"}\n',
    ],
  ])("deadline %j --json", async (args, expected) => {
    expect(await run("deadline", ...args, "--json")).toEqual({ code: 0, out: expected, err: "" });
  });

  it("prints the appointment in Vietnamese without --json", async () => {
    const { code, out } = await run("deadline", "--from", "2026-02-13T10:00:00+07:00", "--days", "3");
    expect(code).toBe(0);
    expect(out).toContain("hẹn trả Thứ Tư, 10:00 ngày 2026-02-25");
  });
});

describe("bad arguments", () => {
  it.each([
    [[]],
    [["nope"]],
    [["holidays"]],
    [["holidays", "abc", "--json"]],
    [["holidays", "1800", "--json"]],
    [["holidays", "2026", "--bogus"]],
    [["lunar", "2026-02-30", "--json"]],
    [["lunar", "17/02/2026"]],
    [["solar", "2026", "6", "1", "--leap", "--json"]],
    [["solar", "2026", "2", "30", "--json"]],
    [["solar", "2026", "13"]],
    [["deadline", "--days", "3", "--json"]],
    [["deadline", "--from", "yesterday", "--days", "3"]],
    [["deadline", "--from", "2026-02-13T10:00:00+07:00", "--json"]],
    [["deadline", "--from", "2026-02-13T10:00:00+07:00", "--days", "-1"]],
    [["deadline", "--from", "2026-02-13T10:00:00+07:00", "--days", "three"]],
  ])("%j exits 2 with a message on stderr and nothing on stdout", async (argv) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/calendar|Cách dùng/);
  });

  it("prints help on stdout with exit code 0", async () => {
    const { code, out } = await run("--help");
    expect(code).toBe(0);
    expect(out).toContain("eiso calendar deadline");
  });
});

// Each test starts Node with the TypeScript loader: seconds alone, much more on a busy CI machine.
describe("the real command", { timeout: 120_000 }, () => {
  it("`node apps/api/bin/eiso.mjs calendar lunar 2026-02-17 --json` prints the contract format", async () => {
    const bin = fileURLToPath(new URL("../../bin/eiso.mjs", import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, "calendar", "lunar", "2026-02-17", "--json"],
      {
        env: { ...process.env, TZ: "America/New_York" },
      },
    );
    expect(stdout).toBe('{"year":2026,"month":1,"day":1,"leap":false}\n');
  });

  it("exits with code 2 on a bad date", async () => {
    const bin = fileURLToPath(new URL("../../bin/eiso.mjs", import.meta.url));
    const result = await promisify(execFile)(process.execPath, [bin, "calendar", "lunar", "not-a-date"]).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("not-a-date");
  });
});
