import { DownloadOutlined, PrinterOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { ItemList } from "../common/ItemList";
import { type DossierKey, useDt } from "./i18n";
import { formatShortDateTime } from "./labels";
import { dossierLinks, type TDossierDetail } from "./queries";

/** Print (HTML, new tab) and DOCX buttons of one form of a dossier. */
export function FormLinks({ dossierId, formNo }: { dossierId: string; formNo: string }) {
  const dt = useDt();
  return (
    <Flex gap={6}>
      <Button
        size="small"
        icon={<PrinterOutlined />}
        href={dossierLinks.form(dossierId, formNo, "html")}
        target="_blank"
        rel="noopener"
        data-testid={`print-form-${formNo}`}
      >
        {dt("common.print")}
      </Button>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        href={dossierLinks.form(dossierId, formNo, "docx")}
        data-testid={`docx-form-${formNo}`}
      >
        DOCX
      </Button>
    </Flex>
  );
}

/** The forms issued for the dossier (01–05 as they were issued) and the control sheet (06), always. */
export function FormsCard({ dossier }: { dossier: TDossierDetail }) {
  const dt = useDt();
  const issued = dossier.forms.filter((f) => f.formNo !== "06");
  const rows = [
    ...issued.map((f) => ({
      key: f.id,
      formNo: f.formNo,
      when: dt("forms.issued", { at: formatShortDateTime(f.createdAt) }),
    })),
    { key: "06", formNo: "06", when: dt("forms.always") },
  ];
  return (
    <ItemList
      testId="dossier-forms"
      items={rows.map((r) => ({
        key: r.key,
        title: (
          <Typography.Text>
            <Typography.Text strong>{dt("forms.form", { no: r.formNo })}</Typography.Text> ·{" "}
            {dt(`forms.${r.formNo}` as DossierKey)}
          </Typography.Text>
        ),
        description: r.when,
        extra: <FormLinks dossierId={dossier.id} formNo={r.formNo} />,
      }))}
    />
  );
}
