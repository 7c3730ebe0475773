#!/usr/bin/env node
// The one entry point of the API process: `eiso serve`, `eiso worker`, `eiso audit verify`, `eiso calendar …`.
// TypeScript sources are loaded through tsx so there is no separate build step for the server.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Configuration and start-up problems are for people, not stack traces (DEBUG=1 shows the stack).
  process.stderr.write(`${process.env.DEBUG ? (e?.stack ?? e) : (e?.message ?? e)}\n`);
  process.exitCode = 1;
}
