/**
 * The condition language of exclusive gateways: a small, safe expression over a dossier's fields,
 * e.g. `landArea > 100 and purpose = "residential"`. It is parsed into a plain JSON tree that the
 * process compiler stores and the dossier engine evaluates; nothing is ever `eval`ed.
 *
 *   expr    := or
 *   or      := and (("or" | "||") and)*
 *   and     := unary (("and" | "&&") unary)*
 *   unary   := ("not" | "!") unary | "(" expr ")" | compare
 *   compare := field (op literal | "in" "[" literal ("," literal)* "]")?     (a bare field tests truth)
 *   op      := "=" | "==" | "!=" | "<" | "<=" | ">" | ">="
 *   literal := number | "string" | 'string' | true | false
 *
 * Keywords are also accepted in Vietnamese (`và`, `hoặc`, `không`), since officers type them.
 */

export type TCompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type TLiteral = string | number | boolean;

export type TCondition =
  | { op: "and" | "or"; args: TCondition[] }
  | { op: "not"; arg: TCondition }
  | { op: "cmp"; field: string; cmp: TCompareOp; value: TLiteral }
  | { op: "in"; field: string; values: TLiteral[] }
  | { op: "truthy"; field: string };

/** The type of a dossier field as far as conditions care. */
export type TConditionFieldType = "text" | "number" | "date" | "boolean" | "select";

export interface TConditionField {
  key: string;
  type: TConditionFieldType;
  options?: string[] | null | undefined;
}

export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

type Token =
  | { kind: "ident"; value: string; pos: number }
  | { kind: "number"; value: number; pos: number }
  | { kind: "string"; value: string; pos: number }
  | { kind: "punct"; value: string; pos: number }
  | { kind: "end"; pos: number };

