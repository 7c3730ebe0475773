import type { TStatsRow } from "@eiso/contracts";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useNumberFormat } from "../common/numbers";
import { useDt } from "./i18n";

const shorten = (s: string, n = 28) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Stacked bars per unit or procedure: resolved on time / late, in progress on time / overdue. */
export function StatisticsChart({ rows }: { rows: TStatsRow[] }) {
  const dt = useDt();
  const format = useNumberFormat();
  const data = rows.map((r) => ({
    name: shorten(r.unitName),
    full: r.unitName,
    resolvedOnTime: r.resolvedOnTime,
    resolvedLate: r.resolvedLate,
    inProgressOnTime: r.inProgressOnTime,
    inProgressOverdue: r.inProgressOverdue,
  }));
  const series: { key: keyof (typeof data)[number]; label: string; color: string; stack: string }[] = [
    {
      key: "resolvedOnTime",
      label: `${dt("stats.resolved")} ${dt("stats.resolvedOnTime").toLowerCase()}`,
      color: "#389e0d",
      stack: "resolved",
    },
    {
      key: "resolvedLate",
      label: `${dt("stats.resolved")} ${dt("stats.resolvedLate").toLowerCase()}`,
      color: "#cf1322",
      stack: "resolved",
    },
    {
      key: "inProgressOnTime",
      label: `${dt("stats.inProgress")} ${dt("stats.inProgressOnTime").toLowerCase()}`,
      color: "#1552a8",
      stack: "open",
    },
    {
      key: "inProgressOverdue",
      label: `${dt("stats.inProgress")} ${dt("stats.inProgressOverdue").toLowerCase()}`,
      color: "#fa8c16",
      stack: "open",
    },
  ];
  return (
    <div style={{ width: "100%", height: 280 }} data-testid="stats-chart">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 16, left: 0, bottom: 8 }} maxBarSize={56}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} height={48} />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 12 }}
            width={40}
            tickFormatter={(v: number) => format.number(v)}
          />
          <Tooltip
            labelFormatter={(_, payload) => payload?.[0]?.payload?.full ?? ""}
            formatter={(v) => (typeof v === "number" ? format.number(v) : v)}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId={s.stack} fill={s.color} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
