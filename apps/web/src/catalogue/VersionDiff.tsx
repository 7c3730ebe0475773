import type { TVersionDiff } from "@eiso/contracts";
import { Descriptions, Tag, Typography } from "antd";
import { useCt } from "./i18n";

const hours = (h: number | null) => (h === null ? "—" : `${h} giờ`);

/** What changed between two versions: steps added, removed and changed, their times, the flows. */
export function VersionDiff({ diff }: { diff: TVersionDiff }) {
  const ct = useCt();
  const empty =
    !diff.added.length &&
    !diff.removed.length &&
    !diff.changed.length &&
    !diff.flowsAdded.length &&
    !diff.flowsRemoved.length;
  return (
    <div data-testid="version-diff" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>
        {ct("designer.diff", { from: diff.from.version, to: diff.to.version })}
      </Typography.Title>
      {empty ? (
        <Typography.Text type="secondary">{ct("designer.noChanges")}</Typography.Text>
      ) : (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={ct("designer.total")}>
            {hours(diff.totalHoursBefore)} → {hours(diff.totalHoursAfter)}
          </Descriptions.Item>
          {diff.added.length ? (
            <Descriptions.Item label={ct("designer.added")}>
              {diff.added.map((s) => (
                <Tag color="green" key={s.id}>
                  {s.name || s.id} ({hours(s.hours)})
                </Tag>
              ))}
            </Descriptions.Item>
          ) : null}
          {diff.removed.length ? (
            <Descriptions.Item label={ct("designer.removed")}>
              {diff.removed.map((s) => (
                <Tag color="red" key={s.id}>
                  {s.name || s.id} ({hours(s.hours)})
                </Tag>
              ))}
            </Descriptions.Item>
          ) : null}
          {diff.changed.length ? (
            <Descriptions.Item label={ct("designer.changed")}>
              {diff.changed.map((c) => (
                <div key={c.id}>
                  <strong>{c.name || c.id}</strong>:{" "}
                  {c.changes
                    .map((x) => `${x.property}: ${String(x.before ?? "—")} → ${String(x.after ?? "—")}`)
                    .join("; ")}
                </div>
              ))}
            </Descriptions.Item>
          ) : null}
          {diff.timeChanges.length ? (
            <Descriptions.Item label={ct("designer.timeChanges")}>
              {diff.timeChanges.map((c) => (
                <div key={c.id} data-testid="time-change">
                  {c.name || c.id}: {hours(c.before)} → {hours(c.after)}
                </div>
              ))}
            </Descriptions.Item>
          ) : null}
          {diff.flowsAdded.length ? (
            <Descriptions.Item label={ct("designer.flowsAdded")}>
              {diff.flowsAdded.join("; ")}
            </Descriptions.Item>
          ) : null}
          {diff.flowsRemoved.length ? (
            <Descriptions.Item label={ct("designer.flowsRemoved")}>
              {diff.flowsRemoved.join("; ")}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      )}
    </div>
  );
}