const KEYWORDS: Record<string, string> = {
  and: "and",
  và: "and",
  or: "or",
  hoặc: "or",
  not: "not",
  không: "not",
  in: "in",
  true: "true",
  đúng: "true",
  false: "false",
  sai: "false",
};

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (["<=", ">=", "!=", "==", "&&", "||"].includes(two)) {
      tokens.push({ kind: "punct", value: two === "==" ? "=" : two, pos: i });
      i += 2;
      continue;
    }
    if ("=<>!(),[]".includes(c)) {
      tokens.push({ kind: "punct", value: c, pos: i });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\" && j + 1 < src.length) j++;
        value += src[j];
        j++;
      }
      if (j >= src.length) throw new ConditionSyntaxError("Chuỗi chưa đóng dấu nháy", i);
      tokens.push({ kind: "string", value, pos: i });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?/.exec(src.slice(i));
    if (num && (c !== "-" || /\d/.test(src[i + 1] ?? ""))) {
      tokens.push({ kind: "number", value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const ident = /^[\p{L}_][\p{L}\p{N}_.]*/u.exec(src.slice(i));
    if (ident) {
      tokens.push({ kind: "ident", value: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    throw new ConditionSyntaxError(`Ký tự không hợp lệ "${c}"`, i);
  }
  tokens.push({ kind: "end", pos: src.length });
  return tokens;
}

/** Parses a condition; throws ConditionSyntaxError (Vietnamese message, with the position) when malformed. */
export function parseCondition(source: string): TCondition {
  if (source.length > 2000) throw new ConditionSyntaxError("Điều kiện quá dài (tối đa 2.000 ký tự)", 0);
  const tokens = tokenize(source);
  let p = 0;
  const peek = () => tokens[p]!;
  const keyword = (t: Token) => (t.kind === "ident" ? KEYWORDS[t.value.toLowerCase()] : undefined);
  const isOp = (t: Token, op: string) =>
    (t.kind === "punct" && t.value === op) ||
    keyword(t) === op ||
    (op === "and" && t.kind === "punct" && t.value === "&&") ||
    (op === "or" && t.kind === "punct" && t.value === "||") ||
    (op === "not" && t.kind === "punct" && t.value === "!");
  const expect = (value: string) => {
    const t = peek();
    if (!isOp(t, value)) throw new ConditionSyntaxError(`Thiếu "${value}"`, t.pos);
    p++;
  };
  let depth = 0;

  const literal = (): TLiteral => {
    const t = peek();
    p++;
    if (t.kind === "number" || t.kind === "string") return t.value;
    const k = keyword(t);
    if (k === "true") return true;
    if (k === "false") return false;
    throw new ConditionSyntaxError("Cần một giá trị (số, chuỗi trong dấu nháy, true/false)", t.pos);
  };

  const compare = (): TCondition => {
    const t = peek();
    if (t.kind !== "ident" || keyword(t)) {
      throw new ConditionSyntaxError("Cần tên trường dữ liệu của hồ sơ", t.pos);
    }
    p++;
    const field = t.value;
    const next = peek();
    if (keyword(next) === "in") {
      p++;
      expect("[");
      const values = [literal()];
      while (isOp(peek(), ",")) {
        p++;
        values.push(literal());
      }
      expect("]");
      return { op: "in", field, values };
    }
    if (next.kind === "punct" && ["=", "!=", "<", "<=", ">", ">="].includes(next.value)) {
      p++;
      return { op: "cmp", field, cmp: next.value as TCompareOp, value: literal() };
    }
    return { op: "truthy", field };
  };

  const unary = (): TCondition => {
    if (isOp(peek(), "not")) {
      p++;
      return { op: "not", arg: unary() };
    }
    if (isOp(peek(), "(")) {
      p++;
      if (++depth > 32) throw new ConditionSyntaxError("Lồng ngoặc quá sâu", peek().pos);
      const inner = or();
      depth--;
      expect(")");
      return inner;
    }
    return compare();
  };

  const chain = (op: "and" | "or", next: () => TCondition) => (): TCondition => {
    const args = [next()];
    while (isOp(peek(), op)) {
      p++;
      args.push(next());
    }
    return args.length === 1 ? args[0]! : { op, args };
  };
  const and = chain("and", unary);
  const or = chain("or", and);

  if (peek().kind === "end") throw new ConditionSyntaxError("Điều kiện rỗng", 0);
  const tree = or();
  if (peek().kind !== "end") throw new ConditionSyntaxError("Thừa nội dung sau biểu thức", peek().pos);
  return tree;
}

/** Every field a condition reads. */
export function conditionFields(tree: TCondition): string[] {
  switch (tree.op) {
    case "and":
    case "or":
      return [...new Set(tree.args.flatMap(conditionFields))];
    case "not":
      return conditionFields(tree.arg);
    default:
      return [tree.field];
  }
}

/**
 * Checks a parsed condition against the procedure's dossier fields: unknown fields, and literals of
 * the wrong type (a text compared with `>`, a select value that is not one of its options…).
 * Returns Vietnamese messages; empty when the condition is sound.
 */
export function checkCondition(tree: TCondition, fields: readonly TConditionField[]): string[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const problems: string[] = [];
  const literalFits = (f: TConditionField, v: TLiteral): string | null => {
    switch (f.type) {
      case "number":
        return typeof v === "number" ? null : `trường "${f.key}" là số, không so với ${JSON.stringify(v)}`;
      case "boolean":
        return typeof v === "boolean" ? null : `trường "${f.key}" là đúng/sai, cần true hoặc false`;
      case "date":
        return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)
          ? null
          : `trường "${f.key}" là ngày, cần dạng "YYYY-MM-DD"`;
      case "select":
        if (typeof v !== "string") return `trường "${f.key}" là danh sách chọn, cần giá trị trong dấu nháy`;
        return !f.options?.length || f.options.includes(v)
          ? null
          : `"${v}" không thuộc các lựa chọn của trường "${f.key}" (${f.options.join(", ")})`;
      default:
        return typeof v === "string" ? null : `trường "${f.key}" là văn bản, cần giá trị trong dấu nháy`;
    }
  };
  const visit = (t: TCondition): void => {
    if (t.op === "not") {
      visit(t.arg);
      return;
    }
    if (!("field" in t)) {
      for (const a of t.args) visit(a);
      return;
    }
    const f = byKey.get(t.field);
    if (!f) {
      problems.push(`trường "${t.field}" không có trong dữ liệu hồ sơ của thủ tục`);
      return;
    }
    if (t.op === "truthy") {
      if (f.type !== "boolean") problems.push(`trường "${f.key}" không phải kiểu đúng/sai, cần phép so sánh`);
      return;
    }
    if (t.op === "in") {
      for (const v of t.values) {
        const bad = literalFits(f, v);
        if (bad) problems.push(bad);
      }
      return;
    }
    if (["<", "<=", ">", ">="].includes(t.cmp) && !["number", "date"].includes(f.type)) {
      problems.push(`phép ${t.cmp} chỉ dùng cho số hoặc ngày, trường "${f.key}" không phải`);
      return;
    }
    const bad = literalFits(f, t.value);
    if (bad) problems.push(bad);
  };
  visit(tree);
  return problems;
}

function compareValues(a: unknown, b: TLiteral): number | null {
  if (typeof b === "number") {
    const n = typeof a === "number" ? a : typeof a === "string" && a.trim() !== "" ? Number(a) : Number.NaN;
    return Number.isNaN(n) ? null : n - b;
  }
  if (typeof b === "boolean") return a === b ? 0 : null;
  if (a === null || a === undefined) return null;
  const s = String(a);
  return s === b ? 0 : s < b ? -1 : 1;
}

/**
 * Evaluates a condition over a dossier's data. A missing field makes its comparison false (never
 * an error), so a dossier without the data follows the gateway's default flow.
 */
export function evaluateCondition(tree: TCondition, data: Readonly<Record<string, unknown>>): boolean {
  switch (tree.op) {
    case "and":
      return tree.args.every((a) => evaluateCondition(a, data));
    case "or":
      return tree.args.some((a) => evaluateCondition(a, data));
    case "not":
      return !evaluateCondition(tree.arg, data);
    case "truthy":
      return data[tree.field] === true;
    case "in":
      return tree.values.some((v) => compareValues(data[tree.field], v) === 0);
    case "cmp": {
      const d = compareValues(data[tree.field], tree.value);
      if (d === null) return tree.cmp === "!=" && data[tree.field] !== undefined && data[tree.field] !== null;
      switch (tree.cmp) {
        case "=":
          return d === 0;
        case "!=":
          return d !== 0;
        case "<":
          return d < 0;
        case "<=":
          return d <= 0;
        case ">":
          return d > 0;
        case ">=":
          return d >= 0;
      }
    }
  }
}
