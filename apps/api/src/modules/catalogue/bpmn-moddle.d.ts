// bpmn-moddle ships its model types under "bpmn-moddle/types" but none for its entry point; this is
// the part of the entry point the catalogue uses.
declare module "bpmn-moddle" {
  export interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    get(name: string): unknown;
    $instanceOf(type: string): boolean;
    // biome-ignore lint/suspicious/noExplicitAny: moddle elements are dynamic by design
    [key: string]: any;
  }
  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: { message: string; element?: ModdleElement }[];
    elementsById: Record<string, ModdleElement>;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
  }
}
