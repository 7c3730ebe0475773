import { performance } from "node:perf_hooks";
import pg from "pg";

export interface CapturedQuery {
  text: string;
  values: unknown[];
  ms: number;
}

type QueryFn = (...args: unknown[]) => unknown;
let sink: CapturedQuery[] | null = null;

function install() {
  const proto = pg.Client.prototype as unknown as { query: QueryFn; __benchCapture?: boolean };
  if (proto.__benchCapture) return;
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (!sink) return original.apply(this, args);
    // pg-pool calls query(text, values, callback); a checked-out client query(config | text, values) → Promise.
    const first = args[0] as string | { text: string; values?: unknown[] };
    const q: CapturedQuery = {
      text: typeof first === "string" ? first : first.text,
      values:
        (typeof first === "string" ? undefined : first.values) ?? (Array.isArray(args[1]) ? args[1] : []),
      ms: 0,
    };
    sink.push(q);
    const start = performance.now();
    const done = () => {
      q.ms = performance.now() - start;
    };
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (...cbArgs: unknown[]) => {
        done();
        return (last as (...a: unknown[]) => unknown)(...cbArgs);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    return result;
  };
  proto.__benchCapture = true;
}

/** Runs `fn` (a service function of the API, in this process) and returns the SQL it sent, with timings. */
export async function captureSql(fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
  install();
  const mine: CapturedQuery[] = [];
  sink = mine;
  try {
    await fn();
  } finally {
    sink = null;
  }
  return mine;
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured query, printed whole or, when long, its head and its tail. */
export async function explain(client: pg.Client, q: CapturedQuery, maxLines = 45): Promise<string> {
  const r = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${q.text}`, q.values);
  const lines = r.rows.map((x) => x["QUERY PLAN"]);
  if (lines.length <= maxLines) return lines.join("\n");
  return [
    ...lines.slice(0, maxLines - 6),
    `   … ${lines.length - maxLines + 2} more plan lines …`,
    ...lines.slice(-4),
  ].join("\n");
}
