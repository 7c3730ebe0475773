import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { DEMO_PASSWORD } from "../apps/api/src/demo/load-demo";
import { inboxCounts, inbox as inboxQuery } from "../apps/api/src/modules/dossiers/queries";
import { dossierStatistics } from "../apps/api/src/modules/dossiers/statistics";
import { resolveSession } from "../apps/api/src/platform/auth/session";
import { openDatabase } from "../apps/api/src/platform/db/client";
import { captureSql, explain } from "./lib/capture";
import { heading, type Latency, machine, ms, num, printTable, summarize, verdict } from "./lib/figures";
import { mapLimit, Session } from "./lib/http";
import { GENERATOR_VERSION, type GeneratedInfo, generateInboxData } from "./lib/inbox-data";
import {
  databaseExists,
  databaseUrl,
  dropDatabase,
  recreateDatabase,
  serverSettings,
  withClient,
} from "./lib/postgres";
import { type ServerMode, startServer } from "./lib/server";

const DB = "eiso_bench_inbox";

export const usage = `npm run bench -- inbox [options]
  Inbox and statistics reads through HTTP on a generated year of dossiers (bulk SQL generator).
  --dossiers 1000000         dossiers to generate (20000 for a quick run)
  --reuse                    reuse ${DB} if it holds a generation of that size (it is kept after a run)
  --wards-per-district 10    generated wards under each district without wards
  --officers 3               officers per ward and division
  --repeat 500               requests per inbox measurement (one client, round-robin over the sampled users)
  --stats-repeat 5           statistics requests (one only when the first takes over 20 s)
  --month YYYY-MM            statistics month (default: last full month)
  --explain                  print EXPLAIN (ANALYZE, BUFFERS) of the SQL behind each measured endpoint
  --pool 10                  API connection pool size
  --server child|inprocess   API server in a child process (default) or in this one
  --drop                     drop ${DB} at the end (default: keep it for --reuse)`;

interface Measured {
  label: string;
  latency: Latency;
  users: number;
  rows: string;
  worstUser: string;
}

async function readMeta(): Promise<GeneratedInfo | null> {
  if (!(await databaseExists(DB))) return null;
  return withClient(async (c) => {
    const r = await c
      .query<{ value: GeneratedInfo }>(`select value from bench.meta where key = 'generated'`)
      .catch(() => null);
    return r?.rows[0]?.value ?? null;
  }, databaseUrl(DB));
}

