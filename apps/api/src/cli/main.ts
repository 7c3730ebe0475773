import { auditCommand } from "./audit";
import { calendarCommand } from "./calendar";
import { serveCommand } from "./serve";
import { workerCommand } from "./worker";

const usage = `Cách dùng / usage:
  eiso serve [--demo] [--port N]     chạy máy chủ / run the HTTP server
  eiso worker                        gửi thư, thông báo từ hàng đợi / deliver the outbox
  eiso audit verify [--tenant ID]    kiểm tra chuỗi băm nhật ký / verify the audit hash chain
  eiso calendar <holidays|lunar|solar|deadline> …   lịch làm việc / working-day calendar`;

/** Dispatches `eiso <command> …` and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) };
  switch (command) {
    case "serve":
      return serveCommand(rest);
    case "worker":
      return workerCommand(rest, io);
    case "audit":
      return auditCommand(rest, io);
    case "calendar":
      return calendarCommand(rest, io);
    default:
      process.stderr.write(`${usage}\n`);
      return command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
}
