#!/usr/bin/env node
// The one entry point of the API process: `eiso serve`, `eiso worker`, `eiso audit verify`, `eiso calendar …`.
// TypeScript sources are loaded through tsx so there is no separate build step for the server.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
