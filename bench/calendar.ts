import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createCalendar } from "../packages/calendar/src/calendar";
import { heading, machine, num } from "./lib/figures";

export const usage = `npm run bench -- calendar [options]
  Deadline arithmetic of packages/calendar (no I/O): receipt instant + N working days, over the
  years' holidays and swaps, as the dossier runtime computes for every step and dossier.
  --count 200000   deadlines per round
  --rounds 5       rounds (the first warms the JIT and is not counted)`;

export async function calendar(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { count: { type: "string", default: "200000" }, rounds: { type: "string", default: "5" } },
  });
  const count = Number(values.count);
  const rounds = Number(values.rounds);
  heading("calendar: deadline arithmetic");
  console.log(machine());
  const cal = createCalendar();
  const from = Date.UTC(2026, 0, 5, 1, 0);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    let sink = 0;
    for (let i = 0; i < count; i++) {
      // Receipts spread hour by hour over about 23 years, 1–60 working days each.
      sink += cal.addWorkingTime(new Date(from + i * 3_600_000), { days: (i % 60) + 1 }).getTime() % 7;
    }
    const seconds = (performance.now() - started) / 1000;
    if (r > 0) rates.push(count / seconds);
    console.log(
      `round ${r + 1}${r === 0 ? " (warm-up)" : ""}: ${num(count / seconds)} deadlines/s (${sink})`,
    );
  }
  rates.sort((a, b) => a - b);
  console.log(`median: ${num(rates[Math.floor(rates.length / 2)] ?? 0)} deadlines/s`);
}
