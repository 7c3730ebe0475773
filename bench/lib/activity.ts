import pg from "pg";

/**
 * Samples pg_stat_activity of one database while a load runs: what the server's backends are doing
 * (on CPU, waiting for a lock, for the WAL flush, for the client…), and which statements wait on locks.
 * The shares say where the time goes without any instrumentation in the API.
 */
export class ActivitySampler {
  private timer: NodeJS.Timeout | null = null;
  private client: pg.Client | null = null;
  private samples = 0;
  private busy = false;
  readonly states = new Map<string, number>();
  readonly lockWaits = new Map<string, number>();

  constructor(
    private readonly url: string,
    private readonly database: string,
    // Each sample costs the server ≈ 3 ms of CPU (pg_stat_activity and the query texts): every
    // 50 ms it took ≈ 6% of a core from the load it was measuring.
    private readonly everyMs = 250,
  ) {}

  async start(): Promise<void> {
    this.client = new pg.Client({ connectionString: this.url });
    await this.client.connect();
    this.timer = setInterval(() => void this.sample(), this.everyMs);
  }

  private async sample(): Promise<void> {
    if (this.busy || !this.client) return;
    this.busy = true;
    try {
      const r = await this.client.query<{ state: string; wait: string | null; query: string }>(
        `select state, coalesce(wait_event_type || ':' || wait_event, 'CPU') as wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
           from pg_stat_activity
          where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()`,
        [this.database],
      );
      this.samples++;
      for (const row of r.rows) {
        const key = row.state === "active" ? row.wait! : row.state;
        this.states.set(key, (this.states.get(key) ?? 0) + 1);
        if (row.state === "active" && row.wait?.startsWith("Lock:"))
          this.lockWaits.set(row.query, (this.lockWaits.get(row.query) ?? 0) + 1);
      }
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 5));
    await this.client?.end();
    this.client = null;
  }

  /** Average number of backends in each state per sample, most frequent first. */
  report(limit = 6): { states: string; locks: string[] } {
    const n = Math.max(1, this.samples);
    const states = [...this.states.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, v]) => `${k} ${(v / n).toFixed(1)}`)
      .join(", ");
    const locks = [...this.lockWaits.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([q, v]) => `${(v / n).toFixed(1)} waiting on: ${q}`);
    return { states, locks };
  }
}