export async function inbox(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dossiers: { type: "string", default: "1000000" },
      reuse: { type: "boolean", default: false },
      "wards-per-district": { type: "string", default: "10" },
      officers: { type: "string", default: "3" },
      repeat: { type: "string", default: "500" },
      "stats-repeat": { type: "string", default: "5" },
      month: { type: "string" },
      explain: { type: "boolean", default: false },
      pool: { type: "string", default: "10" },
      server: { type: "string", default: "child" },
      drop: { type: "boolean", default: false },
    },
  });
  const total = Number(values.dossiers.replaceAll("_", ""));
  const repeat = Number(values.repeat);
  const mode = values.server as ServerMode;
  if (mode !== "child" && mode !== "inprocess") throw new Error("--server child|inprocess");

  heading("inbox: data");
  console.log(`machine: ${machine()}`);
  console.log(`postgres: ${await serverSettings()}`);
  let info = values.reuse ? await readMeta() : null;
  if (info && (info.dossiers !== total || info.generator !== GENERATOR_VERSION)) {
    console.log(
      `${DB} holds ${num(info.dossiers)} dossiers (generator ${info.generator}); generating ${num(total)} (generator ${GENERATOR_VERSION}) instead`,
    );
    info = null;
  }
  const url = databaseUrl(DB);
  if (info) {
    console.log(
      `reusing ${DB}: ${num(info.dossiers)} dossiers generated ${info.generatedAt} in ${info.seconds} s`,
    );
    // Migrations added since the generation (new indexes) are part of what is measured.
    const t0 = performance.now();
    const database = await openDatabase({ url, poolSize: 2 });
    try {
      await database.migrate();
    } finally {
      await database.close();
    }
    console.log(`migrations up to date in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else {
    console.log(`generating ${num(total)} dossiers into ${DB} …`);
    await recreateDatabase(DB);
    const database = await openDatabase({ url, poolSize: 2 });
    await database.migrate();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      info = await generateInboxData(database, client, {
        total,
        wardsPerDistrict: Number(values["wards-per-district"]),
        officers: Number(values.officers),
      });
    } finally {
      await client.end();
      await database.close();
    }
    console.log(`generated in ${info.seconds} s`);
  }
  const tenantId = info.tenantId;
  await withClient(async (c) => {
    const r = await c.query<{ k: string; n: string; size: string }>(
      `select k, n::text, pg_size_pretty(pg_total_relation_size(k::regclass)) as size from (values
         ('dossiers', (select count(*) from dossiers)), ('dossier_steps', (select count(*) from dossier_steps)),
         ('dossier_events', (select count(*) from dossier_events))) x(k, n)`,
    );
    const active = await c.query<{ active: string; overdue: string }>(
      `select count(*)::text as active, count(*) filter (where due_at < now())::text as overdue
         from dossier_steps where tenant_id = $1 and status = 'active'`,
      [tenantId],
    );
    console.log(
      `rows: ${r.rows.map((x) => `${x.k} ${num(Number(x.n))} (${x.size})`).join(", ")}; ` +
        `active steps ${num(Number(active.rows[0]!.active))}, of which overdue ${num(Number(active.rows[0]!.overdue))}`,
    );
  }, url);

  // Who is measured: officers across the range of inbox sizes (quiet to busiest), and the leaders of
  // every district, whose unit scope covers the district's divisions, desk and wards.
  const sample = await withClient(async (c) => {
    const officers = await c.query<{ username: string; n: number }>(
      `select u.username, count(*)::int as n from dossier_steps s
         join users u on u.tenant_id = s.tenant_id and u.id = s.assignee_id
        where s.tenant_id = $1 and s.status = 'active' and u.username like 'gen.%'
        group by u.username order by n, u.username`,
      [tenantId],
    );
    const picked = Array.from(
      { length: 20 },
      (_, i) => officers.rows[Math.round((i / 19) * (officers.rows.length - 1))]!,
    ).filter((x, i, all) => all.indexOf(x) === i);
    const leaders = await c.query<{ username: string; n: number }>(
      `select us.username, (select count(*)::int from dossier_steps s where s.tenant_id = $1 and s.status = 'active'
               and s.unit_path like un.path || '%' and s.due_at < now()) as n
         from role_grants g join units un on un.tenant_id = g.tenant_id and un.id = g.unit_id
         join users us on us.tenant_id = g.tenant_id and us.id = g.user_id
        where g.tenant_id = $1 and g.role = 'leader' and un.kind = 'district' and us.username like 'gen.%'
        order by n`,
      [tenantId],
    );
    return { officers: picked, officerCount: officers.rows.length, leaders: leaders.rows };
  }, url);

  const server = await startServer(url, { mode, poolSize: Number(values.pool) });
  console.log(
    `API: ${server.baseUrl} (${mode === "child" ? "child Node process" : "in this process"}), pool ${values.pool}`,
  );
  try {
    const login = (u: string) => Session.login(server.baseUrl, u, DEMO_PASSWORD);
    const officerSessions = await mapLimit(sample.officers, 4, (o) => login(o.username));
    const leaderSessions = await mapLimit(sample.leaders, 4, (o) => login(o.username));
    const admin = await login("admin");

    const measure = async (
      label: string,
      sessions: Session[],
      names: { username: string; n: number }[],
      path: string,
    ): Promise<Measured> => {
      for (const s of sessions) await s.get(path); // warm-up: each user once
      const samples: number[] = [];
      const perUser = sessions.map(() => [] as number[]);
      for (let i = 0; i < repeat; i++) {
        const k = i % sessions.length;
        const r = await sessions[k]!.get<{ total: number }>(path);
        if (r.status !== 200)
          throw new Error(`${label}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        samples.push(r.ms);
        perUser[k]!.push(r.ms);
      }
      const worst = perUser.map((xs, k) => ({ k, p95: summarize(xs).p95 })).sort((a, b) => b.p95 - a.p95)[0]!;
      const counts = names.map((x) => x.n);
      return {
        label,
        latency: summarize(samples),
        users: sessions.length,
        rows: `${num(Math.min(...counts))}–${num(Math.max(...counts))}`,
        worstUser: `${names[worst.k]!.username} (${num(names[worst.k]!.n)} rows): p95 ${ms(worst.p95)}`,
      };
    };

    heading(`inbox reads: ${repeat} requests each, one client, sequential`);
    const mine = await measure(
      "officer inbox (scope=mine)",
      officerSessions,
      sample.officers,
      "/api/dossiers/inbox?scope=mine",
    );
    const overdue = await measure(
      "unit overdue list (scope=unit&due=overdue)",
      leaderSessions,
      sample.leaders,
      "/api/dossiers/inbox?scope=unit&due=overdue",
    );
    // The menu's badges (every scope, all and overdue, and the online queue) load with every page.
    const badges = await measure(
      "menu badge counts (inbox/counts), district leaders",
      leaderSessions,
      sample.leaders,
      "/api/dossiers/inbox/counts",
    );
    printTable([
      ["query", "users", "their rows", "p50", "p95", "p99", "max", "p95 < 30 ms"],
      ...[mine, overdue, badges].map((m) => [
        m.label,
        String(m.users),
        m.rows,
        ms(m.latency.p50),
        ms(m.latency.p95),
        ms(m.latency.p99),
        ms(m.latency.max),
        verdict(m.latency.p95 < 30),
      ]),
    ]);
    console.log(`slowest officer: ${mine.worstUser}`);
    console.log(`slowest district leader: ${overdue.worstUser}`);

    const month = values.month ?? lastFullMonth();
    const [y, m] = month.split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const statsPath = `/api/dossiers/statistics?unitId=${info.rootUnitId}&from=${month}-01&to=${month}-${String(last).padStart(2, "0")}`;
    heading(`monthly statistics for the whole tenant (${month}), ${values["stats-repeat"]} requests`);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < Number(values["stats-repeat"]); i++) {
      if (i === 1 && times[0]! > 20_000) {
        console.log(`  not repeated: the first request took ${ms(times[0]!)}`);
        break;
      }
      const r = await admin.getLong<{ rows: unknown[]; total: { receivedNew: number; carriedOver: number } }>(
        statsPath,
      );
      if (r.status !== 200)
        throw new Error(`statistics: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      times.push(r.ms);
      rows = r.body.rows.length;
      if (i === 0)
        console.log(
          `  ${rows} sub-unit rows + the total; received new ${num(r.body.total.receivedNew)}, carried over ${num(r.body.total.carriedOver)}`,
        );
    }
    const stats = summarize(times);
    printTable([
      ["query", "first", "median", "max", "< 2 s"],
      [
        "statistics, root unit, one month",
        ms(times[0]!),
        ms(stats.p50),
        ms(stats.max),
        verdict(stats.max < 2000),
      ],
    ]);

    if (values.explain) {
      heading("EXPLAIN (ANALYZE, BUFFERS) of the SQL behind each endpoint");
      const database = await openDatabase({ url, poolSize: 2 });
      // The same session settings as the API's pool (JIT off), so the plans are the ones it runs.
      const client = new pg.Client({ connectionString: url, options: "-c jit=off" });
      await client.connect();
      try {
        const actorOf = async (s: Session) =>
          (await resolveSession(database.db, s.cookie.replace(/^eiso_session=/, "")))!;
        const heavyOfficer = await actorOf(officerSessions.at(-1)!);
        const heavyLeader = await actorOf(leaderSessions.at(-1)!);
        const adminActor = await actorOf(admin);
        const runs: [string, () => Promise<unknown>][] = [
          [
            `officer inbox, ${sample.officers.at(-1)!.username}`,
            () => inboxQuery(database.db, heavyOfficer, { scope: "mine", page: 1, pageSize: 50 }),
          ],
          [
            `unit overdue list, ${sample.leaders.at(-1)!.username}`,
            () =>
              inboxQuery(database.db, heavyLeader, { scope: "unit", due: "overdue", page: 1, pageSize: 50 }),
          ],
          [
            `menu badge counts, ${sample.leaders.at(-1)!.username}`,
            () => inboxCounts(database.db, heavyLeader),
          ],
          [
            `statistics ${month}`,
            () =>
              dossierStatistics(database.db, adminActor, {
                unitId: info.rootUnitId,
                from: `${month}-01`,
                to: `${month}-${last}`,
              }),
          ],
        ];
        for (const [label, fn] of runs) {
          const queries = await captureSql(fn);
          for (const q of queries.filter((x) => x.ms > 2 || x.text.length > 400)) {
            console.log(
              `\n-- ${label}: query took ${ms(q.ms)} in the service\n${q.text.replace(/\s+/g, " ").slice(0, 300)}…`,
            );
            console.log(await explain(client, q));
          }
        }
      } finally {
        await client.end();
        await database.close();
      }
    }

    heading("inbox: summary");
    console.log(
      `data: ${num(info.dossiers)} dossiers; machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `officer inbox p95 ${ms(mine.latency.p95)} (target < 30 ms: ${verdict(mine.latency.p95 < 30)})`,
    );
    console.log(
      `unit overdue list p95 ${ms(overdue.latency.p95)} (target < 30 ms: ${verdict(overdue.latency.p95 < 30)})`,
    );
    console.log(
      `menu badge counts p95 ${ms(badges.latency.p95)} (no target of its own; read with every page, held to the inbox's 30 ms)`,
    );
    console.log(
      `monthly statistics, whole tenant: median ${ms(stats.p50)}, max ${ms(stats.max)} (target < 2 s: ${verdict(stats.max < 2000)})`,
    );
  } finally {
    await server.stop();
    if (values.drop) await dropDatabase(DB);
    else console.log(`\n${DB} kept for --reuse (drop it with --drop)`);
  }
}

/** The last full calendar month in Vietnam time, as YYYY-MM. */
function lastFullMonth(): string {
  const vn = new Date(Date.now() + 7 * 3600_000);
  const d = new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}
