import { eisoModdleDescriptor } from "@eiso/contracts";
import { Alert, Empty, Flex, Spin, Typography } from "antd";
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import { useEffect, useRef, useState } from "react";
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import { useDt } from "./i18n";
import { useDossierProcess } from "./queries";
import "./dossiers.css";

// biome-ignore lint/suspicious/noExplicitAny: bpmn-js services are untyped at this level
type Any = any;

/**
 * The dossier's process as drawn in the catalogue (read-only, pan and zoom), with the steps already
 * done and the ones in progress coloured.
 */
export function ProcessDiagram({ dossierId, finished }: { dossierId: string; finished: boolean }) {
  const dt = useDt();
  const process = useDossierProcess(dossierId);
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<Any>(null);
  const [error, setError] = useState<string | null>(null);
  const [rendered, setRendered] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    viewer.current = new NavigatedViewer({
      container: container.current,
      moddleExtensions: { eiso: eisoModdleDescriptor },
    });
    return () => {
      viewer.current?.destroy();
      viewer.current = null;
    };
  }, []);

  useEffect(() => {
    const v = viewer.current;
    const data = process.data;
    if (!v || !data?.xml) return;
    let cancelled = false;
    v.importXML(data.xml)
      .then(() => {
        if (cancelled) return;
        const canvas = v.get("canvas");
        const registry = v.get("elementRegistry");
        const mark = (id: string, marker: string) => {
          if (registry.get(id)) canvas.addMarker(id, marker);
        };
        // A node sent back and started again is both completed and active: active wins.
        for (const id of data.completed) if (!data.active.includes(id)) mark(id, "eiso-done");
        for (const id of data.active) mark(id, "eiso-active");
        // Start events are passed once the dossier runs; end events once its flow has ended.
        if (data.completed.length || data.active.length)
          for (const e of registry.filter((x: Any) => x.type === "bpmn:StartEvent")) mark(e.id, "eiso-done");
        if (finished && !data.active.length)
          for (const e of registry.filter((x: Any) => x.type === "bpmn:EndEvent")) mark(e.id, "eiso-done");
        canvas.zoom("fit-viewport", "auto");
        setError(null);
        setRendered(true);
      })
      .catch((e: Error) => {
        if (!cancelled) setError(e.message);
      });
    return () => {
      cancelled = true;
    };
  }, [process.data, finished]);

  if (process.data && !process.data.xml) return <Empty description={dt("dossier.noDiagram")} />;
  return (
    <Flex vertical gap={8}>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Spin spinning={process.isLoading}>
        <div
          ref={container}
          className="eiso-dossier-diagram"
          data-testid="process-diagram"
          data-rendered={rendered ? "true" : "false"}
        />
      </Spin>
      <Flex gap={16} wrap>
        <Typography.Text type="secondary">
          <span className="eiso-legend eiso-legend-done" /> {dt("dossier.legendDone")}
        </Typography.Text>
        <Typography.Text type="secondary">
          <span className="eiso-legend eiso-legend-active" /> {dt("dossier.legendActive")}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
