/**
 * The `eiso` BPMN extension: the attributes a user task carries in the XML. bpmn-moddle on the
 * server and bpmn-js in the browser load this same descriptor, so both read and write the same XML:
 *
 *   <bpmn:userTask id="Task_1" name="Thẩm định" eiso:stepKind="process" eiso:unit="@field_division"
 *                  eiso:role="officer" eiso:hours="16" eiso:requiredDocuments="Dự thảo kết quả;Phiếu thẩm định" />
 *
 * `eiso:unit` is a unit id (absolute) or one of the relative references in `relativeUnits`
 * ("@agency", "@field_division", "@reception_desk"), resolved against the agency that receives the
 * dossier. `eiso:requiredDocuments` lists, separated by ";", the documents that must be attached to the
 * dossier before the step may complete (see `requiredDocumentList`). Conditions live in the standard `bpmn:conditionExpression` of sequence flows; timers in
 * the standard `bpmn:timerEventDefinition/timeDuration` (ISO 8601, a day being one working day).
 */
export const eisoModdleDescriptor = {
  name: "eISO",
  prefix: "eiso",
  uri: "http://eiso.gov.vn/schema/bpmn/1.0",
  xml: { tagAlias: "lowerCase" },
  associations: [],
  types: [
    {
      name: "StepProperties",
      extends: ["bpmn:UserTask"],
      properties: [
        { name: "stepKind", isAttr: true, type: "String" },
        { name: "unit", isAttr: true, type: "String" },
        { name: "role", isAttr: true, type: "String" },
        { name: "hours", isAttr: true, type: "Real" },
        { name: "requiredDocuments", isAttr: true, type: "String" },
      ],
    },
  ],
} as const;

export const EISO_NAMESPACE = eisoModdleDescriptor.uri;
