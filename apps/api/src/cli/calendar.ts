import { parseArgs } from "node:util";
import {
  type CalendarOptions,
  createCalendar,
  formatDate,
  formatVietnamInstant,
  lunarToSolar,
  parseDate,
  parseInstant,
  solarToLunar,
  type WorkingAmount,
} from "@eiso/calendar";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `Cách dùng / usage:
  eiso calendar holidays <năm> [--json]
  eiso calendar lunar <YYYY-MM-DD> [--json]
  eiso calendar solar <năm> <tháng> <ngày> [--leap] [--json]
  eiso calendar deadline --from <thời điểm ISO> (--days <n> | --hours <n>) [--json]
`;

// Bad input is a usage error (exit 2), with the message on stderr; the library's RangeErrors
// already carry a Vietnamese / English message.
class UsageError extends Error {}

const KIND_LABELS: Record<string, string> = {
  holiday: "nghỉ lễ, tết",
  compensatory: "nghỉ bù",
  "swap-off": "nghỉ hoán đổi",
  "swap-work": "làm việc bù",
};

const WEEKDAYS = ["", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"];

function weekdayOf(date: string): string {
  const d = parseDate(date);
  const utcDay = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return WEEKDAYS[utcDay === 0 ? 7 : utcDay]!;
}

function integerArg(text: string | undefined, what: string): number {
  if (text === undefined || !/^-?\d+$/.test(text))
    throw new UsageError(`${what} phải là số nguyên / must be an integer`);
  return Number(text);
}

function amountArg(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`${what} phải là số không âm / must be a non-negative number: ${text}`);
  }
  return value;
}

function expectPositionals(positionals: string[], count: number, usage: string): void {
  if (positionals.length !== count) throw new UsageError(`Cần ${count} tham số / expected: ${usage}`);
}

function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/**
 * `eiso calendar …`. The CLI uses the shipped schedules; `options.overrides` lets a caller that
 * has a tenant's overrides (the server) pass them in.
 */
export async function calendarCommand(
  argv: string[],
  io: CliIo,
  options: CalendarOptions = {},
): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "help" || sub === "--help" || sub === "-h") {
    (sub === undefined ? io.err : io.out)(USAGE);
    return sub === undefined ? 2 : 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean", default: false },
        leap: { type: "boolean", default: false },
        from: { type: "string" },
        days: { type: "string" },
        hours: { type: "string" },
      },
    });
    const asJson = values.json;
    const calendar = createCalendar(options);

    switch (sub) {
      case "holidays": {
        expectPositionals(positionals, 1, "holidays <năm>");
        const year = integerArg(positionals[0], "Năm / year");
        const days = calendar.holidays(year);
        if (asJson) {
          io.out(json(days.map((d) => ({ date: d.date, name: d.name, kind: d.kind }))));
        } else {
          io.out(`Ngày nghỉ lễ, nghỉ bù và hoán đổi năm ${year} (giờ Việt Nam):\n`);
          for (const d of days) {
            io.out(`${d.date}  ${weekdayOf(d.date).padEnd(9)} ${d.name} [${KIND_LABELS[d.kind]}]\n`);
          }
        }
        return 0;
      }
      case "lunar": {
        expectPositionals(positionals, 1, "lunar <YYYY-MM-DD>");
        const lunar = solarToLunar(parseDate(positionals[0]!));
        if (asJson) {
          io.out(json({ year: lunar.year, month: lunar.month, day: lunar.day, leap: lunar.leap }));
        } else {
          io.out(
            `Ngày ${positionals[0]} dương lịch là ngày ${lunar.day} tháng ${lunar.month}${lunar.leap ? " nhuận" : ""} năm ${lunar.year} âm lịch.\n`,
          );
        }
        return 0;
      }
      case "solar": {
        expectPositionals(positionals, 3, "solar <năm> <tháng> <ngày>");
        const lunar = {
          year: integerArg(positionals[0], "Năm / year"),
          month: integerArg(positionals[1], "Tháng / month"),
          day: integerArg(positionals[2], "Ngày / day"),
          leap: values.leap,
        };
        const date = formatDate(lunarToSolar(lunar));
        if (asJson) {
          io.out(json({ date }));
        } else {
          io.out(
            `Ngày ${lunar.day} tháng ${lunar.month}${lunar.leap ? " nhuận" : ""} năm ${lunar.year} âm lịch là ${weekdayOf(date)}, ngày ${date} dương lịch.\n`,
          );
        }
        return 0;
      }
      case "deadline": {
        expectPositionals(positionals, 0, "deadline --from <thời điểm> --days <n>");
        if (values.from === undefined) throw new UsageError("Thiếu --from / --from is required");
        const from = parseInstant(values.from);
        const amount: WorkingAmount = {};
        const days = amountArg(values.days, "--days");
        const hours = amountArg(values.hours, "--hours");
        if (days === undefined && hours === undefined) {
          throw new UsageError("Cần --days hoặc --hours / --days or --hours is required");
        }
        if (days !== undefined) amount.days = days;
        if (hours !== undefined) amount.hours = hours;
        const due = formatVietnamInstant(calendar.addWorkingTime(from, amount));
        if (asJson) {
          io.out(json({ due }));
        } else {
          const parts = [
            days !== undefined ? `${days} ngày làm việc` : "",
            hours !== undefined ? `${hours} giờ làm việc` : "",
          ];
          io.out(
            `Tiếp nhận lúc ${formatVietnamInstant(from)}, thời hạn ${parts.filter(Boolean).join(" + ")}: hẹn trả ${weekdayOf(due.slice(0, 10))}, ${due.slice(11, 16)} ngày ${due.slice(0, 10)} (${due}).\n`,
          );
        }
        return 0;
      }
      default:
        throw new UsageError(`Lệnh không hợp lệ / unknown command: calendar ${sub}`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError || isParseArgsError(error)) {
      io.err(`calendar: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
