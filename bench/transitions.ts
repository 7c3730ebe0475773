import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { DEMO_PASSWORD, loadDemoData } from "../apps/api/src/demo/load-demo";
import { openDatabase } from "../apps/api/src/platform/db/client";
import { ActivitySampler } from "./lib/activity";
import { cloneDossiers } from "./lib/clone";
import {
  heading,
  type Latency,
  machine,
  ms,
  num,
  printTable,
  sleep,
  summarize,
  verdict,
} from "./lib/figures";
import { Connection, mapLimit, Session } from "./lib/http";
import { findPgbench, initPgbench, type PgbenchResult, runPgbench } from "./lib/pgbench";
import { dropDatabase, recreateDatabase, serverSettings, withClient } from "./lib/postgres";
import { backendsCpuMs, cpuBetween } from "./lib/proc";
import { addWards, type BenchWard, personName, wardProcedure } from "./lib/province";
import { cpuMs, type ServerMode, startServer } from "./lib/server";

const DB = "eiso_bench_transitions";
const PGBENCH_DB = "eiso_bench_pgbench";

export const usage = `npm run bench -- transitions [options]
  Step transitions (POST /api/dossiers/:id/steps/:stepId/complete) through HTTP on a generated
  province, at each concurrency for a fixed time, then pgbench tpcb-like on the same server.
  --concurrency 50,100,200   closed-loop clients per level (one request in flight each)
  --duration 20              seconds per level (ours and pgbench alike)
  --warmup 5                 seconds of unrecorded load before the first level, by every client of the largest
  --wards 40                 generated wards (each: desk, clerk, chairman, officers)
  --officers 5               officers per ward
  --dossiers 24000           dossiers ready for handling (received through HTTP, then cloned in SQL)
  --pool auto                API connection pool size per process; auto: 2 × this machine's cores + 1
                             (where the database runs), shared among the API processes
  --server child|inprocess   API server in a child process (default) or in this one
  --api-processes 1          API server processes (child mode), each with its own pool; clients are
                             spread over them round-robin, as behind a load balancer
  --think 0                  ms each client waits between its transitions (uniform ±50%); 0 saturates,
                             e.g. 10000 reads latency at an offered load below saturation
  --scale 10                 pgbench -i scale
  --floor                    after each level, the same clients send GET /api/health with their
                             session cookie for as long: the session's read and a \`select 1\`, the
                             cheapest request that reaches the database, printed beside pgbench
  --no-pgbench               skip pgbench
  --keep                     keep the databases afterwards`;

interface StepDto {
  id: string;
  nodeId: string;
  status: string;
  version: number;
}
interface WorkItem {
  dossierId: string;
  stepId: string;
  version: number;
  nodeId: string;
}
interface Actor {
  ward: BenchWard;
  officer: Session;
  leader: Session;
}
interface LevelResult {
  clients: number;
  ok: number;
  seconds: number;
  tps: number;
  latency: Latency;
  errors: Map<string, number>;
  queriesPerTransition: number;
  cpuMsPerTransition: number;
  /** CPU of the database's backends per transition, when PostgreSQL runs on this machine. */
  pgCpuMsPerTransition: number | null;
  /** CPU of this process (the clients, and the activity sampler) per transition. */
  loadCpuMsPerTransition: number;
  /** The API's event loop delay over the level (child mode). */
  loop: { p99: number; max: number } | null;
  activity: { states: string; locks: string[] };
  starved: number;
}

