export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** `eiso calendar …` — implemented with packages/calendar. */
export async function calendarCommand(_argv: string[], io: CliIo): Promise<number> {
  io.err("calendar: not implemented yet\n");
  return 2;
}
