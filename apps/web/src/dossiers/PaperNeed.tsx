import { Tag, Tooltip, Typography } from "antd";
import { useDt } from "./i18n";

/**
 * What a procedure asks of one paper, under its name in a checklist: how many originals and copies
 * and, for a paper handed in only "if any", a tag saying it is not required.
 */
export function PaperNeed({
  paper,
  label,
}: {
  paper: { originals: number; copies: number; required?: boolean | undefined };
  /** Words before the counts ("Yêu cầu"). */
  label?: string;
}) {
  const dt = useDt();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {label ? `${label}: ` : null}
      {dt("common.docsCount", { originals: paper.originals, copies: paper.copies })}
      {paper.required === false ? (
        <Tooltip title={dt("common.ifAnyHint")}>
          <Tag style={{ marginInlineStart: 8, fontSize: 11 }} data-testid="paper-if-any">
            {dt("common.ifAny")}
          </Tag>
        </Tooltip>
      ) : null}
    </Typography.Text>
  );
}
