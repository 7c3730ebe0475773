import { describe, expect, it } from "vitest";
import { buildProcessXml } from "./process-builder";

const bounds = (xml: string, id: string) => {
  const m = new RegExp(
    `bpmnElement="${id}"[^>]*><dc:Bounds x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"`,
  ).exec(xml);
  if (!m) throw new Error(`no shape for ${id}`);
  const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
  return { x, y, w, h };
};
const waypoints = (xml: string, flowId: string) =>
  [
    ...(new RegExp(`bpmnElement="${flowId}">(.*?)</bpmndi:BPMNEdge>`).exec(xml)?.[1] ?? "").matchAll(
      /x="([\d.]+)" y="([\d.]+)"/g,
    ),
  ].map((m) => [Number(m[1]), Number(m[2])] as const);

describe("the diagram drawn for a process", () => {
  it("routes a decision's branch without steps along its own row, not through the other branch's task", () => {
    const xml = buildProcessXml({
      name: "Cấp phép",
      parts: [
        {
          id: "Gateway_site",
          name: "Kiểm tra thực địa?",
          branches: [
            {
              name: "Có",
              condition: "needsSiteInspection == true",
              steps: [
                {
                  id: "Task_site",
                  name: "Kiểm tra hiện trạng",
                  stepKind: "process",
                  unit: "@agency",
                  role: "officer",
                  hours: 8,
                },
              ],
            },
            { name: "Không", isDefault: true, steps: [] },
          ],
        },
      ],
    });
    const site = bounds(xml, "Task_site");
    const flowId =
      /<bpmn:sequenceFlow id="(Flow_\d+)" name="Không" sourceRef="Gateway_site" targetRef="Gateway_site_join"/.exec(
        xml,
      )?.[1];
    expect(flowId).toBeDefined();
    const points = waypoints(xml, flowId!);
    expect(points.length).toBeGreaterThanOrEqual(2);
    // No segment of the "Không" flow passes through the site-check task's box.
    for (let i = 1; i < points.length; i++) {
      const [[x1, y1], [x2, y2]] = [points[i - 1]!, points[i]!];
      const crossesX = Math.max(x1, x2) > site.x && Math.min(x1, x2) < site.x + site.w;
      const crossesY = Math.max(y1, y2) > site.y && Math.min(y1, y2) < site.y + site.h;
      expect(crossesX && crossesY).toBe(false);
    }
    // The decision's name sits above it, clear of the flows leaving it downwards.
    const label =
      /bpmnElement="Gateway_site"[^>]*><dc:Bounds[^>]*\/><bpmndi:BPMNLabel><dc:Bounds x="[\d.-]+" y="([\d.-]+)" width="[\d.]+" height="([\d.]+)"/.exec(
        xml,
      );
    expect(label).not.toBeNull();
    expect(Number(label![1]) + Number(label![2])).toBeLessThanOrEqual(bounds(xml, "Gateway_site").y);
    // It still leaves the split and enters the join.
    const split = bounds(xml, "Gateway_site");
    const join = bounds(xml, "Gateway_site_join");
    expect(points[0]![0]).toBe(split.x + split.w / 2);
    expect(points.at(-1)![0]).toBe(join.x + join.w / 2);
  });
});
