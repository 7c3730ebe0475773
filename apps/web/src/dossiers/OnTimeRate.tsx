import type { TStatsRow } from "@eiso/contracts";
import { Statistic } from "antd";
import { useDt } from "./i18n";

/** The on-time rate of a statistics total ("—" when nothing was settled), for the home page and the statistics page. */
export function OnTimeRate({ total, testId }: { total: TStatsRow | null | undefined; testId: string }) {
  const dt = useDt();
  return (
    <Statistic
      title={dt("stats.onTimeRate")}
      value={total?.onTimeRate ?? "—"}
      suffix={total?.onTimeRate != null ? "%" : undefined}
      data-testid={testId}
    />
  );
}
