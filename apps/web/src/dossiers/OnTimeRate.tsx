import type { TStatsRow } from "@eiso/contracts";
import { Statistic } from "antd";
import { useNumberFormat } from "../common/numbers";
import { useDt } from "./i18n";

/**
 * The on-time rate of a statistics total ("64,29%" in Vietnamese, "64.29%" in English, as the
 * statistics table writes it; "—" when nothing was settled), for the home page and the statistics page.
 */
export function OnTimeRate({ total, testId }: { total: TStatsRow | null | undefined; testId: string }) {
  const dt = useDt();
  const format = useNumberFormat();
  return (
    <Statistic
      title={dt("stats.onTimeRate")}
      value={total?.onTimeRate ?? "—"}
      formatter={() => format.percent(total?.onTimeRate)}
      data-testid={testId}
    />
  );
}
