import { Flex, Typography } from "antd";
import type { ReactNode } from "react";

export interface Item {
  key: string;
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
}

/** A plain divided list for short lists (a user's roles, merged units); antd's List is deprecated. */
export function ItemList({ items, testId }: { items: Item[]; testId?: string }) {
  return (
    <div data-testid={testId}>
      {items.map((item, i) => (
        <Flex
          key={item.key}
          justify="space-between"
          align="center"
          gap={12}
          style={{ padding: "10px 0", borderTop: i === 0 ? undefined : "1px solid #f0f0f0" }}
        >
          <div style={{ minWidth: 0 }}>
            <div>{item.title}</div>
            {item.description ? (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {item.description}
              </Typography.Text>
            ) : null}
          </div>
          {item.extra ? <div>{item.extra}</div> : null}
        </Flex>
      ))}
    </div>
  );
}
