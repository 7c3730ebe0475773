import { calendarCommand } from "./calendar";

const usage = `Cách dùng / usage:
  eiso serve [--demo] [--port N]     chạy máy chủ / run the HTTP server
  eiso audit verify [--tenant ID]    kiểm tra chuỗi băm nhật ký / verify the audit hash chain
  eiso calendar <holidays|lunar|solar|deadline> …   lịch làm việc / working-day calendar`;

/** Dispatches `eiso <command> …` and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "calendar":
      return calendarCommand(rest, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
    default:
      process.stderr.write(`${usage}\n`);
      return command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
}
