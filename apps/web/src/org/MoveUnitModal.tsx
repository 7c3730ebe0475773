import type { TUnit } from "@eiso/contracts";
import { Alert, Form, Modal } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { showSuccess } from "../api/feedback";
import { useCanAt } from "../auth/scope";
import { useMoveUnit, useUnits } from "./queries";
import { UnitSelect } from "./UnitSelect";
import { subtreeIds } from "./unit-tree";

/** Moves a unit (with its whole subtree) under another parent. */
export function MoveUnitModal({ unit, onClose }: { unit: TUnit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ newParentId: string }>();
  const { data: units = [] } = useUnits(false);
  const move = useMoveUnit();
  const canAt = useCanAt();
  // A unit cannot go under itself, its descendants, or stay where it is.
  const blocked = useMemo(() => {
    if (!unit) return new Set<string>();
    const ids = subtreeIds(units, unit);
    if (unit.parentId) ids.add(unit.parentId);
    return ids;
  }, [units, unit]);
  return (
    <Modal
      open={!!unit}
      title={t("units.moveTitle", { name: unit?.name ?? "" })}
      okText={t("units.move")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      destroyOnHidden
      width={600}
    >
      <Alert type="info" showIcon title={t("units.moveText")} style={{ marginBottom: 16 }} />
      <Form
        name="move-unit"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          unit &&
          move.mutate(
            { id: unit.id, newParentId: v.newParentId },
            {
              onSuccess: () => {
                showSuccess(t("units.moved"));
                form.resetFields();
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="newParentId"
          label={t("units.newParent")}
          rules={[
            {
              required: true,
              message: t("common.requiredSelect", { field: t("units.newParent").toLowerCase() }),
            },
          ]}
        >
          <UnitSelect disabledIds={blocked} selectable={(u) => canAt("org.unit.manage", u)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