export async function transitions(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      concurrency: { type: "string", default: "50,100,200" },
      duration: { type: "string", default: "20" },
      warmup: { type: "string", default: "5" },
      wards: { type: "string", default: "40" },
      officers: { type: "string", default: "5" },
      dossiers: { type: "string", default: "24000" },
      pool: { type: "string", default: "auto" },
      server: { type: "string", default: "child" },
      "api-processes": { type: "string", default: "1" },
      scale: { type: "string", default: "10" },
      think: { type: "string", default: "0" },
      floor: { type: "boolean", default: false },
      "no-pgbench": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
    },
  });
  const levels = values.concurrency.split(",").map(Number);
  const duration = Number(values.duration);
  const wardCount = Number(values.wards);
  const officersPerWard = Number(values.officers);
  const think = Number(values.think);
  const mode = values.server as ServerMode;
  if (mode !== "child" && mode !== "inprocess") throw new Error("--server child|inprocess");
  const processes = Number(values["api-processes"]);
  if (!(processes >= 1) || (processes > 1 && mode !== "child"))
    throw new Error("--api-processes N needs N ≥ 1 and, above 1, --server child");
  // A database server does best with about twice its cores in active connections (5–6 on two cores
  // served 15–35% more transitions than 20, each with a third less of PostgreSQL's CPU).
  const poolSize =
    values.pool === "auto"
      ? Math.max(2, Math.round((2 * os.cpus().length + 1) / processes))
      : Number(values.pool);
  if (!(poolSize >= 1)) throw new Error("--pool N|auto");

  heading("transitions: setup");
  console.log(`machine: ${machine()}`);
  console.log(`postgres: ${await serverSettings()}`);
  const pgbenchBin = values["no-pgbench"] ? null : await findPgbench();

  let t0 = performance.now();
  const url = await recreateDatabase(DB);
  const database = await openDatabase({ url, poolSize: 4 });
  await database.migrate();
  const demo = (await loadDemoData(database.db))!.hcmc;
  const wards = await addWards(database, demo, wardCount, officersPerWard);
  const { procedureId, document } = await wardProcedure(database, demo, wards);
  await database.close();
  console.log(
    `province: demo HCMC tenant + ${wardCount} wards × (desk, clerk, chairman, ${officersPerWard} officers) ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const servers = await Promise.all(
    Array.from({ length: processes }, () => startServer(url, { mode, poolSize })),
  );
  const server = {
    baseUrl: servers[0]!.baseUrl,
    queries: async () => (await Promise.all(servers.map((s) => s.queries()))).reduce((a, b) => a + b, 0),
    cpuMs: async () => (await Promise.all(servers.map((s) => s.cpuMs()))).reduce((a, b) => a + b, 0),
    /** The worst event loop delay of the API processes since the last call. */
    loopDelay: async () => {
      const all = await Promise.all(servers.map((s) => s.loopDelay()));
      if (all.some((d) => d === null)) return null;
      return {
        p99: Math.max(...all.map((d) => d!.p99)),
        max: Math.max(...all.map((d) => d!.max)),
      };
    },
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
  console.log(
    `API: ${servers.map((s) => s.baseUrl).join(", ")} (${mode === "child" ? `${processes === 1 ? "child Node process" : `${processes} child Node processes`}` : "in this process"}), pool ${poolSize}${processes > 1 ? " each" : ""}`,
  );
  /** Each client's keep-alive connection to its API process. */
  const connections: Connection[] = [];
  try {
    // Sign in every person the clients act as, through the real login route.
    t0 = performance.now();
    const maxClients = Math.max(...levels);
    const login = (u: string) => Session.login(server.baseUrl, u, DEMO_PASSWORD);
    const clerks = await mapLimit(wards, 4, (w) => login(w.clerk));
    const leaders = await mapLimit(wards, 4, (w) => login(w.leader));
    const actorSpecs = Array.from({ length: maxClients }, (_, i) => ({
      ward: i % wardCount,
      officer: Math.floor(i / wardCount) % officersPerWard,
    }));
    const officerSessions = new Map<string, Session>();
    await mapLimit(actorSpecs, 4, async (a) => {
      const u = wards[a.ward]!.officers[a.officer]!;
      if (!officerSessions.has(u)) officerSessions.set(u, await login(u));
    });
    const actors: Actor[] = actorSpecs.map((a, i) => {
      const api = servers[i % processes]!.baseUrl;
      return {
        ward: wards[a.ward]!,
        officer: officerSessions.get(wards[a.ward]!.officers[a.officer]!)!.at(api),
        leader: leaders[a.ward]!.at(api),
      };
    });
    console.log(
      `signed in ${clerks.length + leaders.length + officerSessions.size} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Dossiers: two per ward received at the desk through HTTP (the engine starts the process and the
    // clerk's reception step completes), then cloned in SQL up to the wanted number.
    t0 = performance.now();
    const seedsPerWard = 2;
    await mapLimit(
      wards.flatMap((w, i) => Array.from({ length: seedsPerWard }, (_, k) => ({ w, clerk: clerks[i]!, k }))),
      8,
      async ({ w, clerk, k }) => {
        const r = await clerk.post("/api/dossiers", {
          procedureId,
          deskUnitId: w.deskId,
          applicant: {
            name: personName(w.index * 100 + k),
            idNumber: `0792000${String(w.index * 100 + k).padStart(5, "0")}`,
          },
          documents: [{ name: document, originals: 1, copies: 0 }],
        });
        if (r.status !== 201)
          throw new Error(`receive failed: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      },
    );
    const seeded = wards.length * seedsPerWard;
    const copies = Math.max(0, Math.ceil(Number(values.dossiers) / seeded) - 1);
    const cloned = await withClient((c) => cloneDossiers(c, demo.tenantId, procedureId, copies), url);
    console.log(
      `dossiers: ${seeded} received through HTTP + ${num(cloned)} cloned in SQL = ${num(seeded + cloned)} ` +
        `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Work: the active step of every dossier, per ward.
    const pools = new Map<string, WorkItem[]>(wards.map((w) => [w.id, []]));
    await withClient(async (c) => {
      const r = await c.query<WorkItem & { unit_id: string }>(
        `select s.dossier_id as "dossierId", s.id as "stepId", s.version, s.node_id as "nodeId", s.unit_id
           from dossier_steps s join dossiers d on d.tenant_id = s.tenant_id and d.id = s.dossier_id
          where d.tenant_id = $1 and d.procedure_id = $2 and s.status = 'active' order by d.code`,
        [demo.tenantId, procedureId],
      );
      for (const row of r.rows) pools.get(row.unit_id)?.push(row);
    }, url);
    for (const p of pools.values()) p.reverse();
    const carry: (WorkItem | null)[] = new Array(maxClients).fill(null);

    const pgbenchUrl = pgbenchBin ? await initPgbench(pgbenchBin, PGBENCH_DB, Number(values.scale)) : null;
    if (pgbenchUrl) console.log(`pgbench: initialised scale ${values.scale} in ${PGBENCH_DB}`);

    /**
     * One level: `clients` closed-loop clients for `seconds`, each walking dossiers step by step, or
     * (`floor`) each sending \`GET /api/health\` with its officer's session cookie.
     */
    const runLevel = async (clients: number, seconds: number, floor = false): Promise<LevelResult> => {
      const latencies: number[] = [];
      const errors = new Map<string, number>();
      /** Counts a failed answer under its status and the start of its body. */
      const countError = (r: { status: number; body: unknown }) => {
        const key = `${r.status} ${JSON.stringify(r.body).slice(0, 160)}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      };
      let starved = 0;
      const sampler = new ActivitySampler(url, DB);
      await sampler.start();
      const q0 = await server.queries();
      const c0 = await server.cpuMs();
      const pg0 = await backendsCpuMs(url, DB);
      await server.loopDelay();
      const l0 = cpuMs();
      const start = performance.now();
      const deadline = start + seconds * 1000;
      await Promise.all(
        Array.from({ length: clients }, async (_, i) => {
          const a = actors[i]!;
          const pool = pools.get(a.ward.id)!;
          let item = carry[i] ?? null;
          while (performance.now() < deadline) {
            if (think > 0) {
              await sleep(Math.min(think * (0.5 + Math.random()), deadline - performance.now()));
              if (performance.now() >= deadline) break;
            }
            if (floor) {
              connections[i] ??= new Connection(a.officer.baseUrl);
              const r = await connections[i].request(a.officer, "GET", "/api/health");
              if (r.status === 200) latencies.push(r.ms);
              else countError(r);
              continue;
            }
            item ??= pool.pop() ?? null;
            if (!item) {
              starved++;
              break;
            }
            const act = actionFor(item, a);
            connections[i] ??= new Connection(act.session.baseUrl);
            const r = await connections[i].request<{ steps: StepDto[] }>(
              act.session,
              "POST",
              `/api/dossiers/${item.dossierId}/steps/${item.stepId}/complete`,
              act.body,
            );
            if (r.status !== 200) {
              countError(r);
              item = null;
              continue;
            }
            latencies.push(r.ms);
            const next = r.body.steps.find((s) => s.status === "active");
            item = next
              ? { dossierId: item.dossierId, stepId: next.id, version: next.version, nodeId: next.nodeId }
              : null;
          }
          carry[i] = item;
        }),
      );
      const elapsed = (performance.now() - start) / 1000;
      const l1 = cpuMs();
      const loop = await server.loopDelay();
      const pgCpu = cpuBetween(pg0, await backendsCpuMs(url, DB));
      const q1 = await server.queries();
      const c1 = await server.cpuMs();
      await sampler.stop();
      return {
        clients,
        ok: latencies.length,
        seconds: elapsed,
        tps: latencies.length / elapsed,
        latency: summarize(latencies),
        errors,
        queriesPerTransition: latencies.length ? (q1 - q0) / latencies.length : Number.NaN,
        cpuMsPerTransition: latencies.length ? (c1 - c0) / latencies.length : Number.NaN,
        pgCpuMsPerTransition: pgCpu !== null && latencies.length ? pgCpu / latencies.length : null,
        loadCpuMsPerTransition: latencies.length ? (l1 - l0) / latencies.length : Number.NaN,
        loop,
        activity: sampler.report(),
        starved,
      };
    };

    if (Number(values.warmup) > 0) {
      // Every client of the largest level, so that each has its connection open and its session
      // used before anything is recorded: 200 clients opening connections at once made the first
      // seconds of a level slow (p95 over a second with 200 clients thinking 2 s).
      const w = await runLevel(maxClients, Number(values.warmup));
      console.log(
        `warm-up: ${num(w.ok)} transitions at ${maxClients} clients in ${w.seconds.toFixed(1)} s (not counted)`,
      );
    }

    const results: { ours: LevelResult; floor: LevelResult | null; pgbench: PgbenchResult | null }[] = [];
    for (const clients of levels) {
      heading(
        `${clients} clients${think ? `, thinking ${think} ms between transitions` : ""}, ${duration} s`,
      );
      const ours = await runLevel(clients, duration);
      console.log(
        `eISO: ${num(ours.ok)} transitions in ${ours.seconds.toFixed(1)} s = ${num(ours.tps, 1)}/s; ` +
          `p50 ${ms(ours.latency.p50)}, p95 ${ms(ours.latency.p95)}, p99 ${ms(ours.latency.p99)}, max ${ms(ours.latency.max)}`,
      );
      console.log(
        `      ${ours.queriesPerTransition.toFixed(1)} PostgreSQL round trips and ${ours.cpuMsPerTransition.toFixed(1)} ms of API CPU per transition ` +
          `(all queries / CPU of the server ${processes > 1 ? "processes" : "process"} over the level, divided by transitions${mode === "inprocess" ? "; in-process: CPU includes the clients" : ""})`,
      );
      console.log(
        `      CPU per transition: API ${ours.cpuMsPerTransition.toFixed(2)} ms, PostgreSQL backends ${ours.pgCpuMsPerTransition === null ? "n/a (server not on this machine)" : `${ours.pgCpuMsPerTransition.toFixed(2)} ms`}, ` +
          `load generator ${ours.loadCpuMsPerTransition.toFixed(2)} ms${mode === "inprocess" ? " (in-process: API and clients are one process)" : ""}`,
      );
      if (ours.loop)
        console.log(
          `      API event loop delay: p99 ${ms(ours.loop.p99)}, max ${ms(ours.loop.max)} (how late the API ran what was ready)`,
        );
      console.log(`      backends of ${DB} (mean per sample): ${ours.activity.states}`);
      console.log(
        `      machine load average (1 min) at the end of the level: ${os.loadavg()[0]!.toFixed(2)}`,
      );
      for (const l of ours.activity.locks) console.log(`      lock waits: ${l}`);
      for (const [e, n] of ours.errors) console.log(`      ${n} × HTTP ${e}`);
      if (ours.starved) console.log(`      ${ours.starved} clients ran out of dossiers: raise --dossiers`);
      let floor: LevelResult | null = null;
      if (values.floor) {
        floor = await runLevel(clients, duration, true);
        console.log(
          `floor: ${num(floor.ok)} × GET /api/health with a session in ${floor.seconds.toFixed(1)} s = ${num(floor.tps, 1)}/s; ` +
            `p50 ${ms(floor.latency.p50)}, p99 ${ms(floor.latency.p99)}; ${floor.queriesPerTransition.toFixed(1)} round trips, ` +
            `CPU per request: API ${floor.cpuMsPerTransition.toFixed(2)} ms, PostgreSQL backends ${floor.pgCpuMsPerTransition === null ? "n/a" : `${floor.pgCpuMsPerTransition.toFixed(2)} ms`}, load generator ${floor.loadCpuMsPerTransition.toFixed(2)} ms`,
        );
        for (const [e, n] of floor.errors) console.log(`      ${n} × HTTP ${e}`);
      }
      let pg: PgbenchResult | null = null;
      if (pgbenchBin) {
        pg = await runPgbench(pgbenchBin, PGBENCH_DB, clients, duration);
        console.log(
          `pgbench tpcb-like: ${num(pg.tps, 1)} tps, latency average ${ms(pg.latencyMs)} with ${pg.clients} clients` +
            (pg.cappedFrom
              ? ` (capped from ${pg.cappedFrom}: the server's max_connections leaves no more)`
              : ""),
        );
      }
      results.push({ ours, floor, pgbench: pg });
    }

    heading("transitions: summary");
    printTable([
      [
        "clients",
        "transitions/s",
        "p50",
        "p95",
        "p99",
        "pgbench tps",
        "ratio",
        "≥ 50% pgbench",
        "p99 < 50 ms",
        ...(values.floor ? ["floor req/s", "floor ÷ pgbench"] : []),
      ],
      ...results.map(({ ours, floor, pgbench }) => {
        const ratio = pgbench ? ours.tps / pgbench.tps : Number.NaN;
        return [
          String(ours.clients),
          num(ours.tps, 1),
          ms(ours.latency.p50),
          ms(ours.latency.p95),
          ms(ours.latency.p99),
          pgbench ? `${num(pgbench.tps, 1)}${pgbench.cappedFrom ? ` (c=${pgbench.clients})` : ""}` : "–",
          pgbench ? `${(ratio * 100).toFixed(1)}%` : "–",
          pgbench ? verdict(ratio >= 0.5) : "–",
          verdict(ours.latency.p99 < 50),
          ...(floor
            ? [num(floor.tps, 1), pgbench ? `${((floor.tps / pgbench.tps) * 100).toFixed(1)}%` : "–"]
            : []),
        ];
      }),
    ]);
    console.log(
      "targets (issue 12): throughput ≥ 50% of pgbench tpcb-like tps on the same server, p99 < 50 ms",
    );
    if (think)
      console.log(
        `with --think ${think} the clients offer about ${num((Math.max(...levels) * 1000) / think, 1)} transitions/s at ${Math.max(...levels)} clients: throughput is the offered load, so the ratio target only means something with --think 0`,
      );
  } finally {
    for (const c of connections) c?.close();
    await server.stop();
    if (!values.keep) {
      await dropDatabase(DB);
      await dropDatabase(PGBENCH_DB);
    }
  }
}

/** Who completes which step, and whom the next step goes to (direct / assign), as in the ward's practice. */
function actionFor(item: WorkItem, a: Actor): { session: Session; body: Record<string, unknown> } {
  const base = { version: item.version };
  switch (item.nodeId) {
    case "Task_assign":
      return { session: a.leader, body: { ...base, outcome: "done", nextAssigneeId: a.officer.userId } };
    case "Task_process":
      return { session: a.officer, body: { ...base, outcome: "done", nextAssigneeId: a.officer.userId } };
    case "Task_check":
      return { session: a.officer, body: { ...base, outcome: "done", nextAssigneeId: a.leader.userId } };
    default:
      return { session: a.leader, body: { ...base, outcome: "approve", comment: "Đồng ý" } };
  }
}
