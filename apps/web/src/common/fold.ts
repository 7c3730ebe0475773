/**
 * Folds Vietnamese text for accent-insensitive matching, as the API does: "ho khau" finds "hộ khẩu",
 * "Đ" matches "d".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** An antd Select/TreeSelect filter over the option's label, accent-insensitive. */
export function foldedIncludes(haystack: unknown, needle: string): boolean {
  return foldVietnamese(String(haystack ?? "")).includes(foldVietnamese(needle));
}

/** antd Select search over option labels, accent-insensitive ("quan tri" finds "Quản trị"). */
export const labelSearch = {
  filterOption: (input: string, option?: { label?: unknown }) => foldedIncludes(option?.label, input),
};
