import { Flex, Typography } from "antd";

/** The eISO mark: a gold star on red, after the colours of the state agencies it serves. */
export function BrandMark({
  size = 32,
  dark = false,
  subtitle,
}: {
  size?: number;
  dark?: boolean;
  subtitle?: string;
}) {
  return (
    <Flex align="center" gap={10}>
      <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
        <rect width="64" height="64" rx="14" fill="#c62828" />
        <path
          d="M32 12l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L32 42.1 20.3 48.3l2.2-13.1-9.5-9.3 13.1-1.9z"
          fill="#ffd54f"
        />
      </svg>
      <div style={{ lineHeight: 1.15 }}>
        <Typography.Text strong style={{ fontSize: size * 0.55, color: dark ? "#fff" : undefined }}>
          eISO
        </Typography.Text>
        {subtitle ? (
          <div style={{ fontSize: 12, color: dark ? "rgba(255,255,255,0.7)" : "rgba(0,0,0,0.55)" }}>
            {subtitle}
          </div>
        ) : null}
      </div>
    </Flex>
  );
}
