// `npm run bench -- <name> [options]`: the performance benchmarks (issue 12's, and the calendar's). They print figures and
// whether the targets are met; they never fail on a figure.
import { calendar, usage as calendarUsage } from "./calendar";
import { inbox, usage as inboxUsage } from "./inbox";
import { transitions, usage as transitionsUsage } from "./transitions";

const benchmarks: Record<string, { run: (argv: string[]) => Promise<void>; usage: string }> = {
  transitions: { run: transitions, usage: transitionsUsage },
  inbox: { run: inbox, usage: inboxUsage },
  calendar: { run: calendar, usage: calendarUsage },
};

const [name, ...rest] = process.argv.slice(2);
const bench = name ? benchmarks[name] : undefined;
if (!bench || rest.includes("--help")) {
  if (name && !bench) console.error(`unknown benchmark "${name}"\n`);
  console.log("Benchmarks (see bench/README.md):\n");
  for (const b of Object.values(benchmarks)) console.log(`${b.usage}\n`);
  process.exitCode = name && !bench ? 1 : 0;
} else {
  try {
    await bench.run(rest);
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  }
}
