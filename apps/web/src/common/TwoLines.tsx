import { Flex, Typography } from "antd";
import type { ReactNode } from "react";

/** A table cell of two lines: what it is, and a smaller grey detail under it (code, unit, ID number). */
export function TwoLines({ main, sub }: { main: ReactNode; sub?: ReactNode }) {
  return (
    <Flex vertical>
      <span>{main}</span>
      {sub ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
