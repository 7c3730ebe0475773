import { monitorEventLoopDelay } from "node:perf_hooks";
import { cpuMs, startInProcess } from "./server";

// The API server in its own process for the benchmarks; talks to the parent over IPC.
const url = process.env.BENCH_SERVER_URL;
if (!url || !process.send) throw new Error("server-child: started without BENCH_SERVER_URL or IPC");
const server = await startInProcess(url, Number(process.env.BENCH_SERVER_POOL ?? 20));
// How long the event loop was late to run what was ready (a busy or stalled API), since the last ask.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
process.on("message", async (m: { type: string }) => {
  if (m.type === "queries") process.send!({ type: "queries", value: server.queries() });
  if (m.type === "cpu") process.send!({ type: "cpu", value: cpuMs() });
  if (m.type === "loop") {
    process.send!({ type: "loop", value: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 } });
    loop.reset();
  }
  if (m.type === "stop") {
    await server.stop();
    process.exit(0);
  }
});
process.send({ type: "ready", value: server.port });
